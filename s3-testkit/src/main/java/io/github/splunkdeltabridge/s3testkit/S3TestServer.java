package io.github.splunkdeltabridge.s3testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The project's S3-compatible server for tests, the local stack and the benchmarks: s3proxy on loopback, keeping each
 * bucket as a directory of the store directory, with AWS signature checks on so clients authenticate as against S3.
 * A server started again on the same directory and port serves the same objects.
 *
 * <p>By default s3proxy runs in this JVM. {@link Builder#inChildJvm()} runs it in a JVM of its own, for class paths
 * that cannot hold s3proxy 4.x (Spark 4.1's Jetty and hadoop-aws 3.4's AWS SDK); such users exclude s3proxy from
 * their dependency on this kit. Either way the server records every object write it accepts ({@link #writes()}).
 */
public final class S3TestServer implements AutoCloseable {

    public static final String DEFAULT_ACCESS_KEY = "test-access-key";
    public static final String DEFAULT_SECRET_KEY = "test-secret-key-never-logged";
    public static final String REGION = "us-east-1";

    private final ServerProcess process;
    private final String accessKey;
    private final String secretKey;
    private final List<ObjectWrite> writes;
    private final S3Client client;

    private S3TestServer(ServerProcess process, String accessKey, String secretKey, List<ObjectWrite> writes) {
        this.process = process;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.writes = writes;
        this.client = S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    /** A server in this JVM on a free port with the default credentials. */
    public static S3TestServer start(Path storeDir) {
        return builder(storeDir).start();
    }

    public static Builder builder(Path storeDir) {
        return new Builder(storeDir);
    }

    public static final class Builder {
        private final Path storeDir;
        private int port;
        private String accessKey = DEFAULT_ACCESS_KEY;
        private String secretKey = DEFAULT_SECRET_KEY;
        private boolean childJvm;

        private Builder(Path storeDir) {
            this.storeDir = storeDir;
        }

        /** The port to listen on; 0 (the default) for a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder credentials(String accessKey, String secretKey) {
            this.accessKey = accessKey;
            this.secretKey = secretKey;
            return this;
        }

        /** Runs s3proxy in a JVM of its own, whose class path the kit's build recorded. */
        public Builder inChildJvm() {
            this.childJvm = true;
            return this;
        }

        public S3TestServer start() {
            try {
                Files.createDirectories(storeDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the S3 store directory " + storeDir, e);
            }
            List<ObjectWrite> writes = new CopyOnWriteArrayList<>();
            ServerProcess process = childJvm
                    ? ChildJvmS3Proxy.start(storeDir, port, accessKey, secretKey, writes::add)
                    : InProcessS3Proxy.start(storeDir, port, accessKey, secretKey, writes::add);
            return new S3TestServer(process, accessKey, secretKey, writes);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + process.port());
    }

    public int port() {
        return process.port();
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** A client of this server (path-style, signed with its credentials); closed with the server. */
    public S3Client client() {
        return client;
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    /** Deletes every object of the bucket, then the bucket. */
    public void deleteBucket(String bucket) {
        for (S3Object object : objects(bucket)) {
            client.deleteObject(b -> b.bucket(bucket).key(object.key()));
        }
        client.deleteBucket(b -> b.bucket(bucket));
    }

    /** Every key in the bucket, sorted. */
    public List<String> keys(String bucket) {
        return objects(bucket).stream().map(S3Object::key).sorted().toList();
    }

    public List<S3Object> objects(String bucket) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .toList();
    }

    public byte[] read(String bucket, String key) {
        return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    /** Writes the object to {@code file}, which must not exist yet. */
    public void download(String bucket, String key, Path file) {
        client.getObject(b -> b.bucket(bucket).key(key), file);
    }

    public void upload(String bucket, String key, Path file) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
    }

    /** Uploads every file under {@code localRoot}, keyed by its path relative to it; answers the keys. */
    public List<String> uploadTree(String bucket, Path localRoot) {
        try (Stream<Path> files = Files.walk(localRoot)) {
            List<Path> regular = files.filter(Files::isRegularFile).sorted().toList();
            List<String> keys = regular.stream()
                    .map(file -> localRoot.relativize(file).toString().replace('\\', '/'))
                    .toList();
            for (int i = 0; i < regular.size(); i++) {
                upload(bucket, keys.get(i), regular.get(i));
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every object write this server accepted since it started, in order. */
    public List<ObjectWrite> writes() {
        return writes.stream().filter(ObjectWrite::accepted).toList();
    }

    /** Every object write this server refused since it started (e.g. If-None-Match on a taken key), in order. */
    public List<ObjectWrite> refusedWrites() {
        return writes.stream().filter(write -> !write.accepted()).toList();
    }

    /**
     * The S3 sink's settings that point at a bucket of this server (the sink's key names; the sink's tests check them
     * against its ConfigDef).
     */
    public Map<String, String> sinkSettings(String bucket) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("s3.bucket.name", bucket);
        settings.put("store.url", endpoint().toString());
        settings.put("s3.region", REGION);
        settings.put("s3.path.style.access.enabled", "true");
        settings.put("aws.access.key.id", accessKey);
        settings.put("aws.secret.access.key", secretKey);
        return settings;
    }

    /** Hadoop settings that point s3a at this server for one bucket, leaving every other bucket alone. */
    public Map<String, String> s3aSettings(String bucket) {
        String prefix = "fs.s3a.bucket." + bucket + ".";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(prefix + "endpoint", endpoint().toString());
        settings.put(prefix + "endpoint.region", REGION);
        settings.put(prefix + "path.style.access", "true");
        settings.put(prefix + "connection.ssl.enabled", "false");
        settings.put(prefix + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        settings.put(prefix + "access.key", accessKey);
        settings.put(prefix + "secret.key", secretKey);
        return settings;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            process.close();
        }
    }
}
