package io.github.splunkdeltabridge.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** An S3-compatible server in this JVM: s3proxy over a local directory, on loopback, as the sink's tests use. */
final class LocalS3 implements AutoCloseable {

    private static final String ACCESS_KEY = "benchmark-access-key";
    private static final String SECRET_KEY = "benchmark-secret-key";

    private final S3Proxy proxy;
    private final S3Client client;

    LocalS3(Path dir) throws Exception {
        Path store = Files.createDirectories(dir);
        proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(store.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        client = S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    List<S3Object> objects(String bucket) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .toList();
    }

    void deleteBucket(String bucket) {
        for (S3Object object : objects(bucket)) {
            client.deleteObject(b -> b.bucket(bucket).key(object.key()));
        }
        client.deleteBucket(b -> b.bucket(bucket));
    }

    /** The sink's S3 settings for a bucket of this server. */
    Map<String, String> sinkSettings(String bucket) {
        Map<String, String> settings = new HashMap<>();
        settings.put("s3.bucket.name", bucket);
        settings.put("store.url", endpoint().toString());
        settings.put("s3.region", "us-east-1");
        settings.put("s3.path.style.access.enabled", "true");
        settings.put("aws.access.key.id", ACCESS_KEY);
        settings.put("aws.secret.access.key", SECRET_KEY);
        return settings;
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
