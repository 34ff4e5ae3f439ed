package io.github.splunkdeltabridge.localstack;

import io.github.splunkdeltabridge.s3testkit.ObjectWrite;
import io.github.splunkdeltabridge.s3testkit.S3TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local stack's S3 server that can go away (connections refused, uploads fail) and come back on the same port
 * and directory with the same objects, as S3 after an outage. It keeps the writes every run of the server accepted
 * or refused, so a test can check that no key was written twice across the outage.
 */
final class RestartableS3 implements AutoCloseable {

    private final Path storeDir;
    private final int port;
    private final LocalSecrets secrets;
    private final List<ObjectWrite> earlierWrites = new ArrayList<>();
    private S3TestServer server;

    RestartableS3(Path storeDir, LocalSecrets secrets) {
        this.storeDir = storeDir;
        this.port = PortCheck.anyFree();
        this.secrets = secrets;
        start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The server running now. */
    S3TestServer server() {
        if (server == null) {
            throw new IllegalStateException("The S3 server is stopped");
        }
        return server;
    }

    void stop() {
        earlierWrites.addAll(server.writes());
        earlierWrites.addAll(server.refusedWrites());
        server.close();
        server = null;
    }

    void start() {
        server = LocalPipeline.startS3Server(storeDir, port, secrets);
    }

    /** The writes accepted by every run of the server, in order. */
    List<ObjectWrite> writes() {
        return all().stream().filter(ObjectWrite::accepted).toList();
    }

    /** The writes refused by every run of the server (a key already taken), in order. */
    List<ObjectWrite> refusedWrites() {
        return all().stream().filter(write -> !write.accepted()).toList();
    }

    private List<ObjectWrite> all() {
        List<ObjectWrite> all = new ArrayList<>(earlierWrites);
        if (server != null) {
            all.addAll(server.writes());
            all.addAll(server.refusedWrites());
        }
        return all;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
