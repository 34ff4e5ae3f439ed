package io.github.splunkdeltabridge.s3testkit;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * s3proxy in a JVM of its own, for test class paths that cannot hold it (Spark's Jetty and hadoop-aws's AWS SDK are
 * older than s3proxy 4.x needs). Its class path is the one this module's build recorded; its log goes to a file
 * beside the store directory.
 */
final class ChildJvmS3Proxy implements ServerProcess {

    private static final String CLASSPATH_RESOURCE = "META-INF/splunk-delta-bridge/s3-testkit-classpath.txt";
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final int port;

    private ChildJvmS3Proxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(
            Path store, int port, String accessKey, String secretKey, Consumer<ObjectWrite> onWrite) {
        Path log = store.resolveSibling(store.getFileName() + "-s3proxy.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        classPath(),
                        S3TestServerMain.class.getName(),
                        store.toAbsolutePath().toString(),
                        String.valueOf(port))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put(S3TestServerMain.ACCESS_KEY_ENV, accessKey);
        builder.environment().put(S3TestServerMain.SECRET_KEY_ENV, secretKey);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start a JVM for the S3 test server: " + e.getMessage(), e);
        }
        CompletableFuture<Integer> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(process, started, onWrite), "s3-test-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ChildJvmS3Proxy(process, started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("The S3 test server's JVM did not start; see " + log, e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the S3 test server's JVM started", e);
        }
    }

    private static void readOutput(Process process, CompletableFuture<Integer> started, Consumer<ObjectWrite> onWrite) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("PORT ")) {
                    started.complete(Integer.parseInt(line.substring(5).trim()));
                } else if (line.startsWith("WRITE\t") || line.startsWith("REFUSED\t")) {
                    onWrite.accept(ObjectWrite.fromLine(line));
                }
            }
        } catch (IOException | RuntimeException e) {
            started.completeExceptionally(e);
        }
        started.completeExceptionally(new IllegalStateException("exited with code " + exitCode(process)));
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "(still running)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown)";
        }
    }

    /** The kit's own classes (a jar, or a classes directory in a reactor build) and the recorded dependencies. */
    private static String classPath() {
        try (InputStream in = ChildJvmS3Proxy.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build s3-testkit with Maven");
            }
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            Path kit = Path.of(ChildJvmS3Proxy.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            List<String> missing = List.of(dependencies.split(File.pathSeparator)).stream()
                    .filter(entry -> !entry.isBlank() && !Files.exists(Path.of(entry)))
                    .limit(3)
                    .toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("The S3 test server's recorded class path names missing files, e.g. "
                        + missing + ": rebuild s3-testkit");
            }
            return kit + File.pathSeparator + dependencies;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot read the S3 test server's class path: " + e.getMessage(), e);
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
