package io.github.splunkdeltabridge.sink;

import io.github.splunkdeltabridge.sink.avro.SinkRecordToAvro;
import io.github.splunkdeltabridge.sink.format.FileFormat;
import io.github.splunkdeltabridge.sink.layout.ObjectKeys;
import io.github.splunkdeltabridge.sink.storage.BucketCheck;
import io.github.splunkdeltabridge.sink.storage.S3Clients;
import io.github.splunkdeltabridge.sink.storage.S3Uploader;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes the records of its assigned topic partitions to S3, one {@link TopicPartitionWriter} per partition, and
 * tells Connect to commit only offsets whose records are in S3 ({@link #preCommit}).
 */
public class S3SinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(S3SinkTask.class);
    private static final AtomicInteger UPLOAD_THREADS = new AtomicInteger();

    private final Map<TopicPartition, TopicPartitionWriter> writers = new HashMap<>();
    private final Clock clock;
    private final UnaryOperator<FileFormat> format;
    private final Consumer<String> bufferWarnings;
    private S3SinkConfig config;
    private S3Client s3;
    private ExecutorService uploadThread;
    private TopicPartitionWriter.Settings settings;
    private ErrantRecordReporter errantRecordReporter;

    public S3SinkTask() {
        this(Clock.systemUTC());
    }

    /** For tests that drive wall-clock rotation. */
    S3SinkTask(Clock clock) {
        this(clock, UnaryOperator.identity(), null);
    }

    /**
     * For tests of the local buffer: {@code format} wraps the configured format (one that fails like a full disk),
     * {@code bufferWarnings} receives the buffer's warnings instead of the log.
     */
    S3SinkTask(Clock clock, UnaryOperator<FileFormat> format, Consumer<String> bufferWarnings) {
        this.clock = clock;
        this.format = format;
        this.bufferWarnings = bufferWarnings;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new S3SinkConfig(props);
        LocalBuffer buffer = bufferWarnings == null
                ? new LocalBuffer(config.bufferDir(), clock)
                : new LocalBuffer(config.bufferDir(), clock, bufferWarnings);
        buffer.checkAtStart();
        s3 = S3Clients.create(config);
        S3Uploader uploader = new S3Uploader(
                s3,
                new S3Uploader.Options(
                        config.bucket(),
                        config.partSize(),
                        config.sseAlgorithm(),
                        config.sseKmsKeyId(),
                        config.cannedAcl(),
                        config.conditionalWrites()));
        BucketCheck.Result bucket = uploader.checkBucket();
        if (!bucket.ok()) {
            LOG.warn("{}; starting anyway: uploads are retried until S3 answers", bucket.message(), bucket.cause());
        }
        uploadThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "s3-sink-upload-" + UPLOAD_THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        settings = new TopicPartitionWriter.Settings(
                format.apply(config.fileFormat()),
                new ObjectKeys(config.topicsDir(), config.fileFormat().extension()),
                config.partitioner(clock),
                new SinkRecordToAvro(config.kafkaColumns()),
                uploader,
                uploadThread,
                config.recordTimestamp(clock),
                buffer,
                config.flushSize(),
                config.rotateIntervalMs(),
                config.rotateScheduleIntervalMs(),
                config.timezone());
        errantRecordReporter = errantRecordReporter();
        LOG.info(
                "S3 sink task writing {} to s3://{}/{}",
                settings.format().extension(),
                config.bucket(),
                config.topicsDir());
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            // Workers older than Kafka 2.6 have no reporter: bad records then fail the task.
            return null;
        }
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            writers.put(
                    partition,
                    new TopicPartitionWriter(partition, settings, clock, offset -> context.offset(partition, offset)));
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        try {
            putRecords(records);
        } catch (LocalBuffer.FailureException e) {
            // Connect pauses the partitions and delivers the batch again after this long; the writers ignore what
            // comes before their rewind offsets.
            context.timeout(LocalBuffer.RETRY_BACKOFF.toMillis());
            throw e;
        }
    }

    private void putRecords(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            TopicPartitionWriter writer = writerFor(record);
            if (record.value() == null && config.nullValueBehavior() == S3SinkConfig.NullValueBehavior.IGNORE) {
                writer.skip(record);
                continue;
            }
            try {
                if (record.value() == null) {
                    throw new DataException("Record in topic " + record.topic() + " partition "
                            + record.kafkaPartition() + " at offset " + record.kafkaOffset() + " has a null value; "
                            + "set behavior.on.null.values=ignore to skip tombstones");
                }
                writer.write(record);
            } catch (DataException e) {
                if (errantRecordReporter == null) {
                    throw e;
                }
                // Connect's error handling decides: with errors.tolerance=none this fails the task, with all it
                // goes to the dead letter queue (when configured) and the sink moves on.
                errantRecordReporter.report(record, e);
                writer.skip(record);
            }
        }
        // Connect calls put regularly even with no records, which is what lets quiet partitions rotate on time.
        writers.values().forEach(TopicPartitionWriter::rotateOnSchedule);
    }

    private TopicPartitionWriter writerFor(SinkRecord record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.kafkaPartition());
        TopicPartitionWriter writer = writers.get(partition);
        if (writer == null) {
            throw new ConnectException("Record for " + partition + ", which this task was not assigned");
        }
        return writer;
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> landed = new HashMap<>();
        writers.forEach((partition, writer) -> {
            long offset = writer.committableOffset();
            if (offset >= 0) {
                landed.put(partition, new OffsetAndMetadata(offset));
            }
        });
        return landed;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            TopicPartitionWriter writer = writers.remove(partition);
            if (writer != null) {
                writer.discard();
            }
        }
    }

    @Override
    public void stop() {
        writers.values().forEach(TopicPartitionWriter::discard);
        writers.clear();
        if (uploadThread != null) {
            // discard() waited for every upload, so nothing runs here any more.
            uploadThread.shutdown();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Override
    public String version() {
        return Version.get();
    }
}
