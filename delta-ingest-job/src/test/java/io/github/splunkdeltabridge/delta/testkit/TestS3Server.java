package io.github.splunkdeltabridge.delta.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An in-process S3-compatible server: s3proxy on a loopback port, storing objects in a local directory through
 * jclouds' filesystem blob store. The tests talk to it over HTTP with the AWS SDK (uploads) and s3a (the job).
 */
public final class TestS3Server implements AutoCloseable {

    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key";

    private final S3Proxy proxy;
    private final BlobStoreContext blobStore;
    private final URI endpoint;
    private final S3Client client;

    private TestS3Server(S3Proxy proxy, BlobStoreContext blobStore, URI endpoint) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
        this.client = S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public static TestS3Server start(Path storage) throws Exception {
        Files.createDirectories(storage);
        Properties settings = new Properties();
        settings.setProperty(FilesystemConstants.PROPERTY_BASEDIR, storage.toString());
        BlobStoreContext blobStore =
                ContextBuilder.newBuilder("filesystem").overrides(settings).buildView(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new TestS3Server(proxy, blobStore, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    public void createBucket(String bucket) {
        client.createBucket(request -> request.bucket(bucket));
    }

    /** Uploads every file under {@code localRoot}, keyed by its path relative to it. */
    public List<String> uploadTree(String bucket, Path localRoot) {
        try (Stream<Path> files = Files.walk(localRoot)) {
            List<Path> regular = files.filter(Files::isRegularFile).sorted().toList();
            for (Path file : regular) {
                upload(bucket, localRoot.relativize(file).toString().replace('\\', '/'), file);
            }
            return regular.stream().map(f -> localRoot.relativize(f).toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void upload(String bucket, String key, Path file) {
        client.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromFile(file));
    }

    /** Points s3a at this server for one bucket (per-bucket settings leave every other bucket alone). */
    public void configureS3a(Configuration hadoop, String bucket) {
        String prefix = "fs.s3a.bucket." + bucket + ".";
        hadoop.set(prefix + "endpoint", endpoint.toString());
        hadoop.set(prefix + "endpoint.region", "us-east-1");
        hadoop.set(prefix + "path.style.access", "true");
        hadoop.set(prefix + "connection.ssl.enabled", "false");
        hadoop.set(prefix + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        hadoop.set(prefix + "access.key", ACCESS_KEY);
        hadoop.set(prefix + "secret.key", SECRET_KEY);
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        } finally {
            blobStore.close();
        }
    }
}
