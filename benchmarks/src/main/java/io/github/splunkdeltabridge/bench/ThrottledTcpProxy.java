package io.github.splunkdeltabridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/**
 * A loopback TCP proxy that passes bytes towards the target at a limited rate per connection, so that uploads to
 * the in-process S3 server take network-like time (the sink's uploads to a real S3 region) instead of a memory copy.
 * Answers come back unthrottled.
 */
final class ThrottledTcpProxy implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long bytesPerSecond;

    ThrottledTcpProxy(URI target, long bytesPerSecond) throws IOException {
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        this.bytesPerSecond = bytesPerSecond;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "throttled-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                pump(client, upstream, bytesPerSecond, "throttled-proxy-up");
                pump(upstream, client, 0, "throttled-proxy-down");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Copies {@code from} to {@code to} on a thread of its own, at most {@code rate} bytes/s (0: no limit). */
    private static void pump(Socket from, Socket to, long rate, String name) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[CHUNK];
                    long start = System.nanoTime();
                    long sent = 0;
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            out.write(buffer, 0, n);
                            out.flush();
                            sent += n;
                            if (rate > 0) {
                                long due = start + sent * 1_000_000_000L / rate;
                                long wait = due - System.nanoTime();
                                if (wait > 0) {
                                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                } else if (wait < -100_000_000L) {
                                    // An idle connection (keep-alive) does not bank credit for a later burst.
                                    start = System.nanoTime();
                                    sent = 0;
                                }
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        // One side closed.
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
