package io.github.splunkdeltabridge.sink;

import io.github.splunkdeltabridge.sink.avro.SinkRecordToAvro;
import io.github.splunkdeltabridge.sink.format.FileFormat;
import io.github.splunkdeltabridge.sink.format.RecordFileWriter;
import io.github.splunkdeltabridge.sink.layout.ObjectKeys;
import io.github.splunkdeltabridge.sink.layout.Partitioner;
import io.github.splunkdeltabridge.sink.layout.RecordTimestamp;
import io.github.splunkdeltabridge.sink.storage.ObjectOffsets;
import io.github.splunkdeltabridge.sink.storage.S3Uploader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the records of one Kafka topic partition into local files, one per encoded partition, and lands them all
 * in S3 together when a rotation condition holds ({@link LandingQueue} uploads them while the next files fill). The
 * offset to commit moves past records only once their files are in S3, so Kafka offsets never get ahead of S3.
 *
 * <p>Each record lands in exactly one object, and no object is written twice. A file's key is taken from its first
 * record's offset, and an upload never replaces an object already at its key ({@link S3Uploader}). Records replayed
 * after a crash usually fill the same files (count and record-time rotation depend on the records only), find their
 * keys taken by objects holding exactly their records, and move on. When the object there holds other records (a
 * replay cut elsewhere by wall-clock rotation, another writer during a rebalance), the object wins: the writer
 * remembers, per directory, the last offset that object holds, drops the files not landed yet, and asks Connect to
 * redeliver from the first record of the conflicting landing; the redelivered records of a directory up to that
 * offset are skipped, the rest fill new files after them. This rests on records going to the same directory every
 * time, which holds for every partitioner except the time partitioner with the Wallclock timestamp extractor.
 */
final class TopicPartitionWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TopicPartitionWriter.class);

    private final TopicPartition topicPartition;
    private final Settings settings;
    private final Clock clock;
    private final Path bufferDir;

    private final Map<String, OpenFile> openFiles = new LinkedHashMap<>();
    private final LandingQueue landings;
    /** The offset after the last record written or skipped; records below it are redeliveries. */
    private long nextOffset = -1;
    /** The offset to commit to Kafka: every record below it is in S3. -1 until something landed. */
    private long committableOffset = -1;

    private Instant firstRecordTime;
    private Instant nextScheduledRotation;

    /** Per directory (encoded partition): records up to this offset are in an object in S3 already. */
    private final Map<String, Long> landedThrough = new HashMap<>();
    /** Asks Connect to deliver the partition again from an offset (SinkTaskContext#offset). */
    private final LongConsumer redeliverFrom;
    /** After a rewind, the rest of the current batch is ignored: Connect delivers it again, from the rewind offset. */
    private boolean awaitingRedelivery;

    /** What every writer of a task shares, including the task's one upload thread. */
    record Settings(
            FileFormat format,
            ObjectKeys keys,
            Partitioner partitioner,
            SinkRecordToAvro converter,
            S3Uploader uploader,
            ExecutorService uploadThread,
            RecordTimestamp recordTimestamp,
            int flushSize,
            long rotateIntervalMs,
            long rotateScheduleIntervalMs,
            ZoneId timezone) {}

    private static final class OpenFile {
        final String key;
        final String encodedPartition;
        final Path path;
        final Schema schema;
        final RecordFileWriter writer;
        final long firstOffset;
        long lastOffset;
        int records;

        OpenFile(
                String key,
                String encodedPartition,
                Path path,
                Schema schema,
                RecordFileWriter writer,
                long firstOffset) {
            this.key = key;
            this.encodedPartition = encodedPartition;
            this.path = path;
            this.schema = schema;
            this.writer = writer;
            this.firstOffset = firstOffset;
        }
    }

    TopicPartitionWriter(
            TopicPartition topicPartition, Settings settings, Path bufferDir, Clock clock, LongConsumer redeliverFrom) {
        this.topicPartition = topicPartition;
        this.settings = settings;
        this.bufferDir = bufferDir;
        this.clock = clock;
        this.redeliverFrom = redeliverFrom;
        this.landings = new LandingQueue(topicPartition, settings.uploader(), settings.uploadThread());
    }

    /** Called at the start of every put: records delivered after a rewind start at the rewind offset. */
    void beginBatch() {
        awaitingRedelivery = false;
    }

    /**
     * Writes one record, landing the open files first or after it when a rotation condition holds.
     * A {@link org.apache.kafka.connect.errors.DataException} means this record cannot be written and nothing changed.
     */
    void write(SinkRecord record) {
        if (awaitingRedelivery) {
            return;
        }
        landings.retryFailed();
        if (rewindOnConflict()) {
            return;
        }
        updateCommittableOffset();
        if (nextOffset >= 0 && record.kafkaOffset() < nextOffset) {
            return;
        }
        // Everything that can reject the record runs before any state changes.
        String encodedPartition = settings.partitioner().encodePartition(record);
        Long inS3Through = landedThrough.get(encodedPartition);
        if (inS3Through != null && record.kafkaOffset() <= inS3Through) {
            // An object in S3 holds this record already (found when its key was taken).
            skip(record);
            return;
        }
        Schema schema = settings.converter().schemaOf(record);
        GenericRecord value = settings.converter().toAvro(record, schema);
        Instant recordTime =
                settings.rotateIntervalMs() > 0 ? settings.recordTimestamp().of(record) : null;

        if (recordTime != null
                && firstRecordTime != null
                && recordTime.toEpochMilli() - firstRecordTime.toEpochMilli() >= settings.rotateIntervalMs()) {
            land("record time");
            if (awaitingRedelivery) {
                return;
            }
        }
        OpenFile file = openFiles.get(encodedPartition);
        if (file != null && !file.schema.equals(schema)) {
            land("schema change");
            if (awaitingRedelivery) {
                return;
            }
            file = null;
        }
        if (file == null) {
            file = open(encodedPartition, record.kafkaOffset(), schema);
        }
        try {
            file.writer.write(value);
        } catch (IOException e) {
            throw new ConnectException("Cannot write " + file.path + " in local.buffer.dir", e);
        }
        file.records++;
        file.lastOffset = record.kafkaOffset();
        nextOffset = record.kafkaOffset() + 1;
        if (firstRecordTime == null) {
            firstRecordTime = recordTime;
        }
        if (file.records >= settings.flushSize()) {
            land("flush.size");
        }
    }

    /** Moves past a record that was not written (ignored, or reported to the error handler). */
    void skip(SinkRecord record) {
        if (record.kafkaOffset() >= nextOffset) {
            nextOffset = record.kafkaOffset() + 1;
            updateCommittableOffset();
        }
    }

    /** Lands the open files when the wall-clock rotation time has come. */
    void rotateOnSchedule() {
        if (awaitingRedelivery) {
            return;
        }
        landings.retryFailed();
        if (rewindOnConflict()) {
            return;
        }
        updateCommittableOffset();
        if (nextScheduledRotation != null && !clock.instant().isBefore(nextScheduledRotation)) {
            land("rotate.schedule.interval.ms");
        }
    }

    /** The offset Kafka may commit for this partition, or -1 when nothing has landed yet; waits for a running upload. */
    long committableOffset() {
        landings.awaitRunning();
        // A rewind asked for here takes effect before the next put: Connect seeks before it polls again.
        if (!rewindOnConflict()) {
            updateCommittableOffset();
        }
        return committableOffset;
    }

    /** Past every landed record, and past skipped ones too when no file holds records still to land. */
    private void updateCommittableOffset() {
        if (openFiles.isEmpty() && landings.isEmpty()) {
            committableOffset = nextOffset;
        } else {
            committableOffset = Math.max(committableOffset, landings.landedOffset());
        }
        // Records below the committed offset are not delivered again (unless offsets are reset, when the keys'
        // objects tell again).
        landedThrough.values().removeIf(last -> last < committableOffset);
    }

    /**
     * When the oldest landing stopped at a key taken by an object holding other records: keeps what S3 holds per
     * directory, drops every file not landed, and has Connect deliver the partition again from the landing's first
     * record. Answers whether it rewound.
     */
    private boolean rewindOnConflict() {
        Optional<LandingQueue.Conflict> conflict = landings.conflict();
        if (conflict.isEmpty()) {
            return false;
        }
        long from = conflict.get().firstOffset();
        conflict.get().landedThrough().forEach((directory, last) -> landedThrough.merge(directory, last, Math::max));
        discard();
        nextOffset = from;
        updateCommittableOffset();
        awaitingRedelivery = true;
        redeliverFrom.accept(from);
        LOG.info(
                "{}: rewinding to offset {} to write what the objects already in S3 do not hold (in S3 per "
                        + "directory through {})",
                topicPartition,
                from,
                landedThrough);
        return true;
    }

    /** Drops the files not landed yet; Kafka redelivers their records from the committed offset. */
    void discard() {
        firstRecordTime = null;
        nextScheduledRotation = null;
        landings.discard();
        for (OpenFile file : openFiles.values()) {
            try {
                file.writer.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing {} to discard it failed", file.path, e);
            }
            LandingQueue.deleteQuietly(file.path);
        }
        openFiles.clear();
    }

    private OpenFile open(String encodedPartition, long startOffset, Schema schema) {
        String key =
                settings.keys().key(topicPartition.topic(), encodedPartition, topicPartition.partition(), startOffset);
        try {
            Files.createDirectories(bufferDir);
            Path path = Files.createTempFile(
                    bufferDir, topicPartition + "-", settings.format().extension());
            // The writers create the file themselves.
            Files.delete(path);
            OpenFile file = new OpenFile(
                    key, encodedPartition, path, schema, settings.format().open(path, schema), startOffset);
            openFiles.put(encodedPartition, file);
            if (nextScheduledRotation == null && settings.rotateScheduleIntervalMs() > 0) {
                nextScheduledRotation = nextScheduleBoundary(clock.instant());
            }
            return file;
        } catch (IOException e) {
            throw new ConnectException("Cannot create a buffer file in local.buffer.dir " + bufferDir, e);
        }
    }

    /** The next multiple of the schedule interval after {@code now}, counted in local time of the time zone. */
    private Instant nextScheduleBoundary(Instant now) {
        long interval = settings.rotateScheduleIntervalMs();
        long offsetMillis = settings.timezone().getRules().getOffset(now).getTotalSeconds() * 1000L;
        long local = now.toEpochMilli() + offsetMillis;
        return Instant.ofEpochMilli(Math.floorDiv(local, interval) * interval + interval - offsetMillis);
    }

    /** Closes every open file and hands them to the landing queue; the committable offset moves once all are in S3. */
    private void land(String reason) {
        List<LandingQueue.ClosedFile> closed = new ArrayList<>();
        for (OpenFile file : openFiles.values()) {
            try {
                file.writer.close();
            } catch (IOException e) {
                throw new ConnectException("Cannot finish " + file.path + " in local.buffer.dir", e);
            }
            closed.add(new LandingQueue.ClosedFile(
                    file.key,
                    file.path,
                    file.encodedPartition,
                    new ObjectOffsets(file.firstOffset, file.lastOffset, file.records)));
        }
        LOG.debug("Landing {} file(s) of {} ({})", openFiles.size(), topicPartition, reason);
        openFiles.clear();
        firstRecordTime = null;
        nextScheduledRotation = null;
        landings.add(closed, nextOffset);
        if (!rewindOnConflict()) {
            updateCommittableOffset();
        }
    }
}
