package io.github.splunkdeltabridge.sink;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A real S3-compatible server (s3proxy on a local directory) on loopback, with helpers to read what landed. */
final class InProcessS3 implements AutoCloseable {

    static final String ACCESS_KEY = "test-access-key";
    static final String SECRET_KEY = "test-secret-key-never-logged";

    private final S3Proxy proxy;
    private final S3Client client;
    private final Path downloads;

    InProcessS3(Path dir) throws Exception {
        this(dir, 0);
    }

    /** On a given port (0: any free one); a server started again on the same port and directory has the same data. */
    InProcessS3(Path dir, int port) throws Exception {
        Path store = Files.createDirectories(dir.resolve("store"));
        downloads = Files.createDirectories(dir.resolve("downloads"));
        proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(store.toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
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

    /** The sink settings that point at this server. */
    Map<String, String> sinkSettings(String bucket) {
        Map<String, String> settings = new HashMap<>();
        settings.put(S3SinkConfig.BUCKET, bucket);
        settings.put(S3SinkConfig.STORE_URL, endpoint().toString());
        settings.put(S3SinkConfig.REGION, "us-east-1");
        settings.put(S3SinkConfig.PATH_STYLE, "true");
        settings.put(S3SinkConfig.ACCESS_KEY_ID, ACCESS_KEY);
        settings.put(S3SinkConfig.SECRET_ACCESS_KEY, SECRET_KEY);
        return settings;
    }

    /** Every key in the bucket, sorted. */
    List<String> keys(String bucket) {
        return objects(bucket).stream().map(S3Object::key).sorted().toList();
    }

    List<S3Object> objects(String bucket) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .toList();
    }

    /** The records of one Parquet or Avro object, by its extension. */
    List<GenericRecord> read(String bucket, String key) throws IOException {
        Path file = Files.createTempFile(downloads, "object-", key.endsWith(".avro") ? ".avro" : ".parquet");
        Files.delete(file);
        client.getObject(b -> b.bucket(bucket).key(key), file);
        List<GenericRecord> records = new ArrayList<>();
        if (key.endsWith(".avro")) {
            try (DataFileReader<GenericRecord> reader =
                    new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
                reader.forEach(records::add);
            }
        } else {
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                            new LocalInputFile(file))
                    .build()) {
                for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                    records.add(r);
                }
            }
        }
        Files.delete(file);
        return records;
    }

    /** The records of every object in the bucket, in key order. */
    List<GenericRecord> readAll(String bucket) throws IOException {
        List<GenericRecord> all = new ArrayList<>();
        for (String key : keys(bucket)) {
            all.addAll(read(bucket, key));
        }
        return all;
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
