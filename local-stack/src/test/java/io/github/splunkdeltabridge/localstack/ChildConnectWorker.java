package io.github.splunkdeltabridge.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * A Connect distributed worker in a JVM of its own ({@code connect-distributed.sh} in all but name), so a test can
 * kill it with SIGKILL at any point, as a crashed or OOM-killed worker dies (no shutdown hooks, no final commits), or
 * run a worker of another Kafka release on that release's jars. It loads the connectors from its plugin.path.
 */
final class ChildConnectWorker implements AutoCloseable {

    private final Path propertiesFile;
    private final Path dir;
    private int starts;
    private final int restPort;
    private final String classPath;
    private final Map<String, String> environment = new HashMap<>();
    private Process process;

    /** A worker on this JVM's Kafka jars. */
    ChildConnectWorker(Path dir, Map<String, String> settings, int restPort) throws IOException {
        this(dir, settings, restPort, System.getProperty("java.class.path"));
    }

    /** A worker on the given class path, e.g. the jars of another Kafka release. */
    ChildConnectWorker(Path dir, Map<String, String> settings, int restPort, String classPath) throws IOException {
        this.classPath = classPath;
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path file : old.filter(f -> f.getFileName().toString().startsWith("worker-"))
                    .toList()) {
                Files.delete(file);
            }
        }
        this.propertiesFile = dir.resolve("worker.properties");
        this.dir = dir;
        this.restPort = restPort;
        Properties properties = new Properties();
        properties.putAll(settings);
        try (OutputStream out = Files.newOutputStream(propertiesFile)) {
            properties.store(out, null);
        }
    }

    /** Environment variables of the worker's process from its next start on, e.g. an EKS pod's IRSA variables. */
    ChildConnectWorker environment(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    URI restUri() {
        return URI.create("http://127.0.0.1:" + restPort + "/");
    }

    /** Each start logs to a file of its own (worker-N.log), so the logs of killed workers survive. */
    void start() throws Exception {
        Path logFile = dir.resolve("worker-" + ++starts + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java,
                        "-Xmx1g",
                        "-Dorg.slf4j.simpleLogger.logFile=" + logFile,
                        "-Dorg.slf4j.simpleLogger.showDateTime=true",
                        "-cp",
                        classPath,
                        "org.apache.kafka.connect.cli.ConnectDistributed",
                        propertiesFile.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("worker-" + starts + ".out").toFile()));
        // The developer's or CI's AWS settings must not reach a test worker: only what the test gives.
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        // Plugin scanning alone can take a minute on a busy 2-core machine.
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The worker exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(restUri().resolve("connectors"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The worker's REST API did not come up; see " + logFile);
    }

    /** The log of the latest start. */
    Path logFile() {
        return dir.resolve("worker-" + starts + ".log");
    }

    /** How many lines of the latest start's log match {@code line}: what the worker has said it did. */
    long logLines(Predicate<String> line) throws IOException {
        try (var lines = Files.lines(logFile())) {
            return lines.filter(line).count();
        }
    }

    /** SIGKILL: the worker gets no chance to commit, flush or leave its group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
