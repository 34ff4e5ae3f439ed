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
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
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
 *
 * <p>When {@code local.buffer.dir} fails (a file cannot be created, written, finished or read back for its upload:
 * a full disk, a path that went away), the writer drops every file not in S3 yet and asks Connect to deliver the
 * partition again from the first record not in S3; {@link LocalBuffer} reports it and Connect retries after a pause.
 * No object is written from a file that failed, so no object holds part of a file.
 */
final class TopicPartitionWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TopicPartitionWriter.class);

    private final TopicPartition topicPartition;
    private final Settings settings;
    private final Clock clock;
    private final LocalBuffer buffer;

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
    /**
     * After a rewind, the offset Connect delivers the partition again from, -1 when none is awaited. Records above
     * it are ignored until it comes: the rest of the current batch, or a batch Connect delivers again after a
     * RetriableException before its seek to this offset takes effect.
     */
    private long awaitedOffset = -1;

    /** What every writer of a task shares, including the task's one upload thread. */
    record Settings(
            FileFormat format,
            ObjectKeys keys,
            Partitioner partitioner,
            SinkRecordToAvro converter,
            S3Uploader uploader,
            ExecutorService uploadThread,
            RecordTimestamp recordTimestamp,
            LocalBuffer buffer,
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

    TopicPartitionWriter(TopicPartition topicPartition, Settings settings, Clock clock, LongConsumer redeliverFrom) {
        this.topicPartition = topicPartition;
        this.settings = settings;
        this.buffer = settings.buffer();
        this.clock = clock;
        this.redeliverFrom = redeliverFrom;
        this.landings = new LandingQueue(topicPartition, settings.uploader(), settings.uploadThread());
    }

    /** Whether the record is one to ignore because a rewind below it is awaited; the awaited record ends the wait. */
    private boolean awaitingRedeliveryBefore(SinkRecord record) {
        if (awaitedOffset < 0) {
            return false;
        }
        if (record.kafkaOffset() > awaitedOffset) {
            return true;
        }
        awaitedOffset = -1;
        return false;
    }

    /**
     * Writes one record, landing the open files first or after it when a rotation condition holds.
     * A {@link org.apache.kafka.connect.errors.DataException} means this record cannot be written and nothing changed;
     * a {@link LocalBuffer.FailureException} that {@code local.buffer.dir} failed and the partition was rewound.
     */
    void write(SinkRecord record) {
        if (awaitingRedeliveryBefore(record)) {
            return;
        }
        try {
            writeRecord(record);
        } catch (BufferFileException e) {
            throw bufferFailed(e, record.kafkaOffset());
        }
    }

    private void writeRecord(SinkRecord record) {
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
            if (awaitedOffset >= 0) {
                return;
            }
        }
        OpenFile file = openFiles.get(encodedPartition);
        if (file != null && !file.schema.equals(schema)) {
            land("schema change");
            if (awaitedOffset >= 0) {
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
            throw new BufferFileException("write", file.path, e);
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
        if (awaitingRedeliveryBefore(record)) {
            return;
        }
        if (record.kafkaOffset() >= nextOffset) {
            nextOffset = record.kafkaOffset() + 1;
            updateCommittableOffset();
        }
    }

    /** Lands the open files when the wall-clock rotation time has come. */
    void rotateOnSchedule() {
        if (awaitedOffset >= 0) {
            return;
        }
        try {
            landings.retryFailed();
            if (rewindOnConflict()) {
                return;
            }
            updateCommittableOffset();
            if (nextScheduledRotation != null && !clock.instant().isBefore(nextScheduledRotation)) {
                land("rotate.schedule.interval.ms");
            }
        } catch (BufferFileException e) {
            throw bufferFailed(e, Long.MAX_VALUE);
        }
    }

    /**
     * {@code local.buffer.dir} failed: drops every file not in S3 (a file that failed is never uploaded, so no object
     * holds part of one) and asks Connect for the records again from the first not in S3 ({@code current} when no file
     * held records before it); answers what {@link LocalBuffer} makes of it.
     */
    private LocalBuffer.FailureException bufferFailed(BufferFileException failure, long current) {
        long from = current;
        for (OpenFile file : openFiles.values()) {
            from = Math.min(from, file.firstOffset);
        }
        OptionalLong notLanded = discard();
        if (notLanded.isPresent()) {
            from = Math.min(from, notLanded.getAsLong());
        }
        if (from != Long.MAX_VALUE) {
            nextOffset = from;
            updateCommittableOffset();
            awaitedOffset = from;
            redeliverFrom.accept(from);
        }
        return buffer.failed(topicPartition, failure, from == Long.MAX_VALUE ? nextOffset : from);
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
        awaitedOffset = from;
        redeliverFrom.accept(from);
        LOG.info(
                "{}: rewinding to offset {} to write what the objects already in S3 do not hold (in S3 per "
                        + "directory through {})",
                topicPartition,
                from,
                landedThrough);
        return true;
    }

    /**
     * Drops the files not landed yet; Kafka redelivers their records from the committed offset. Answers the first
     * offset the dropped files of finished landings held, if any.
     */
    OptionalLong discard() {
        firstRecordTime = null;
        nextScheduledRotation = null;
        OptionalLong notLanded = landings.discard();
        for (OpenFile file : openFiles.values()) {
            try {
                file.writer.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing {} to discard it failed", file.path, e);
            }
            LandingQueue.deleteQuietly(file.path);
        }
        openFiles.clear();
        return notLanded;
    }

    private OpenFile open(String encodedPartition, long startOffset, Schema schema) {
        String key =
                settings.keys().key(topicPartition.topic(), encodedPartition, topicPartition.partition(), startOffset);
        Path path = null;
        RecordFileWriter writer;
        try {
            // Made again if it went away; a file where the directory should be fails here.
            Files.createDirectories(buffer.dir());
            path = Files.createTempFile(
                    buffer.dir(), topicPartition + "-", settings.format().extension());
            // The writers create the file themselves.
            Files.delete(path);
            writer = settings.format().open(path, schema);
        } catch (IOException e) {
            if (path == null) {
                throw new BufferFileException("create a file in", buffer.dir(), e);
            }
            LandingQueue.deleteQuietly(path);
            throw new BufferFileException("create", path, e);
        }
        buffer.fileCreated();
        OpenFile file = new OpenFile(key, encodedPartition, path, schema, writer, startOffset);
        openFiles.put(encodedPartition, file);
        if (nextScheduledRotation == null && settings.rotateScheduleIntervalMs() > 0) {
            nextScheduledRotation = nextScheduleBoundary(clock.instant());
        }
        return file;
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
                throw new BufferFileException("finish", file.path, e);
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
