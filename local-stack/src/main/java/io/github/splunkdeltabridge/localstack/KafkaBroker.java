package io.github.splunkdeltabridge.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka cluster in KRaft combined mode (broker and controller in one), made of Kafka's production
 * classes: the storage is formatted as {@code kafka-storage.sh format} does, then {@link KafkaRaftServer} runs as
 * under {@code kafka-server-start.sh}. Its log directory lives in the stack's data folder, so topics survive a restart.
 */
final class KafkaBroker implements AutoCloseable {

    private final int port;
    private final KafkaRaftServer server;

    private KafkaBroker(int port, KafkaRaftServer server) {
        this.port = port;
        this.server = server;
    }

    static KafkaBroker start(Path dataDir, String clusterId, int port, int controllerPort) {
        Properties props = serverProperties(dataDir, port, controllerPort);
        Path configFile = dataDir.resolve("server.properties");
        try {
            Files.createDirectories(dataDir);
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "Written by bin/local-pipeline on every start");
            }
        } catch (IOException e) {
            throw new StackException("Cannot write " + configFile + ": " + e.getMessage(), e);
        }
        format(configFile, clusterId);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            throw new StackException("The Kafka broker did not start: " + e.getMessage(), e);
        }
        return new KafkaBroker(port, server);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private static Properties serverProperties(Path dataDir, int port, int controllerPort) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("log.dirs", dataDir.resolve("logs").toString());
        // One broker: every internal topic has a single replica.
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics the source creates get two partitions, so both sink tasks have work.
        props.setProperty("num.partitions", "2");
        // Backfilled records carry their (old) event time as timestamp; accept any age.
        props.setProperty("log.message.timestamp.before.max.ms", String.valueOf(Long.MAX_VALUE));
        return props;
    }

    /** kafka-storage.sh format --ignore-formatted: a no-op after the first start, so data survives restarts. */
    private static void format(Path configFile, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode = StorageTool.execute(
                new String[] {
                    "format", "--config", configFile.toString(), "--cluster-id", clusterId, "--ignore-formatted"
                },
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exitCode != 0) {
            throw new StackException("Formatting Kafka's storage failed: "
                    + output.toString(StandardCharsets.UTF_8).trim());
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
