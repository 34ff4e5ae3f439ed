package io.github.splunkdeltabridge.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.s3testkit.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink connector in a real Connect worker on a real broker, writing to a real S3-compatible server: what lands
 * is exactly the topics' records, a replay from reset offsets rewrites the same objects, bad records reach the
 * dead letter queue, and settings errors show in the REST validate endpoint.
 */
class S3SinkConnectorIT {

    private static final Instant T0 = Instant.parse("2026-11-25T13:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private static S3TestServer s3;
    private static EmbeddedConnectCluster connect;
    private static final JsonConverter JSON = new JsonConverter();

    @BeforeAll
    static void start() throws Exception {
        s3 = S3TestServer.start(dir);
        JSON.configure(Map.of("schemas.enable", "true"), false);
        Map<String, String> worker = new HashMap<>();
        worker.put("offset.flush.interval.ms", "500");
        // The connector and Kafka's own plugins carry ServiceLoader manifests: no reflective scan of the class path.
        worker.put("plugin.discovery", "service_load");
        // Records carry fixed event times, which Kafka 4 would reject as too far from now by default.
        Properties broker = new Properties();
        broker.put("log.message.timestamp.before.max.ms", String.valueOf(Long.MAX_VALUE));
        broker.put("log.message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));
        connect = new EmbeddedConnectCluster.Builder()
                .name("s3-sink-it")
                .numWorkers(1)
                .brokerProps(broker)
                .workerProps(worker)
                .build();
        connect.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (connect != null) {
            connect.stop();
        }
        s3.close();
    }

    @Test
    void parquetObjectsHoldExactlyTheTopicsRecordsAndAReplayLeavesEveryObjectAsItWas() throws Exception {
        s3.createBucket("parquet");
        connect.kafka().createTopic("splunk.web", 2);
        connect.kafka().createTopic("splunk.os", 1);
        Set<String> expected = new HashSet<>();
        expected.addAll(produceEvents("splunk.web", 0, 0, 100, T0));
        expected.addAll(produceEvents("splunk.web", 1, 100, 200, T0));
        expected.addAll(produceEvents("splunk.os", 0, 200, 350, T0));

        Map<String, String> config = sinkConfig("parquet", "splunk.web,splunk.os");
        config.put(S3SinkConfig.FLUSH_SIZE, "50");
        connect.configureConnector("parquet-sink", config);
        awaitCommitted("parquet-sink", Map.of("splunk.web/0", 100L, "splunk.web/1", 100L, "splunk.os/0", 150L));

        List<String> keys = s3.keys("parquet");
        assertThat(keys)
                .containsExactly(
                        "topics/splunk.os/partition=0/splunk.os+0+0000000000.snappy.parquet",
                        "topics/splunk.os/partition=0/splunk.os+0+0000000050.snappy.parquet",
                        "topics/splunk.os/partition=0/splunk.os+0+0000000100.snappy.parquet",
                        "topics/splunk.web/partition=0/splunk.web+0+0000000000.snappy.parquet",
                        "topics/splunk.web/partition=0/splunk.web+0+0000000050.snappy.parquet",
                        "topics/splunk.web/partition=1/splunk.web+1+0000000000.snappy.parquet",
                        "topics/splunk.web/partition=1/splunk.web+1+0000000050.snappy.parquet");
        List<GenericRecord> rows = LandedRecords.readAll(s3, "parquet");
        assertThat(rows).hasSize(350);
        assertThat(rows.stream().map(r -> r.get("event_id").toString()).collect(Collectors.toSet()))
                .isEqualTo(expected);
        Map<String, Instant> landedAt = lastModified("parquet");

        // Objects in S3 but offsets lost (a crash between upload and commit): Connect replays from offset 0.
        connect.stopConnector("parquet-sink");
        connect.resetConnectorOffsets("parquet-sink");
        Thread.sleep(1100);
        connect.resumeConnector("parquet-sink");
        awaitCommitted("parquet-sink", Map.of("splunk.web/0", 100L, "splunk.web/1", 100L, "splunk.os/0", 150L));

        // The replay found every key taken by an object holding its records: nothing was written again.
        assertThat(s3.keys("parquet")).isEqualTo(keys);
        assertThat(lastModified("parquet")).isEqualTo(landedAt);
        assertThat(s3.writes().stream()
                        .filter(write -> write.bucket().equals("parquet"))
                        .map(io.github.splunkdeltabridge.s3testkit.ObjectWrite::key))
                .containsExactlyInAnyOrderElementsOf(keys);
        assertThat(LandedRecords.readAll(s3, "parquet"))
                .extracting(r -> r.get("event_id").toString())
                .containsExactlyElementsOf(
                        rows.stream().map(r -> r.get("event_id").toString()).toList());
        connect.deleteConnector("parquet-sink");
    }

    @Test
    void avroByHourLandsGoodRecordsAndSendsBadOnesToTheDeadLetterQueue() throws Exception {
        s3.createBucket("avro");
        connect.kafka().createTopic("splunk.app", 1);
        List<String> good = new ArrayList<>(produceEvents("splunk.app", 0, 0, 3, T0));
        // A value with a schema but not a Struct: Parquet/Avro need a record, so the sink rejects it.
        produce("splunk.app", 0, "bad-1", T0, JSON.fromConnectData("splunk.app", Schema.STRING_SCHEMA, "plain text"));
        good.addAll(produceEvents("splunk.app", 0, 4, 8, T0.plus(Duration.ofHours(1))));

        Map<String, String> config = sinkConfig("avro", "splunk.app");
        config.put(S3SinkConfig.FLUSH_SIZE, "4");
        config.put(S3SinkConfig.FORMAT_CLASS, "avro");
        config.put(S3SinkConfig.PARTITIONER_CLASS, "time");
        config.put(S3SinkConfig.PATH_FORMAT, "'dt'=YYYY-MM-dd/'hour'=HH");
        config.put(S3SinkConfig.PARTITION_DURATION_MS, "3600000");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "splunk.app.dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        connect.configureConnector("avro-sink", config);
        awaitCommitted("avro-sink", Map.of("splunk.app/0", 8L));

        assertThat(s3.keys("avro"))
                .containsExactly(
                        "topics/splunk.app/dt=2026-11-25/hour=13/splunk.app+0+0000000000.avro",
                        "topics/splunk.app/dt=2026-11-25/hour=14/splunk.app+0+0000000004.avro");
        assertThat(LandedRecords.readAll(s3, "avro"))
                .extracting(r -> r.get("event_id").toString())
                .containsExactlyElementsOf(good);
        List<ConsumerRecord<byte[], byte[]>> dlq = new ArrayList<>();
        connect.kafka().consume(1, TIMEOUT.toMillis(), "splunk.app.dlq").forEach(dlq::add);
        assertThat(new String(dlq.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("bad-1");
        assertThat(new String(
                        dlq.get(0)
                                .headers()
                                .lastHeader("__connect.errors.exception.message")
                                .value(),
                        StandardCharsets.UTF_8))
                .contains("has no Struct value");
        connect.deleteConnector("avro-sink");
    }

    @Test
    void settingsErrorsShowOnTheirKeysInTheValidateEndpoint() {
        Map<String, String> config = sinkConfig("any", "splunk.web");
        config.put("name", "validated-sink");
        config.put(S3SinkConfig.PARTITIONER_CLASS, "time");
        config.put(S3SinkConfig.PARTITION_DURATION_MS, "3600000");
        config.put(S3SinkConfig.FLUSH_SIZE, "100");
        ConfigInfos missingPathFormat = connect.validateConnectorConfig(S3SinkConnector.class.getSimpleName(), config);
        assertThat(errors(missingPathFormat)).containsOnlyKeys(S3SinkConfig.PATH_FORMAT);
        assertThat(errors(missingPathFormat).get(S3SinkConfig.PATH_FORMAT).get(0))
                .contains("'year'=YYYY");

        config.remove(S3SinkConfig.FLUSH_SIZE);
        config.put(S3SinkConfig.PATH_FORMAT, "'year'=YYYY");
        config.put(S3SinkConfig.ACCESS_KEY_ID, "only-the-key-id");
        config.remove(S3SinkConfig.SECRET_ACCESS_KEY);
        ConfigInfos missingFlushSize = connect.validateConnectorConfig(S3SinkConnector.class.getSimpleName(), config);
        assertThat(errors(missingFlushSize)).containsOnlyKeys(S3SinkConfig.FLUSH_SIZE);

        config.put(S3SinkConfig.FLUSH_SIZE, "100");
        ConfigInfos halfCredentials = connect.validateConnectorConfig(S3SinkConnector.class.getSimpleName(), config);
        assertThat(errors(halfCredentials)).containsOnlyKeys(S3SinkConfig.SECRET_ACCESS_KEY);
        assertThat(halfCredentials.toString()).doesNotContain("only-the-key-id");
    }

    @Test
    void confluentSettingsThisSinkDoesNotImplementAreRefusedInOneMessageWithoutTheirValues() {
        Map<String, String> config = sinkConfig("any", "splunk.web");
        config.put("name", "ported-sink");
        config.put(S3SinkConfig.FLUSH_SIZE, "100");
        config.put("store.kafka.keys", "true");
        config.put("s3.proxy.url", "http://proxy:3128");
        config.put("s3.proxy.password", "proxy-secret-value");
        // Values that ask for what this sink does anyway pass.
        config.put("file.delim", "+");
        config.put("schema.compatibility", "NONE");

        ConfigInfos ported = connect.validateConnectorConfig(S3SinkConnector.class.getSimpleName(), config);

        assertThat(ported.errorCount()).isEqualTo(1);
        String message = errors(ported).get("s3.proxy.password").get(0);
        assertThat(message)
                .contains("s3.proxy.password", "s3.proxy.url", "store.kafka.keys", "https.proxyHost")
                .doesNotContain("file.delim", "schema.compatibility");
        assertThat(ported.toString()).doesNotContain("proxy-secret-value");
    }

    @Test
    void validateChecksTheBucketWithTheConfiguredCredentials() {
        Map<String, String> config = sinkConfig("no-such-bucket", "splunk.web");
        config.put("name", "checked-sink");
        config.put(S3SinkConfig.FLUSH_SIZE, "100");
        ConfigInfos missing = connect.validateConnectorConfig(S3SinkConnector.class.getSimpleName(), config);
        assertThat(errors(missing)).containsOnlyKeys(S3SinkConfig.BUCKET);
        assertThat(errors(missing).get(S3SinkConfig.BUCKET).get(0)).contains("'no-such-bucket' does not exist");

        s3.createBucket("checked");
        config.putAll(sinkConfig("checked", "splunk.web"));
        config.put(S3SinkConfig.SECRET_ACCESS_KEY, "a-wrong-secret-key");
        ConfigInfos refused = connect.validateConnectorConfig(S3SinkConnector.class.getSimpleName(), config);
        assertThat(errors(refused)).containsOnlyKeys(S3SinkConfig.BUCKET);
        assertThat(errors(refused).get(S3SinkConfig.BUCKET).get(0))
                .contains("refuses access", S3SinkConfig.ACCESS_KEY_ID);
        assertThat(refused.toString()).doesNotContain("a-wrong-secret-key");

        config.put(S3SinkConfig.SECRET_ACCESS_KEY, s3.secretKey());
        assertThat(connect.validateConnectorConfig(S3SinkConnector.class.getSimpleName(), config)
                        .errorCount())
                .isZero();
    }

    private static Map<String, List<String>> errors(ConfigInfos infos) {
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigInfo info : infos.configs()) {
            if (!info.configValue().errors().isEmpty()) {
                errors.put(info.configValue().name(), info.configValue().errors());
            }
        }
        return errors;
    }

    private static Map<String, String> sinkConfig(String bucket, String topics) {
        Map<String, String> config = new HashMap<>(s3.sinkSettings(bucket));
        config.put("connector.class", S3SinkConnector.class.getName());
        config.put("tasks.max", "2");
        config.put("topics", topics);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", JsonConverter.class.getName());
        config.put("value.converter.schemas.enable", "true");
        config.put(S3SinkConfig.BUFFER_DIR, dir.resolve("buffer-" + bucket).toString());
        return config;
    }

    /** Produces events with ids {@code event-from .. event-(to-1)}, a second apart from {@code start}. */
    private static List<String> produceEvents(String topic, int partition, int from, int to, Instant start) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Instant time = start.plusSeconds(i - from);
            byte[] value = JSON.fromConnectData(topic, S3SinkTaskTest.EVENT_SCHEMA, S3SinkTaskTest.eventValue(i, time));
            produce(topic, partition, "event-" + i, time, value);
            ids.add("event-" + i);
        }
        return ids;
    }

    private static void produce(String topic, int partition, String key, Instant time, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(Map.of())) {
            producer.send(new ProducerRecord<>(
                            topic, partition, time.toEpochMilli(), key.getBytes(StandardCharsets.UTF_8), value))
                    .get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Could not produce to " + topic, e);
        }
    }

    /** Waits until the connector's committed offsets are {@code expected} ("topic/partition" to next offset). */
    private static void awaitCommitted(String connector, Map<String, Long> expected) throws InterruptedException {
        await(
                () -> committedOffsets(connector).equals(expected),
                () -> connector + " committed " + committedOffsets(connector) + ", expected " + expected);
    }

    private static Map<String, Long> committedOffsets(String connector) {
        Map<String, Long> offsets = new HashMap<>();
        try {
            for (ConnectorOffset offset : connect.connectorOffsets(connector).offsets()) {
                offsets.put(
                        offset.partition().get("kafka_topic") + "/"
                                + offset.partition().get("kafka_partition"),
                        ((Number) offset.offset().get("kafka_offset")).longValue());
            }
        } catch (RuntimeException notYetAvailable) {
            // The connector is still starting.
        }
        return offsets;
    }

    private static Map<String, Instant> lastModified(String bucket) {
        Map<String, Instant> modified = new HashMap<>();
        s3.objects(bucket).forEach(o -> modified.put(o.key(), o.lastModified()));
        return modified;
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            Thread.sleep(250);
        }
    }
}
