package io.github.splunkdeltabridge.s3testkit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/** s3proxy in this JVM, over a local directory, with AWS signature checks on. */
final class InProcessS3Proxy implements ServerProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;

    private InProcessS3Proxy(S3Proxy proxy) {
        this.proxy = proxy;
    }

    /** Answers the interface type, so that loading {@link S3TestServer} never loads s3proxy's classes. */
    static ServerProcess start(
            Path store, int port, String accessKey, String secretKey, Consumer<ObjectWrite> onWrite) {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new RecordingBlobStore(new FilesystemNio2BlobStore(store.toString()), onWrite))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                // Role credentials (STS: assume-role, IRSA) send their session token as x-amz-security-token, which
                // s3proxy otherwise answers with 501; the signature, which covers the token, is still checked.
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!"STARTED".equals(proxy.getState())) {
                if ("FAILED".equals(proxy.getState()) || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("s3proxy did not start on port " + port + ": " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while s3proxy started", e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start on port " + port + ": " + e.getMessage(), e);
        }
        return new InProcessS3Proxy(proxy);
    }

    @Override
    public int port() {
        return proxy.getPort();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }
}
