package io.github.splunkdeltabridge.localstack;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * A Kafka Connect distributed worker, started as {@code connect-distributed.sh} starts one, from the worker
 * properties users deploy ({@code config/connect-worker.properties}) with the local addresses filled in. It loads
 * the connectors as users install them: from the unpacked plugin zips in its {@code plugin.path}, each plugin on a
 * class loader of its own. They are not on this JVM's class path, so every run tests the packaging.
 */
final class ConnectWorker implements AutoCloseable {

    private final Connect<?> connect;
    private final URI restUri;

    private ConnectWorker(Connect<?> connect, URI restUri) {
        this.connect = connect;
        this.restUri = restUri;
    }

    static ConnectWorker start(Path workerProperties, Path pluginDir, String bootstrapServers, int restPort) {
        Map<String, String> settings =
                localSettings(readProperties(workerProperties), pluginDir, bootstrapServers, restPort);
        try {
            Connect<?> connect = new ConnectDistributed().startConnect(settings);
            return new ConnectWorker(connect, URI.create("http://127.0.0.1:" + restPort + "/"));
        } catch (RuntimeException e) {
            throw new StackException("The Kafka Connect worker did not start: " + e.getMessage(), e);
        }
    }

    /**
     * The shipped worker settings with this machine's addresses and plugin directory, faster offset commits and file
     * secrets.
     */
    static Map<String, String> localSettings(
            Properties shipped, Path pluginDir, String bootstrapServers, int restPort) {
        Map<String, String> settings = new TreeMap<>();
        shipped.stringPropertyNames().forEach(name -> settings.put(name, shipped.getProperty(name)));
        settings.put("bootstrap.servers", bootstrapServers);
        settings.put("listeners", "http://127.0.0.1:" + restPort);
        settings.put("rest.advertised.host.name", "127.0.0.1");
        settings.put("plugin.path", requirePlugins(pluginDir).toString());
        // Both plugins ship ServiceLoader manifests (the worker logs that it could use them): reading those instead
        // of scanning every class of the class path and of plugin.path starts a worker in seconds, not a minute.
        settings.put("plugin.discovery", "service_load");
        // Commit sink offsets every few seconds so the summary does not wait on the production interval.
        settings.put("offset.flush.interval.ms", "5000");
        // The sink follows topics.regex; a consumer notices new matching topics only when it refreshes metadata
        // (every 5 minutes by default), and the source creates its topics as it goes.
        settings.put("consumer.metadata.max.age.ms", "5000");
        // The emulator's token and the local S3 keys live in a file of the data folder: ${file:...} references.
        settings.put("config.providers", "env,file");
        settings.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        return settings;
    }

    /** The directory must hold both unpacked plugins, or the worker would start without them and fail later. */
    static Path requirePlugins(Path pluginDir) {
        Path dir = pluginDir.toAbsolutePath().normalize();
        for (String plugin : List.of("splunk-delta-bridge-splunk-source-", "splunk-delta-bridge-s3-sink-")) {
            boolean present;
            try (Stream<Path> entries = Files.list(dir)) {
                present = entries.anyMatch(entry ->
                        entry.getFileName().toString().startsWith(plugin) && Files.isDirectory(entry.resolve("lib")));
            } catch (IOException e) {
                present = false;
            }
            if (!present) {
                throw new StackException("No unpacked " + plugin + "<version> plugin in " + dir
                        + "; build the plugins with ./mvnw -B install -DskipTests (bin/local-pipeline --rebuild)");
            }
        }
        return dir;
    }

    private static Properties readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new StackException("Cannot read the worker settings " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }

    URI restUri() {
        return restUri;
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
