package io.github.splunkdeltabridge.localstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3-compatible server (s3proxy) on loopback that keeps buckets as directories of the data folder, with AWS
 * signature checks on, so the sink and the Delta job authenticate as they would against S3.
 */
final class S3Server implements AutoCloseable {

    private final S3Proxy proxy;

    private S3Server(S3Proxy proxy) {
        this.proxy = proxy;
    }

    static S3Server start(Path storeDir, int port, LocalSecrets secrets) {
        try {
            Files.createDirectories(storeDir);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(storeDir.toString()))
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(
                            AuthenticationType.AWS_V2_OR_V4, secrets.s3AccessKeyId(), secrets.s3SecretAccessKey())
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
                    throw new StackException(
                            "The S3 server (s3proxy) did not start on port " + port + ": " + proxy.getState());
                }
                Thread.sleep(20);
            }
            return new S3Server(proxy);
        } catch (IOException e) {
            throw new StackException("Cannot create the S3 data folder " + storeDir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while starting the S3 server", e);
        } catch (StackException e) {
            throw e;
        } catch (Exception e) {
            throw new StackException(
                    "The S3 server (s3proxy) did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
