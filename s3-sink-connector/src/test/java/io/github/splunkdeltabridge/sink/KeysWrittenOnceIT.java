package io.github.splunkdeltabridge.sink;

import static io.github.splunkdeltabridge.sink.S3SinkTaskTest.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.splunkdeltabridge.s3testkit.ObjectWrite;
import io.github.splunkdeltabridge.s3testkit.S3TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Each record lands in exactly one object and no key is written twice, whatever cut the files: a task that crashed
 * after landing objects but before Connect committed is followed by one that replays the same records, and the
 * objects already in S3 win (checked on the S3 server's record of accepted writes).
 */
class KeysWrittenOnceIT {

    private static final TopicPartition PARTITION = new TopicPartition("splunk.web", 0);
    private static final Instant T0 = Instant.parse("2026-11-25T13:00:00Z");
    private static final String KEY_PREFIX = "topics/splunk.web/partition=0/splunk.web+0+";

    @TempDir
    static Path serverDir;

    @TempDir
    Path bufferDir;

    private static S3TestServer s3;
    private String bucket;
    private final List<S3SinkTask> tasks = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        s3 = S3TestServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() {
        s3.close();
    }

    @BeforeEach
    void newBucket(TestInfo test) {
        bucket = TestBuckets.nameFor(test, 40);
        s3.createBucket(bucket);
    }

    @AfterEach
    void stopTasks() {
        tasks.forEach(S3SinkTask::stop);
    }

    @Test
    void aReplayWhoseFilesMatchTheObjectsAlreadyThereWritesNoKeyAgainAndNeedsNoRewind() {
        Map<String, String> settings = Map.of(S3SinkConfig.FLUSH_SIZE, "10");
        S3SinkTask crashed = start(settings, Clock.systemUTC(), new RecordingContext(Set.of(PARTITION)));
        crashed.put(events(0, 25, T0, 1000));
        assertThat(committed(crashed)).isEqualTo(20);
        crash(crashed);

        RecordingContext context = new RecordingContext(Set.of(PARTITION));
        S3SinkTask successor = start(settings, Clock.systemUTC(), context);
        successor.put(events(0, 30, T0, 1000));

        assertThat(committed(successor)).isEqualTo(30);
        assertThat(context.rewinds).isEmpty();
        assertThat(s3.keys(bucket)).containsExactly(key(0), key(10), key(20));
        assertEachRecordOnceAndEachKeyWrittenOnce(30);
    }

    @Test
    void aReplayCutEarlierByWallClockRotationContinuesAfterTheObjectAlreadyThere() {
        Map<String, String> settings =
                Map.of(S3SinkConfig.FLUSH_SIZE, "1000", S3SinkConfig.ROTATE_SCHEDULE_INTERVAL_MS, "60000");
        S3SinkTaskTest.MutableClock clock = new S3SinkTaskTest.MutableClock(Instant.parse("2026-11-25T10:00:10Z"));
        S3SinkTask crashed = start(settings, clock, new RecordingContext(Set.of(PARTITION)));
        crashed.put(events(0, 7, T0, 1000));
        clock.now = Instant.parse("2026-11-25T10:01:00Z");
        crashed.put(List.of());
        assertThat(committed(crashed)).isEqualTo(7);
        assertThat(s3.keys(bucket)).containsExactly(key(0));
        crash(crashed);

        // The successor reads more slowly: its wall clock cuts after offset 2, where the crashed task went on to 6.
        RecordingContext context = new RecordingContext(Set.of(PARTITION));
        clock.now = Instant.parse("2026-11-25T10:01:50Z");
        S3SinkTask successor = start(settings, clock, context);
        successor.put(events(0, 3, T0, 1000));
        clock.now = Instant.parse("2026-11-25T10:02:00Z");
        successor.put(events(3, 5, T0.plusSeconds(3), 1000));

        // preCommit waits for the upload, which finds the key taken by an object holding offsets 0..6.
        assertThat(committed(successor)).isEqualTo(0);
        assertThat(context.rewinds).containsEntry(PARTITION, 0L);
        // What Connect does after the rewind: the partition again from offset 0.
        successor.put(events(0, 10, T0, 1000));
        clock.now = Instant.parse("2026-11-25T10:03:00Z");
        successor.put(List.of());

        assertThat(committed(successor)).isEqualTo(10);
        assertThat(s3.keys(bucket)).containsExactly(key(0), key(7));
        assertEachRecordOnceAndEachKeyWrittenOnce(10);
    }

    @Test
    void anObjectHoldingFewerRecordsThanTheFileIsKeptAndTheRestLandsAfterIt() {
        S3SinkTask crashed =
                start(Map.of(S3SinkConfig.FLUSH_SIZE, "3"), Clock.systemUTC(), new RecordingContext(Set.of(PARTITION)));
        crashed.put(events(0, 4, T0, 1000));
        assertThat(committed(crashed)).isEqualTo(3);
        crash(crashed);

        RecordingContext context = new RecordingContext(Set.of(PARTITION));
        S3SinkTask successor = start(Map.of(S3SinkConfig.FLUSH_SIZE, "10"), Clock.systemUTC(), context);
        successor.put(events(0, 12, T0, 1000));
        assertThat(committed(successor)).isEqualTo(0);
        assertThat(context.rewinds).containsEntry(PARTITION, 0L);

        successor.put(events(0, 13, T0, 1000));

        assertThat(committed(successor)).isEqualTo(13);
        assertThat(s3.keys(bucket)).containsExactly(key(0), key(3));
        assertEachRecordOnceAndEachKeyWrittenOnce(13);
    }

    @Test
    void withoutConditionalWritesAHeadRequestKeepsTheObjectAlreadyThere() {
        Map<String, String> crashedSettings =
                Map.of(S3SinkConfig.FLUSH_SIZE, "3", S3SinkConfig.CONDITIONAL_WRITES, "false");
        S3SinkTask crashed = start(crashedSettings, Clock.systemUTC(), new RecordingContext(Set.of(PARTITION)));
        crashed.put(events(0, 4, T0, 1000));
        assertThat(committed(crashed)).isEqualTo(3);
        crash(crashed);

        RecordingContext context = new RecordingContext(Set.of(PARTITION));
        S3SinkTask successor = start(
                Map.of(S3SinkConfig.FLUSH_SIZE, "10", S3SinkConfig.CONDITIONAL_WRITES, "false"),
                Clock.systemUTC(),
                context);
        successor.put(events(0, 12, T0, 1000));
        assertThat(committed(successor)).isEqualTo(0);
        successor.put(events(context.rewinds.get(PARTITION).intValue(), 13, T0, 1000));

        assertThat(committed(successor)).isEqualTo(13);
        assertThat(s3.keys(bucket)).containsExactly(key(0), key(3));
        assertEachRecordOnceAndEachKeyWrittenOnce(13);
    }

    @Test
    void everyObjectCarriesTheOffsetsItHolds() {
        S3SinkTask task = start(
                Map.of(S3SinkConfig.FLUSH_SIZE, "10"), Clock.systemUTC(), new RecordingContext(Set.of(PARTITION)));
        task.put(events(0, 15, T0, 1000));
        // Offsets 15 and 16 are gone (compacted, or transaction markers): the object holds 10-14 and 17-21.
        task.put(events(17, 22, T0.plusSeconds(17), 1000));
        assertThat(committed(task)).isEqualTo(22);

        assertThat(s3.client().headObject(b -> b.bucket(bucket).key(key(10))).metadata())
                .containsEntry("kafka-first-offset", "10")
                .containsEntry("kafka-last-offset", "21")
                .containsEntry("record-count", "10");
    }

    @Test
    void anObjectWithoutOffsetMetadataAtAKeyStopsTheTaskAndStaysAsItWas() {
        s3.client().putObject(b -> b.bucket(bucket).key(key(0)), RequestBody.fromString("not the sink's"));
        S3SinkTask task =
                start(Map.of(S3SinkConfig.FLUSH_SIZE, "5"), Clock.systemUTC(), new RecordingContext(Set.of(PARTITION)));
        task.put(events(0, 6, T0, 1000));
        assertThat(committed(task)).isEqualTo(-1);

        assertThatThrownBy(() -> task.put(events(6, 8, T0.plusSeconds(6), 1000)))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining(key(0))
                .hasMessageContaining("no offset metadata");
        assertThat(new String(s3.read(bucket, key(0)))).isEqualTo("not the sink's");
        assertThat(committed(task)).isEqualTo(-1);
    }

    private void assertEachRecordOnceAndEachKeyWrittenOnce(int records) {
        assertThat(LandedRecords.readAll(s3, bucket))
                .extracting(r -> r.get("event_id").toString())
                .containsExactlyElementsOf(
                        IntStream.range(0, records).mapToObj(i -> "event-" + i).toList());
        assertThat(s3.writes().stream()
                        .filter(write -> write.bucket().equals(bucket))
                        .map(ObjectWrite::key))
                .doesNotHaveDuplicates();
    }

    /** The task dies before Connect commits: its successor is handed the partition from the last commit. */
    private void crash(S3SinkTask task) {
        task.stop();
        tasks.remove(task);
    }

    private static String key(long offset) {
        return KEY_PREFIX + String.format("%010d", offset) + ".snappy.parquet";
    }

    private S3SinkTask start(Map<String, String> overrides, Clock clock, RecordingContext context) {
        Map<String, String> settings = new HashMap<>(s3.sinkSettings(bucket));
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
}
