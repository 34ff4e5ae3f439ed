package io.github.splunkdeltabridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Confluent S3 sink config either behaves as written here or is refused saying what to use instead. */
class ConfluentKeysTest {

    private static Map<String, String> valid() {
        Map<String, String> settings = new HashMap<>();
        settings.put(S3SinkConfig.BUCKET, "bucket");
        settings.put(S3SinkConfig.FLUSH_SIZE, "100");
        return settings;
    }

    @Test
    void unsupportedConfluentSettingsAreRefusedInOneMessageListingEachWithWhatToDoAndNoValue() {
        Map<String, String> settings = valid();
        settings.put("s3.acl.canned", "bucket-owner-full-control");
        settings.put("store.kafka.keys", "true");
        settings.put("s3.sse.customer.key", "customer-key-secret");
        settings.put("directory.delim", "_");
        settings.put("s3.compression.type", "gzip");

        assertThatThrownBy(() -> new S3SinkConfig(settings))
                .isInstanceOf(InvalidSettingException.class)
                .satisfies(
                        e -> assertThat(((InvalidSettingException) e).setting()).isEqualTo("directory.delim"))
                .hasMessageContaining("directory.delim (Keys always use /.)")
                .hasMessageContaining("s3.compression.type (")
                .hasMessageContaining("parquet.codec")
                .hasMessageContaining("s3.sse.customer.key (")
                .hasMessageContaining("store.kafka.keys (")
                .hasMessageNotContaining("s3.acl.canned")
                .hasMessageNotContaining("customer-key-secret")
                .hasMessageNotContaining("gzip");
    }

    @Test
    void unsupportedSettingsAskingForWhatThisSinkDoesAnywayAreAccepted() {
        Map<String, String> settings = valid();
        settings.put("directory.delim", "/");
        settings.put("file.delim", "+");
        settings.put("filename.offset.zero.pad.width", "10");
        settings.put("schema.compatibility", "none");
        settings.put("store.kafka.keys", "false");
        settings.put("s3.compression.type", "none");
        settings.put("storage.class", "io.confluent.connect.s3.storage.S3Storage");

        new S3SinkConfig(settings);
    }

    @Test
    void everySupportedConfluentSettingIsASettingOfThisSink() {
        assertThat(S3SinkConfig.CONFIG_DEF.names())
                .containsAll(ConfluentKeys.ALL.stream()
                        .filter(key -> key.status() == ConfluentKeys.Status.SUPPORTED)
                        .map(ConfluentKeys.Key::name)
                        .toList());
        assertThat(ConfluentKeys.ALL.stream()
                        .filter(key -> key.status() != ConfluentKeys.Status.SUPPORTED)
                        .map(ConfluentKeys.Key::name))
                .noneMatch(S3SinkConfig.CONFIG_DEF.names()::contains);
    }

    @Test
    void aConfigRelyingOnADefaultThatDiffersFromConfluentsGetsAWarningNamingTheSetting() {
        Map<String, String> ported = valid();
        ported.put(S3SinkConfig.PARTITIONER_CLASS, "io.confluent.connect.storage.partitioner.TimeBasedPartitioner");
        ported.put(S3SinkConfig.STORE_URL, "http://minio:9000");
        ported.put("max.files.scan.limit", "100");

        assertThat(ConfluentKeys.warnings(ported))
                .anySatisfy(w -> assertThat(w)
                        .startsWith("timestamp.extractor is not set")
                        .contains("Wallclock"))
                .anySatisfy(w -> assertThat(w).startsWith("s3.path.style.access.enabled is not set"))
                .anySatisfy(w -> assertThat(w).contains("no effect here: max.files.scan.limit"));

        ported.put(S3SinkConfig.TIMESTAMP_EXTRACTOR, "Wallclock");
        ported.put(S3SinkConfig.PATH_STYLE, "true");
        ported.remove("max.files.scan.limit");
        assertThat(ConfluentKeys.warnings(ported)).isEmpty();
    }

    @Test
    void confluentsHourlyAndDailyPartitionersAreTheTimePartitionerWithTheirDirectories() {
        Map<String, String> settings = valid();
        settings.put(S3SinkConfig.PARTITIONER_CLASS, "io.confluent.connect.storage.partitioner.HourlyPartitioner");
        new S3SinkConfig(settings);
        settings.put(S3SinkConfig.PARTITIONER_CLASS, "io.confluent.connect.storage.partitioner.DailyPartitioner");
        new S3SinkConfig(settings);
    }

    @Test
    void cannedAclsAreS3sAndStorageClassOnlyS3Storage() {
        Map<String, String> settings = valid();
        settings.put(S3SinkConfig.ACL_CANNED, "bucket-owner-full-control");
        assertThat(new S3SinkConfig(settings).cannedAcl()).isEqualTo("bucket-owner-full-control");
        settings.put(S3SinkConfig.ACL_CANNED, "owner-only");
        assertThatThrownBy(() -> new S3SinkConfig(settings)).hasMessageContaining(S3SinkConfig.ACL_CANNED);
        settings.remove(S3SinkConfig.ACL_CANNED);
        settings.put(S3SinkConfig.STORAGE_CLASS, "io.confluent.connect.gcs.storage.GcsStorage");
        assertThatThrownBy(() -> new S3SinkConfig(settings)).hasMessageContaining(S3SinkConfig.STORAGE_CLASS);
    }
}
