package io.github.splunkdeltabridge.sink;

import io.github.splunkdeltabridge.sink.avro.SinkRecordToAvro;
import io.github.splunkdeltabridge.sink.format.FileFormat;
import io.github.splunkdeltabridge.sink.format.RecordFileWriter;
import io.github.splunkdeltabridge.sink.layout.ObjectKeys;
import io.github.splunkdeltabridge.sink.layout.Partitioner;
import io.github.splunkdeltabridge.sink.layout.RecordTimestamp;
import io.github.splunkdeltabridge.sink.storage.S3Uploader;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the records of one Kafka topic partition into local files, one per encoded partition, and lands them all
 * in S3 together when a rotation condition holds. After a successful landing the next offset to commit moves past
 * every record written, so Kafka offsets never get ahead of S3.
 *
 * <p>Exactly-once landing rests on determinism: a file's key is taken from its first record's offset, and files are
 * cut only by the records themselves (count, record time, schema change), so records replayed after a crash fill
 * the same files and overwrite the same keys. Wall-clock rotation is the documented exception.
 */
final class TopicPartitionWriter {

    private static final Logger log = LoggerFactory.getLogger(TopicPartitionWriter.class);

    private final TopicPartition topicPartition;
    private final Settings settings;
    private final Clock clock;
    private final Path bufferDir;

    private final Map<String, OpenFile> openFiles = new LinkedHashMap<>();
    /** Closed files whose upload failed; retried before anything else is written. */
    private final List<OpenFile> pendingUploads = new ArrayList<>();
    /** The offset after the last record written or skipped; records below it are redeliveries. */
    private long nextOffset = -1;
    /** The offset to commit to Kafka: every record below it is in S3. -1 until something landed. */
    private long committableOffset = -1;
    private Instant firstRecordTime;
    private Instant nextScheduledRotation;

    /** What every writer of a task shares. */
    record Settings(FileFormat format, ObjectKeys keys, Partitioner partitioner, SinkRecordToAvro converter,
                    S3Uploader uploader, RecordTimestamp recordTimestamp, int flushSize, long rotateIntervalMs,
                    long rotateScheduleIntervalMs, ZoneId timezone) {
    }

    private static final class OpenFile {
        final String key;
        final Path path;
        final Schema schema;
        final RecordFileWriter writer;
        int records;

        OpenFile(String key, Path path, Schema schema, RecordFileWriter writer) {
            this.key = key;
            this.path = path;
            this.schema = schema;
            this.writer = writer;
        }
    }

    TopicPartitionWriter(TopicPartition topicPartition, Settings settings, Path bufferDir, Clock clock) {
        this.topicPartition = topicPartition;
        this.settings = settings;
        this.bufferDir = bufferDir;
        this.clock = clock;
    }

    /**
     * Writes one record, landing the open files first or after it when a rotation condition holds.
     * A {@link org.apache.kafka.connect.errors.DataException} means this record cannot be written and nothing changed.
     */
    void write(SinkRecord record) {
        retryPendingUploads();
        if (nextOffset >= 0 && record.kafkaOffset() < nextOffset) {
            return;
        }
        // Everything that can reject the record runs before any state changes.
        String encodedPartition = settings.partitioner().encodePartition(record);
        Schema schema = settings.converter().schemaOf(record);
        GenericRecord value = settings.converter().toAvro(record, schema);
        Instant recordTime = settings.rotateIntervalMs() > 0 ? settings.recordTimestamp().of(record) : null;

        if (recordTime != null && firstRecordTime != null
                && recordTime.toEpochMilli() - firstRecordTime.toEpochMilli() >= settings.rotateIntervalMs()) {
            land("record time");
        }
        OpenFile file = openFiles.get(encodedPartition);
        if (file != null && !file.schema.equals(schema)) {
            land("schema change");
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
            if (openFiles.isEmpty() && pendingUploads.isEmpty()) {
                committableOffset = nextOffset;
            }
        }
    }

    /** Lands the open files when the wall-clock rotation time has come. */
    void rotateOnSchedule() {
        retryPendingUploads();
        if (nextScheduledRotation != null && !clock.instant().isBefore(nextScheduledRotation)) {
            land("rotate.schedule.interval.ms");
        }
    }

    /** The offset Kafka may commit for this partition, or -1 when nothing has landed yet. */
    long committableOffset() {
        return committableOffset;
    }

    /** Drops the files not landed yet; Kafka redelivers their records from the committed offset. */
    void discard() {
        List<OpenFile> files = new ArrayList<>(openFiles.values());
        files.addAll(pendingUploads);
        for (OpenFile file : files) {
            try {
                file.writer.close();
            } catch (IOException | RuntimeException e) {
                log.debug("Closing {} to discard it failed", file.path, e);
            }
            deleteQuietly(file.path);
        }
        openFiles.clear();
        pendingUploads.clear();
    }

    private OpenFile open(String encodedPartition, long startOffset, Schema schema) {
        String key = settings.keys().key(topicPartition.topic(), encodedPartition, topicPartition.partition(),
                startOffset);
        try {
            Files.createDirectories(bufferDir);
            Path path = Files.createTempFile(bufferDir, topicPartition + "-", settings.format().extension());
            // The writers create the file themselves.
            Files.delete(path);
            OpenFile file = new OpenFile(key, path, schema, settings.format().open(path, schema));
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

    /** Closes every open file and uploads them; the committable offset moves only when all are in S3. */
    private void land(String reason) {
        for (OpenFile file : openFiles.values()) {
            try {
                file.writer.close();
            } catch (IOException e) {
                throw new ConnectException("Cannot finish " + file.path + " in local.buffer.dir", e);
            }
            pendingUploads.add(file);
        }
        log.debug("Landing {} file(s) of {} ({})", openFiles.size(), topicPartition, reason);
        openFiles.clear();
        firstRecordTime = null;
        nextScheduledRotation = null;
        uploadPending();
    }

    private void retryPendingUploads() {
        if (!pendingUploads.isEmpty()) {
            uploadPending();
        }
    }

    private void uploadPending() {
        while (!pendingUploads.isEmpty()) {
            OpenFile file = pendingUploads.get(0);
            try {
                settings.uploader().upload(file.key, file.path);
            } catch (S3Exception e) {
                if (isPermanent(e)) {
                    throw new ConnectException("S3 refused " + file.key + " with HTTP " + e.statusCode() + " ("
                            + e.awsErrorDetails().errorCode() + "): check s3.bucket.name and the credentials' "
                            + "permissions; offsets were not committed, so no record is lost", e);
                }
                throw retriable(file, e);
            } catch (SdkException | IOException e) {
                throw retriable(file, e);
            }
            log.info("Landed {} records of {} in {}", file.records, topicPartition, file.key);
            deleteQuietly(file.path);
            pendingUploads.remove(0);
        }
        committableOffset = nextOffset;
    }

    /** Access denied, no such bucket and the like: retrying does not help, a person must act. */
    private static boolean isPermanent(S3Exception e) {
        int status = e.statusCode();
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    private static RetriableException retriable(OpenFile file, Exception e) {
        // Connect redelivers the batch after a RetriableException; the records already written are skipped by
        // offset and the pending files are uploaded again first.
        return new RetriableException("Upload of " + file.key + " failed, will retry: " + e.getMessage(), e);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Cannot delete buffer file {}", path, e);
        }
    }
}
