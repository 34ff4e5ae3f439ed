package io.github.splunkdeltabridge.s3testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The server of {@link S3TestServer.Builder#inChildJvm()}: starts s3proxy, prints {@code PORT <n>}, then one line per
 * accepted write, and stops when its standard input closes, so it never outlives the JVM that started it.
 *
 * <p>Arguments: store directory, port (0 for a free one). Credentials come in the environment, never the command line.
 */
public final class S3TestServerMain {

    static final String ACCESS_KEY_ENV = "S3_TEST_SERVER_ACCESS_KEY";
    static final String SECRET_KEY_ENV = "S3_TEST_SERVER_SECRET_KEY";

    private S3TestServerMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: S3TestServerMain STORE_DIR PORT");
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ServerProcess server = InProcessS3Proxy.start(
                Path.of(args[0]),
                Integer.parseInt(args[1]),
                System.getenv(ACCESS_KEY_ENV),
                System.getenv(SECRET_KEY_ENV),
                write -> {
                    synchronized (out) {
                        out.println(write.toLine());
                    }
                });
        synchronized (out) {
            out.println("PORT " + server.port());
        }
        while (System.in.read() >= 0) {
            // Nothing is sent; end of input means the parent closed the pipe or died.
        }
        server.close();
        System.exit(0);
    }
}
