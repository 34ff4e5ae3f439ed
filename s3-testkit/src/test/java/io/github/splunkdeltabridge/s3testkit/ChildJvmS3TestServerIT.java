package io.github.splunkdeltabridge.s3testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** The server in a JVM of its own (for Spark's class path) behaves as the in-process one and stops with close(). */
class ChildJvmS3TestServerIT {

    @TempDir
    Path dir;

    @Test
    void aServerInAChildJvmStoresObjectsRecordsWritesAndStopsWhenClosed() throws Exception {
        S3TestServer s3 = S3TestServer.builder(dir.resolve("store"))
                .credentials("child-key", "child-secret")
                .inChildJvm()
                .start();
        int port = s3.port();
        try {
            s3.createBucket("landing");
            s3.client().putObject(b -> b.bucket("landing").key("a/b"), RequestBody.fromString("hello"));

            assertThat(s3.keys("landing")).containsExactly("a/b");
            assertThat(new String(s3.read("landing", "a/b"), StandardCharsets.UTF_8))
                    .isEqualTo("hello");
            // The write line arrives on the child's output, shortly after the response.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (s3.writes().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(s3.writes()).containsExactly(new ObjectWrite("landing", "a/b"));
        } finally {
            s3.close();
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port)) {
            assertThat(socket.getLocalPort()).as("the port is free again").isEqualTo(port);
        }
    }
}
