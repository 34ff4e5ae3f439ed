package io.github.splunkdeltabridge.sink.storage;

import io.github.splunkdeltabridge.sink.S3SinkConfig;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the AWS SDK v2 S3 client from the sink's settings. */
public final class S3Clients {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(20);

    private S3Clients() {}

    /** A client for one quick check (validate): one attempt, answered or failed within seconds. */
    public static S3Client createForCheck(S3SinkConfig config) {
        return builder(config)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(1)
                                .build())
                        .apiCallTimeout(CHECK_TIMEOUT))
                .build();
    }

    public static S3Client create(S3SinkConfig config) {
        return builder(config).build();
    }

    private static S3ClientBuilder builder(S3SinkConfig config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(S3Credentials.provider(config))
                .forcePathStyle(config.pathStyleAccess())
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(config.partRetries() + 1)
                        .backoffStrategy(BackoffStrategy.exponentialDelay(
                                Duration.ofMillis(config.retryBackoffMs()), MAX_BACKOFF))
                        .build()));
        if (config.storeUrl() != null) {
            builder.endpointOverride(config.storeUrl())
                    // Many S3-compatible stores reject the CRC checksums the SDK adds by default since 2.30.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
        }
        return builder;
    }
}
