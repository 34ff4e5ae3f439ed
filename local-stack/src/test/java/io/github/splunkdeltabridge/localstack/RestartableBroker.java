package io.github.splunkdeltabridge.localstack;

import java.nio.file.Path;

/**
 * The local stack's KRaft broker that can be shut down and started again on the same ports and log directory, as a
 * broker restarts in a rolling upgrade: the topics, the committed offsets and the transaction state survive.
 */
final class RestartableBroker implements AutoCloseable {

    private final Path dataDir;
    private final String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
    private final int port = PortCheck.anyFree();
    private final int controllerPort = PortCheck.anyFree();
    private KafkaBroker broker;

    RestartableBroker(Path dataDir) {
        this.dataDir = dataDir;
        start();
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** A controlled shutdown, as {@code kafka-server-stop.sh} does. */
    void stop() {
        broker.close();
        broker = null;
    }

    void start() {
        broker = KafkaBroker.start(dataDir, clusterId, port, controllerPort);
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
