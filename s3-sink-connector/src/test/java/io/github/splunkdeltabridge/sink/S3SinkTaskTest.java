package io.github.splunkdeltabridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.splunkdeltabridge.s3testkit.S3TestServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** The sink task against a real S3-compatible server: object boundaries, keys, contents and committed offsets. */
class S3SinkTaskTest {

    private static final String TOPIC = "splunk.web";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final Instant T0 = Instant.parse("2026-11-25T13:00:00Z");
    static final Schema EVENT_SCHEMA = SchemaBuilder.struct()
            .name("io.github.splunkdeltabridge.SplunkEvent")
            .field("event_id", Schema.STRING_SCHEMA)
            .field("event_time", Timestamp.builder().optional().build())
            .field("index", Schema.OPTIONAL_STRING_SCHEMA)
            .field("raw", Schema.OPTIONAL_STRING_SCHEMA)
            .field(
                    "fields",
                    SchemaBuilder.map(
                                    Schema.STRING_SCHEMA,
                                    SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                            .build())
            .build();

    @TempDir
    static Path serverDir;

    @TempDir
    Path bufferDir;

    private static S3TestServer s3;
    private String bucket;
    private final List<S3SinkTask> tasks = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        s3 = S3TestServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.close();
    }

    @BeforeEach
    void newBucket(TestInfo test) {
        bucket = TestBuckets.nameFor(test, Integer.MAX_VALUE);
        s3.createBucket(bucket);
    }

    @org.junit.jupiter.api.AfterEach
    void stopTasks() {
        tasks.forEach(S3SinkTask::stop);
    }

    @Test
    void flushSizeCutsObjectsAtFixedOffsetsAndCommitsOnlyWhatLanded() throws Exception {
        S3SinkTask task = start(Map.of(S3SinkConfig.FLUSH_SIZE, "10"), Clock.systemUTC());
        task.put(events(0, 25, T0, 1000));

        // preCommit waits for the upload still running in the background, so its offset covers both objects.
        assertThat(committed(task)).isEqualTo(20);
        assertThat(s3.keys(bucket))
                .containsExactly(
                        "topics/splunk.web/partition=0/splunk.web+0+0000000000.snappy.parquet",
                        "topics/splunk.web/partition=0/splunk.web+0+0000000010.snappy.parquet");
        List<GenericRecord> rows = LandedRecords.readAll(s3, bucket);
        assertThat(rows).extracting(r -> r.get("event_id").toString()).containsExactlyElementsOf(ids(0, 20));
        assertThat(rows)
                .extracting(r -> (Long) r.get("kafka_offset"))
                .containsExactlyElementsOf(
                        IntStream.range(0, 20).mapToObj(i -> (long) i).toList());
        GenericRecord first = rows.get(0);
        assertThat(first.get("kafka_topic").toString()).isEqualTo(TOPIC);
        assertThat(first.get("kafka_partition")).isEqualTo(0);
        // parquet-avro reads timestamp-millis back as an Instant.
        assertThat(first.get("event_time")).isEqualTo(T0);
        assertThat(first.get("raw").toString()).isEqualTo("GET /page/0 200");
        assertThat(first.get("fields").toString()).contains("status").contains("200");
    }

    @Test
    void recordTimeRotationCutsWhenARecordIsAnIntervalPastTheFirst() throws Exception {
        S3SinkTask task = start(
                Map.of(S3SinkConfig.FLUSH_SIZE, "1000", S3SinkConfig.ROTATE_INTERVAL_MS, "60000"), Clock.systemUTC());
        long[] seconds = {0, 30, 59, 60, 61, 125, 126};
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            records.add(event(i, T0.plusSeconds(seconds[i])));
        }
        task.put(records);

        // 60 s after the first record (offset 0) offset 3 starts a new file; 125 s is 64 s after offset 3.
        assertThat(committed(task)).isEqualTo(5);
        assertThat(s3.keys(bucket))
                .containsExactly(
                        "topics/splunk.web/partition=0/splunk.web+0+0000000000.snappy.parquet",
                        "topics/splunk.web/partition=0/splunk.web+0+0000000003.snappy.parquet");
        assertThat(LandedRecords.read(s3, bucket, s3.keys(bucket).get(1))).hasSize(2);
    }

    @Test
    void wallClockRotationLandsQuietPartitionsOnSchedule() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:30Z"));
        S3SinkTask task = start(
                Map.of(S3SinkConfig.FLUSH_SIZE, "1000", S3SinkConfig.ROTATE_SCHEDULE_INTERVAL_MS, "60000"), clock);
        task.put(events(0, 3, T0, 1000));
        clock.now = Instant.parse("2026-11-25T10:00:59Z");
        task.put(List.of());
        assertThat(task.preCommit(Map.of())).isEmpty();
        assertThat(s3.keys(bucket)).isEmpty();

        clock.now = Instant.parse("2026-11-25T10:01:00Z");
        task.put(List.of());
        assertThat(committed(task)).isEqualTo(3);
        assertThat(s3.keys(bucket))
                .containsExactly("topics/splunk.web/partition=0/splunk.web+0+0000000000.snappy.parquet");
    }

    @Test
    void replayAfterACrashBetweenUploadAndCommitOverwritesTheSameObjects() throws Exception {
        Map<String, String> settings = Map.of(S3SinkConfig.FLUSH_SIZE, "10");
        S3SinkTask crashed = start(settings, Clock.systemUTC());
        crashed.put(events(0, 25, T0, 1000));
        assertThat(committed(crashed)).isEqualTo(20);
        assertThat(s3.keys(bucket)).hasSize(2);
        // The task dies before Connect commits: Kafka redelivers everything from offset 0 to its successor.
        crashed.stop();
        tasks.remove(crashed);

        S3SinkTask successor = start(settings, Clock.systemUTC());
        successor.put(events(0, 17, T0, 1000));
        successor.put(events(17, 30, T0.plusSeconds(17), 1000));

        assertThat(committed(successor)).isEqualTo(30);
        assertThat(s3.keys(bucket))
                .containsExactly(
                        "topics/splunk.web/partition=0/splunk.web+0+0000000000.snappy.parquet",
                        "topics/splunk.web/partition=0/splunk.web+0+0000000010.snappy.parquet",
                        "topics/splunk.web/partition=0/splunk.web+0+0000000020.snappy.parquet");
        assertThat(LandedRecords.readAll(s3, bucket))
                .extracting(r -> r.get("event_id").toString())
                .containsExactlyElementsOf(ids(0, 30));
    }

    @Test
    void aRedeliveredBatchIsNotWrittenTwice() throws Exception {
        S3SinkTask task = start(Map.of(S3SinkConfig.FLUSH_SIZE, "10"), Clock.systemUTC());
        task.put(events(0, 5, T0, 1000));
        // What Connect does after a RetriableException: the same records again, then the rest.
        task.put(events(0, 5, T0, 1000));
        task.put(events(5, 10, T0.plusSeconds(5), 1000));

        assertThat(committed(task)).isEqualTo(10);
        assertThat(LandedRecords.readAll(s3, bucket))
                .extracting(r -> r.get("event_id").toString())
                .containsExactlyElementsOf(ids(0, 10));
    }

    @Test
    void timeBasedAvroObjectsFollowThePathFormatInTheTimeZone() throws Exception {
        S3SinkTask task = start(
                Map.of(
                        S3SinkConfig.FLUSH_SIZE,
                        "4",
                        S3SinkConfig.FORMAT_CLASS,
                        "io.confluent.connect.s3.format.avro.AvroFormat",
                        S3SinkConfig.AVRO_CODEC,
                        "deflate",
                        S3SinkConfig.PARTITIONER_CLASS,
                        "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
                        S3SinkConfig.PATH_FORMAT,
                        "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH",
                        S3SinkConfig.PARTITION_DURATION_MS,
                        "3600000",
                        S3SinkConfig.TIMEZONE,
                        "America/New_York"),
                Clock.systemUTC());
        // Six events 20 minutes apart from 13:00 UTC (08:00 in New York): hours 08, 09 and 10 local.
        task.put(events(0, 6, T0, 20 * 60 * 1000));

        // 08:00, 08:20, 08:40 (offsets 0-2) go to hour 08 and 09:00-09:40 (3-5) to hour 09: no file has 4 records.
        assertThat(s3.keys(bucket)).isEmpty();
        task.put(events(6, 8, T0.plusSeconds(6 * 20 * 60), 20 * 60 * 1000));
        // Offsets 6 and 7 fall in hour 10; no file holds four records yet: hours 08 (0-2), 09 (3-5), 10 (6-7).
        assertThat(s3.keys(bucket)).isEmpty();
        task.put(events(8, 9, T0.plusSeconds(8 * 20 * 60), 1000));
        task.put(events(9, 10, T0.plusSeconds(7 * 20 * 60), 1000));
        // Offset 9 is the fourth record of hour 10: all three files land together.
        assertThat(committed(task)).isEqualTo(10);
        assertThat(s3.keys(bucket))
                .containsExactly(
                        "topics/splunk.web/year=2026/month=11/day=25/hour=08/splunk.web+0+0000000000.avro",
                        "topics/splunk.web/year=2026/month=11/day=25/hour=09/splunk.web+0+0000000003.avro",
                        "topics/splunk.web/year=2026/month=11/day=25/hour=10/splunk.web+0+0000000006.avro");
        assertThat(LandedRecords.read(s3, bucket, s3.keys(bucket).get(2)))
                .extracting(r -> r.get("event_id").toString())
                .containsExactly("event-6", "event-7", "event-8", "event-9");
    }

    @Test
    void aSchemaChangeStartsNewFiles() throws Exception {
        S3SinkTask task = start(Map.of(S3SinkConfig.FLUSH_SIZE, "100"), Clock.systemUTC());
        Schema v2 = SchemaBuilder.struct()
                .name("io.github.splunkdeltabridge.SplunkEvent")
                .field("event_id", Schema.STRING_SCHEMA)
                .field("host", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        List<SinkRecord> records = new ArrayList<>(events(0, 3, T0, 1000));
        records.add(record(3, v2, new Struct(v2).put("event_id", "event-3").put("host", "web-1"), T0));
        task.put(records);

        assertThat(committed(task)).isEqualTo(3);
        assertThat(s3.keys(bucket))
                .containsExactly("topics/splunk.web/partition=0/splunk.web+0+0000000000.snappy.parquet");
    }

    @Test
    void aRecordWithoutASchemaGoesToConnectsErrorHandlingAndTheRestLands() throws Exception {
        RecordingContext context = new RecordingContext(Set.of(PARTITION));
        S3SinkTask task = start(Map.of(S3SinkConfig.FLUSH_SIZE, "4"), Clock.systemUTC(), context);
        List<SinkRecord> records = new ArrayList<>(events(0, 2, T0, 1000));
        records.add(new SinkRecord(
                TOPIC, 0, null, null, null, Map.of("event_id", "x"), 2, T0.toEpochMilli(), TimestampType.CREATE_TIME));
        records.addAll(events(3, 5, T0, 1000));
        task.put(records);

        assertThat(context.errantRecords).extracting(SinkRecord::kafkaOffset).containsExactly(2L);
        assertThat(context.errantErrors.get(0))
                .hasMessageContaining("offset 2")
                .hasMessageContaining("schemas.enable=true");
        assertThat(committed(task)).isEqualTo(5);
        assertThat(LandedRecords.readAll(s3, bucket))
                .extracting(r -> r.get("event_id").toString())
                .containsExactly("event-0", "event-1", "event-3", "event-4");
    }

    @Test
    void objectsLargerThanThePartSizeGoUpInParts() throws Exception {
        S3SinkTask task = start(
                Map.of(
                        S3SinkConfig.FLUSH_SIZE,
                        "7",
                        S3SinkConfig.FORMAT_CLASS,
                        "avro",
                        S3SinkConfig.PART_SIZE,
                        String.valueOf(S3SinkConfig.MIN_PART_SIZE)),
                Clock.systemUTC());
        String bigRaw = "x".repeat(1024 * 1024);
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Struct value = eventValue(i, T0).put("raw", i + bigRaw);
            records.add(record(i, EVENT_SCHEMA, value, T0));
        }
        task.put(records);

        assertThat(committed(task)).isEqualTo(7);
        String key = "topics/splunk.web/partition=0/splunk.web+0+0000000000.avro";
        assertThat(s3.keys(bucket)).containsExactly(key);
        // A multipart object's ETag ends in -<number of parts>.
        assertThat(s3.client().headObject(b -> b.bucket(bucket).key(key)).eTag())
                .endsWith("-2\"");
        assertThat(LandedRecords.read(s3, bucket, key))
                .extracting(r -> r.get("raw").toString().length())
                .containsOnly(bigRaw.length() + 1);
    }

    @Test
    void anUploadThatFailsWhileS3IsDownIsRetriedAndNoOffsetGetsAheadOfIt(@TempDir Path flakyDir) throws Exception {
        int port = freePort();
        S3TestServer flaky = S3TestServer.builder(flakyDir).port(port).start();
        Map<String, String> settings = settingsWithBucket(flaky, "flaky");
        S3SinkTask task = new S3SinkTask();
        task.initialize(new RecordingContext(Set.of(PARTITION)));
        task.start(settings);
        task.open(List.of(PARTITION));
        tasks.add(task);
        try {
            flaky.close();
            // Offsets 0-9 fill a file whose upload fails in the background; 10 and 11 go to the next file.
            task.put(events(0, 12, T0, 1000));
            assertThat(committed(task)).isEqualTo(-1);
            // The next put retries the upload in line and tells Connect to redeliver the batch.
            assertThatThrownBy(() -> task.put(events(12, 15, T0.plusSeconds(12), 1000)))
                    .isInstanceOf(RetriableException.class)
                    .hasMessageContaining("splunk.web+0+0000000000.snappy.parquet")
                    .hasMessageNotContaining(S3TestServer.DEFAULT_SECRET_KEY);
            assertThat(committed(task)).isEqualTo(-1);

            flaky = S3TestServer.builder(flakyDir).port(port).start();
            task.put(events(12, 15, T0.plusSeconds(12), 1000));
            task.put(events(15, 20, T0.plusSeconds(15), 1000));
            assertThat(committed(task)).isEqualTo(20);
            assertThat(flaky.keys("flaky"))
                    .containsExactly(
                            "topics/splunk.web/partition=0/splunk.web+0+0000000000.snappy.parquet",
                            "topics/splunk.web/partition=0/splunk.web+0+0000000010.snappy.parquet");
            assertThat(LandedRecords.readAll(flaky, "flaky"))
                    .extracting(r -> r.get("event_id").toString())
                    .containsExactlyElementsOf(ids(0, 20));
        } finally {
            flaky.close();
        }
    }

    @Test
    void aTaskStartedWhileS3IsDownStartsAndLandsOnceS3IsBack(@TempDir Path downDir) throws Exception {
        int port = freePort();
        S3TestServer down = S3TestServer.builder(downDir).port(port).start();
        Map<String, String> settings = settingsWithBucket(down, "down");
        down.close();
        // As when Connect restarts the task during an S3 outage: the bucket check cannot ask S3, the task starts.
        S3SinkTask task = new S3SinkTask();
        task.initialize(new RecordingContext(Set.of(PARTITION)));
        task.start(settings);
        task.open(List.of(PARTITION));
        tasks.add(task);
        try (S3TestServer back = S3TestServer.builder(downDir).port(port).start()) {
            task.put(events(0, 10, T0, 1000));
            task.put(events(10, 20, T0.plusSeconds(10), 1000));
            assertThat(committed(task)).isEqualTo(20);
            assertThat(back.keys("down"))
                    .containsExactly(
                            "topics/splunk.web/partition=0/splunk.web+0+0000000000.snappy.parquet",
                            "topics/splunk.web/partition=0/splunk.web+0+0000000010.snappy.parquet");
        }
    }

    @Test
    void aKeyTakenWhenAFailedUploadIsRetriedRewindsInsteadOfLanding(@TempDir Path storeDir) throws Exception {
        int port = freePort();
        S3TestServer server = S3TestServer.builder(storeDir).port(port).start();
        Map<String, String> settings = new java.util.HashMap<>(settingsWithBucket(server, "taken"));
        // Fail fast while S3 is down.
        settings.put(S3SinkConfig.PART_RETRIES, "0");
        try {
            // A task that landed offsets 0-4 in the key of offset 0, then died before Connect committed.
            Map<String, String> fives = new java.util.HashMap<>(settings);
            fives.put(S3SinkConfig.FLUSH_SIZE, "5");
            S3SinkTask crashed = new S3SinkTask();
            crashed.initialize(new RecordingContext(Set.of(PARTITION)));
            crashed.start(fives);
            crashed.open(List.of(PARTITION));
            crashed.put(events(0, 5, T0, 1000));
            assertThat(committed(crashed)).isEqualTo(5);
            crashed.stop();

            // Its successor cuts at ten; its first file's upload fails while S3 is down.
            RecordingContext context = new RecordingContext(Set.of(PARTITION));
            S3SinkTask successor = new S3SinkTask();
            successor.initialize(context);
            successor.start(settings);
            successor.open(List.of(PARTITION));
            tasks.add(successor);
            ConnectLoop connect = new ConnectLoop(successor, context, PARTITION, events(0, 25, T0, 1000));
            server.close();
            // The upload fails in the background, or already in line when the last records of the batch come after
            // that failure (Connect then delivers the batch again).
            connect.deliver(12);
            // A commit waits for the background upload to fail.
            assertThat(committed(successor)).isEqualTo(-1);
            server = S3TestServer.builder(storeDir).port(port).start();

            // Retried in line, the upload finds the key taken by offsets 0-4: the records 5-9 are not in S3 yet.
            connect.deliverAll(4);

            assertThat(committed(successor)).isEqualTo(25);
            assertThat(server.keys("taken"))
                    .containsExactly(
                            "topics/splunk.web/partition=0/splunk.web+0+0000000000.snappy.parquet",
                            "topics/splunk.web/partition=0/splunk.web+0+0000000005.snappy.parquet",
                            "topics/splunk.web/partition=0/splunk.web+0+0000000015.snappy.parquet");
            assertThat(LandedRecords.readAll(server, "taken"))
                    .extracting(r -> r.get("event_id").toString())
                    .containsExactlyElementsOf(ids(0, 25));
        } finally {
            server.close();
        }
    }

    /** A port for a server that is stopped and started again on it. */
    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The sink's settings for a new bucket of {@code server}, ten records per object. */
    private Map<String, String> settingsWithBucket(S3TestServer server, String bucket) {
        server.createBucket(bucket);
        Map<String, String> settings = new java.util.HashMap<>(server.sinkSettings(bucket));
        settings.put(S3SinkConfig.BUFFER_DIR, bufferDir.toString());
        settings.put(S3SinkConfig.FLUSH_SIZE, "10");
        return settings;
    }

    @Test
    void theTestKitsSinkSettingsAreSettingsOfThisSink() {
        assertThat(S3SinkConfig.CONFIG_DEF.names())
                .containsAll(s3.sinkSettings(bucket).keySet());
    }

    @Test
    void aMissingBucketFailsTheTaskWithAClearMessageAndNoSecret() {
        Map<String, String> settings = new java.util.HashMap<>(s3.sinkSettings("no-such-bucket"));
        settings.put(S3SinkConfig.FLUSH_SIZE, "10");
        S3SinkTask task = new S3SinkTask();
        task.initialize(new RecordingContext(Set.of(PARTITION)));
        assertThatThrownBy(() -> task.start(settings))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("'no-such-bucket' does not exist")
                .hasMessageContaining("s3.bucket.name")
                .hasMessageNotContaining(S3TestServer.DEFAULT_SECRET_KEY);
    }

    private S3SinkTask start(Map<String, String> overrides, Clock clock) {
        return start(overrides, clock, new RecordingContext(Set.of(PARTITION)));
    }

    private S3SinkTask start(Map<String, String> overrides, Clock clock, RecordingContext context) {
        Map<String, String> settings = new java.util.HashMap<>(s3.sinkSettings(bucket));
        settings.put(S3SinkConfig.BUFFER_DIR, bufferDir.toString());
        settings.putAll(overrides);
        S3SinkTask task = new S3SinkTask(clock);
        task.initialize(context);
        task.start(settings);
        task.open(List.of(PARTITION));
        tasks.add(task);
        return task;
    }

    private static long committed(S3SinkTask task) {
        OffsetAndMetadata offset = task.preCommit(Map.of()).get(PARTITION);
        return offset == null ? -1 : offset.offset();
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "event-" + i).toList();
    }

    /** Records for offsets {@code [from, to)}, {@code stepMillis} apart from {@code start}. */
    static List<SinkRecord> events(int from, int to, Instant start, long stepMillis) {
        List<SinkRecord> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(event(i, start.plusMillis((i - from) * stepMillis)));
        }
        return records;
    }

    private static SinkRecord event(int offset, Instant time) {
        return record(offset, EVENT_SCHEMA, eventValue(offset, time), time);
    }

    static Struct eventValue(int i, Instant time) {
        return new Struct(EVENT_SCHEMA)
                .put("event_id", "event-" + i)
                .put("event_time", Date.from(time))
                .put("index", "web")
                .put("raw", "GET /page/" + i + " 200")
                .put("fields", Map.of("status", List.of("200"), "tags", List.of("a", "b")));
    }

    private static SinkRecord record(int offset, Schema schema, Struct value, Instant time) {
        return new SinkRecord(
                TOPIC,
                0,
                Schema.STRING_SCHEMA,
                value.get("event_id"),
                schema,
                value,
                offset,
                time.toEpochMilli(),
                TimestampType.CREATE_TIME);
    }

    /** A clock the test moves by hand, for wall-clock rotation. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
