package io.github.splunkdeltabridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class S3SinkConfigTest {

    private static Map<String, String> valid() {
        Map<String, String> settings = new HashMap<>();
        settings.put(S3SinkConfig.BUCKET, "bucket");
        settings.put(S3SinkConfig.FLUSH_SIZE, "100");
        return settings;
    }

    private static void assertRejected(Map<String, String> settings, String key, String text) {
        assertThatThrownBy(() -> new S3SinkConfig(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(text);
    }

    @Test
    void defaultsAreParquetSnappyWithTheDefaultPartitioner() {
        S3SinkConfig config = new S3SinkConfig(valid());
        assertThat(config.fileFormat().extension()).isEqualTo(".snappy.parquet");
        assertThat(config.topicsDir()).isEqualTo("topics");
        assertThat(config.kafkaColumns()).isTrue();
        assertThat(config.storeUrl()).isNull();
        assertThat(config.nullValueBehavior()).isEqualTo(S3SinkConfig.NullValueBehavior.FAIL);
    }

    @Test
    void wrongValuesNameTheirSetting() {
        Map<String, String> settings = valid();
        settings.remove(S3SinkConfig.FLUSH_SIZE);
        assertRejected(settings, S3SinkConfig.FLUSH_SIZE, "no default value");

        settings = valid();
        settings.put(S3SinkConfig.FORMAT_CLASS, "json");
        assertRejected(settings, S3SinkConfig.FORMAT_CLASS, "parquet or avro");

        settings = valid();
        settings.put(S3SinkConfig.PARTITIONER_CLASS, "field");
        assertRejected(settings, S3SinkConfig.PARTITION_FIELD, "at least one field");

        settings = valid();
        settings.put(S3SinkConfig.PARTITIONER_CLASS, "time");
        settings.put(S3SinkConfig.PATH_FORMAT, "'week'=ww");
        settings.put(S3SinkConfig.PARTITION_DURATION_MS, "3600000");
        assertRejected(settings, S3SinkConfig.PATH_FORMAT, "'w'");

        settings = valid();
        settings.put(S3SinkConfig.TIMEZONE, "Mars/Olympus");
        assertRejected(settings, S3SinkConfig.TIMEZONE, "not a time zone");

        settings = valid();
        settings.put(S3SinkConfig.ROTATE_INTERVAL_MS, "0");
        assertRejected(settings, S3SinkConfig.ROTATE_INTERVAL_MS, "positive");

        settings = valid();
        settings.put(S3SinkConfig.STORE_URL, "minio:9000");
        assertRejected(settings, S3SinkConfig.STORE_URL, "http://minio:9000");

        settings = valid();
        settings.put(S3SinkConfig.SSE_KMS_KEY_ID, "arn:aws:kms:key");
        assertRejected(settings, S3SinkConfig.SSE_KMS_KEY_ID, "aws:kms");
    }

    @Test
    void halfGivenCredentialsAreRejectedWithoutEchoingThem() {
        Map<String, String> settings = valid();
        settings.put(S3SinkConfig.SECRET_ACCESS_KEY, "super-secret-value");
        assertThatThrownBy(() -> new S3SinkConfig(settings))
                .hasMessageContaining(S3SinkConfig.ACCESS_KEY_ID)
                .hasMessageNotContaining("super-secret-value");
    }
}
