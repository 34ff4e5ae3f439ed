package io.github.splunkdeltabridge.localstack;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The landing bucket as a user would see it with an S3 client: created when missing, objects counted. */
final class S3Objects implements AutoCloseable {

    private final S3Client client;
    private final String bucket;

    S3Objects(URI endpoint, LocalSecrets secrets, String bucket) {
        this.bucket = bucket;
        this.client = client(endpoint, secrets);
    }

    /** An S3 client of the local S3 server, with the stack's keys, as the sink and the Delta job reach it. */
    static S3Client client(URI endpoint, LocalSecrets secrets) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(secrets.s3AccessKeyId(), secrets.s3SecretAccessKey())))
                .build();
    }

    void createBucketIfMissing() {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            try {
                client.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException alreadyThere) {
                // Created between the two calls: fine.
            }
        }
    }

    /** Objects (count and bytes) under a prefix such as {@code topics/}. */
    record Listing(long objects, long bytes) {}

    Listing list(String prefix) {
        long objects = 0;
        long bytes = 0;
        for (S3Object object : client.listObjectsV2Paginator(
                        b -> b.bucket(bucket).prefix(prefix))
                .contents()) {
            objects++;
            bytes += object.size();
        }
        return new Listing(objects, bytes);
    }

    @Override
    public void close() {
        client.close();
    }
}
