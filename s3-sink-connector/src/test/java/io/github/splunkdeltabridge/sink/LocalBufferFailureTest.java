package io.github.splunkdeltabridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.splunkdeltabridge.s3testkit.ObjectWrite;
import io.github.splunkdeltabridge.s3testkit.S3TestServer;
import io.github.splunkdeltabridge.sink.format.FileFormat;
import io.github.splunkdeltabridge.sink.format.RecordFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink task when its {@code local.buffer.dir} fails while it runs (the path replaced by a file, a full disk):
 * the task keeps running and retrying, says so naming the setting, and once the directory takes files again every
 * record lands exactly once, in whole objects. Connect's side is {@link ConnectLoop}.
 */
class LocalBufferFailureTest {

    private static final TopicPartition PARTITION = new TopicPartition("splunk.web", 0);
    private static final Instant T0 = Instant.parse("2026-11-25T13:00:00Z");

    @TempDir
    static Path serverDir;

    @TempDir
    Path workDir;

    private static S3TestServer s3;
    private String bucket;
    private Path bufferDir;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private S3SinkTask task;

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
        bucket = TestBuckets.nameFor(test, 60);
        s3.createBucket(bucket);
        bufferDir = workDir.resolve("buffer");
    }

    @AfterEach
    void stopTask() {
        if (task != null) {
            task.stop();
        }
    }

    @Test
    void aBufferDirectoryReplacedByAFileKeepsTheTaskRetryingAndEveryRecordLandsOnceWhenItIsBack() throws Exception {
        RecordingContext context = new RecordingContext(Set.of(PARTITION));
        task = start(context, new AtomicBoolean());
        ConnectLoop connect = new ConnectLoop(task, context, PARTITION, S3SinkTaskTest.events(0, 40, T0, 1000));
        // Offsets 0-9 land (a commit waits for their upload); 10-14 are in an open file.
        assertThat(connect.deliver(15)).isNull();
        assertThat(committed()).isEqualTo(10);

        // The directory goes away with its files, and a regular file takes its path (as a failed mount might leave).
        deleteTree(bufferDir);
        Files.writeString(bufferDir, "not a directory");
        // 15-19 complete the open file, whose upload cannot read it back; 20 cannot get a new file.
        RetriableException failure = connect.deliver(10);

        assertThat(failure)
                .isInstanceOf(LocalBuffer.FailureException.class)
                .hasMessageContaining("local.buffer.dir " + bufferDir)
                .hasMessageContaining("offset 10");
        assertThat(context.rewinds).containsEntry(PARTITION, 10L);
        assertThat(context.timeoutMs).isEqualTo(LocalBuffer.RETRY_BACKOFF.toMillis());
        assertThat(committed()).isEqualTo(10);
        // While the path is a file, every retry fails the same way, and the task goes on retrying.
        for (int i = 0; i < 5; i++) {
            connect.deliver(10);
        }
        assertThat(connect.failures)
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(e -> assertThat(e)
                        .isInstanceOf(LocalBuffer.FailureException.class)
                        .hasMessageContaining("local.buffer.dir"));
        assertThat(committed()).isEqualTo(10);
        assertThat(s3.keys(bucket)).containsExactly(key(0));

        Files.delete(bufferDir);
        Files.createDirectory(bufferDir);
        connect.deliverAll(10);

        assertThat(committed()).isEqualTo(40);
        assertEveryRecordLandedOnceInWholeObjects(40, key(0), key(10), key(20), key(30));
        assertThat(warnings)
                .first()
                .asString()
                .contains("local.buffer.dir " + bufferDir)
                .containsIgnoringCase("not a directory");
    }

    @Test
    void aFullDiskWhileFinishingAFileDropsItAndItsRecordsLandOnceWhenSpaceReturns() throws Exception {
        RecordingContext context = new RecordingContext(Set.of(PARTITION));
        AtomicBoolean full = new AtomicBoolean();
        task = start(context, full);
        ConnectLoop connect = new ConnectLoop(task, context, PARTITION, S3SinkTaskTest.events(0, 30, T0, 1000));
        assertThat(connect.deliver(5)).isNull();

        full.set(true);
        // Offset 9 fills the file; Parquet writes its pages when the file is finished, which the full disk refuses.
        RetriableException failure = connect.deliver(10);
        assertThat(failure)
                .isInstanceOf(LocalBuffer.FailureException.class)
                .hasMessageContaining("local.buffer.dir")
                .hasMessageContaining("cannot finish")
                .hasMessageContaining("No space left on device");
        assertThat(context.rewinds).containsEntry(PARTITION, 0L);
        // Offset 0 is the next to read: no record is committed.
        assertThat(committed()).isZero();
        // The failed file is gone from the buffer, and nothing of it reached S3.
        assertThat(bufferFiles()).isEmpty();
        assertThat(s3.keys(bucket)).isEmpty();

        full.set(false);
        connect.deliverAll(7);

        assertThat(committed()).isEqualTo(30);
        assertEveryRecordLandedOnceInWholeObjects(30, key(0), key(10), key(20));
        assertThat(bufferFiles()).isEmpty();
    }

    @Test
    void aLastingFailureIsWarnedAboutAtABoundedRate() {
        StoppedClock clock = new StoppedClock(T0);
        List<String> seen = new ArrayList<>();
        LocalBuffer buffer = new LocalBuffer(bufferDir, clock, seen::add);
        BufferFileException failure = new BufferFileException(
                "create a file in", bufferDir, new java.nio.file.NotDirectoryException(bufferDir.toString()));

        for (int second = 0; second < 65; second++) {
            clock.now = T0.plusSeconds(second);
            buffer.failed(PARTITION, failure, 10);
        }

        // At 0, 30 and 60 s: one warning per interval however often it fails, each counting the failures it covers.
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).contains("local.buffer.dir " + bufferDir).contains("not a directory");
        assertThat(seen.get(1)).contains("30 failure(s) since the last warning");
        assertThat(buffer.failing()).isTrue();
        buffer.fileCreated();
        assertThat(buffer.failing()).isFalse();
    }

    @Test
    void aBufferDirectoryThatIsAFileWhenTheTaskStartsFailsTheStartNamingTheSetting() throws Exception {
        Files.writeString(bufferDir, "not a directory");
        S3SinkTask starting = new S3SinkTask();
        starting.initialize(new RecordingContext(Set.of(PARTITION)));
        assertThatThrownBy(() -> starting.start(settings()))
                .isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("local.buffer.dir " + bufferDir)
                .hasMessageContaining("set local.buffer.dir to a writable directory");
    }

    private S3SinkTask start(RecordingContext context, AtomicBoolean diskFull) {
        S3SinkTask started = new S3SinkTask(Clock.systemUTC(), format -> new FullDisk(format, diskFull), warnings::add);
        started.initialize(context);
        started.start(settings());
        started.open(List.of(PARTITION));
        return started;
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(s3.sinkSettings(bucket));
        settings.put(S3SinkConfig.BUFFER_DIR, bufferDir.toString());
        settings.put(S3SinkConfig.FLUSH_SIZE, "10");
        return settings;
    }

    private long committed() {
        OffsetAndMetadata offset = task.preCommit(Map.of()).get(PARTITION);
        return offset == null ? -1 : offset.offset();
    }

    private static String key(int firstOffset) {
        return String.format("topics/splunk.web/partition=0/splunk.web+0+%010d.snappy.parquet", firstOffset);
    }

    /** S3 accepted each key once, holds exactly these objects, and they hold each record once, in whole files. */
    private void assertEveryRecordLandedOnceInWholeObjects(int records, String... keys) {
        List<String> written = s3.writes().stream()
                .filter(write -> write.bucket().equals(bucket))
                .map(ObjectWrite::key)
                .toList();
        assertThat(written).as("keys S3 accepted").doesNotHaveDuplicates();
        assertThat(s3.keys(bucket)).containsExactly(keys);
        // Each object is a readable Parquet file (a partial one would not parse) holding its key's ten records.
        for (String key : keys) {
            int first = Integer.parseInt(key.replaceAll(".*\\+(\\d+)\\..*", "$1"));
            assertThat(LandedRecords.read(s3, bucket, key))
                    .extracting(r -> r.get("event_id").toString())
                    .containsExactlyElementsOf(IntStream.range(first, Math.min(first + 10, records))
                            .mapToObj(i -> "event-" + i)
                            .toList());
        }
    }

    private List<Path> bufferFiles() throws IOException {
        try (var files = Files.list(bufferDir)) {
            return files.toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path path : files.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The configured format on a disk that, while {@code full}, refuses to finish a file. */
    private static final class FullDisk extends FileFormat {
        private final FileFormat format;
        private final AtomicBoolean full;

        FullDisk(FileFormat format, AtomicBoolean full) {
            this.format = format;
            this.full = full;
        }

        @Override
        public String extension() {
            return format.extension();
        }

        @Override
        public RecordFileWriter open(Path file, Schema schema) throws IOException {
            RecordFileWriter writer = format.open(file, schema);
            return new RecordFileWriter() {
                @Override
                public void write(GenericRecord record) throws IOException {
                    writer.write(record);
                }

                @Override
                public void close() throws IOException {
                    if (full.get()) {
                        throw new java.nio.file.FileSystemException(file.toString(), null, "No space left on device");
                    }
                    writer.close();
                }
            };
        }
    }

    private static final class StoppedClock extends Clock {
        Instant now;

        StoppedClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
