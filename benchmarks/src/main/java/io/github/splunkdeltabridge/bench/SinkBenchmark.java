package io.github.splunkdeltabridge.bench;

import io.github.splunkdeltabridge.cli.HelpOption;
import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.emulator.data.EmulatedEvent;
import io.github.splunkdeltabridge.s3testkit.S3TestServer;
import io.github.splunkdeltabridge.schema.KafkaTimestamp;
import io.github.splunkdeltabridge.schema.SplunkRecords;
import io.github.splunkdeltabridge.sink.S3SinkConfig;
import io.github.splunkdeltabridge.sink.S3SinkTask;
import io.github.splunkdeltabridge.sink.avro.SinkRecordToAvro;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Sink: records/s of {@link S3SinkTask} landing Parquet in an S3-compatible server in this JVM (s3proxy on a local
 * directory) against parquet-avro writing the same records to local files. Target: at least 90%, in every run.
 *
 * <p>The records are the emulator's mixed events turned into Connect records by the source connector's own mapping
 * ({@code SplunkRecords}), so they carry the real {@code SplunkEvent} schema. The sink task is driven as Connect
 * drives it: {@code put} in batches, then {@code preCommit} must report every record landed; it writes snappy Parquet
 * with the Kafka columns, one object per {@code flush.size} records. The baseline gets the same records already
 * converted to Avro (by the sink's own converter, outside the timing) and writes them with {@code AvroParquetWriter},
 * snappy, the same number of records per file. So the ratio prices everything the sink adds: Connect-to-Avro
 * conversion, its local buffer file, the upload, the bookkeeping. A third variant times the conversion plus the
 * baseline's writer, to show how much of the difference is conversion and how much buffering and upload.
 */
@Command(
        name = "benchmarks/run sink",
        sortOptions = false,
        showDefaultValues = true,
        description = "S3SinkTask landing Parquet in an in-process S3 server against parquet-avro writing local files.")
public final class SinkBenchmark implements Callable<Integer> {

    private static final String TOPIC = "splunk.bench";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final double TARGET = 0.90;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--records",
            paramLabel = "N",
            defaultValue = "200k",
            description = "Records written per round (rounded down to a multiple of --flush-size).")
    private int recordCount;

    @Option(
            names = "--distinct",
            paramLabel = "N",
            defaultValue = "200k",
            description = "Distinct records made before timing; more --records than this cycle through them with"
                    + " rising offsets, so that the benchmark's own memory stays the same at every size.")
    private int distinct;

    @Option(names = "--flush-size", paramLabel = "N", defaultValue = "50k", description = "Records per object / file.")
    private int flushSize;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "500",
            description = "Records per put(), as Connect's consumer would hand them.")
    private int batch;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "3", description = "Warm-up rounds, not counted.")
    private int warmups;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Measured rounds.")
    private int rounds;

    @Option(
            names = "--s3-mb-per-s",
            paramLabel = "N",
            defaultValue = "0",
            description = "Limit the sink's upload rate to this many MB/s, like a network link to S3 (0: no limit,"
                    + " s3proxy in the same JVM).")
    private long s3MegabytesPerSecond;

    @Mixin
    private HelpOption help;

    public static void main(String[] args) {
        BenchmarkCommandLine.run(new SinkBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        Machine.printHeader("Sink benchmark", spec);
        int count = Math.max(flushSize, recordCount / flushSize * flushSize);

        RecordPool records = new RecordPool(records(Math.min(count, distinct)));
        SinkRecordToAvro toAvro = new SinkRecordToAvro(true);
        Schema schema = toAvro.schemaOf(records.get(0));
        List<GenericRecord> avro = new ArrayList<>(records.distinct.size());
        for (SinkRecord record : records.distinct) {
            avro.add(toAvro.toAvro(record, toAvro.schemaOf(record)));
        }

        Path work = Files.createTempDirectory("sink-benchmark-");
        long uploadRate = s3MegabytesPerSecond * 1024 * 1024;
        try (S3TestServer s3 = S3TestServer.start(work.resolve("s3"));
                ThrottledTcpProxy link = uploadRate > 0 ? new ThrottledTcpProxy(s3.endpoint(), uploadRate) : null) {
            int[] round = {0};
            String sinkName = "S3SinkTask -> s3proxy (Parquet, snappy)"
                    + (link == null ? "" : " at " + s3MegabytesPerSecond + " MB/s");
            Comparison comparison = new Comparison(
                    String.format(
                            Locale.ROOT,
                            "Sink: %,d records, %,d per object, puts of %d, %d rounds after %d warm-up",
                            count,
                            flushSize,
                            batch,
                            rounds,
                            warmups),
                    "records");
            comparison.variant("baseline: AvroParquetWriter -> local file", () -> {
                Path dir = Files.createDirectories(work.resolve("local-" + round[0]++));
                long t = System.nanoTime();
                for (int from = 0; from < count; from += flushSize) {
                    Path file = dir.resolve(String.format(Locale.ROOT, "%s+0+%010d.snappy.parquet", TOPIC, from));
                    try (ParquetWriter<GenericRecord> writer = parquetWriter(file, schema)) {
                        for (int i = from; i < from + flushSize; i++) {
                            writer.write(avro.get(i % avro.size()));
                        }
                    }
                }
                long nanos = System.nanoTime() - t;
                long bytes = size(dir);
                deleteRecursively(dir);
                return new Comparison.Sample(count, bytes, nanos);
            });
            // Between the two: what the sink's Connect-to-Avro conversion alone costs, without its buffer and upload.
            comparison.variant("sink's Avro conversion + AvroParquetWriter", () -> {
                Path dir = Files.createDirectories(work.resolve("converted-" + round[0]++));
                SinkRecordToAvro converter = new SinkRecordToAvro(true);
                long t = System.nanoTime();
                for (int from = 0; from < count; from += flushSize) {
                    Path file = dir.resolve(String.format(Locale.ROOT, "%s+0+%010d.snappy.parquet", TOPIC, from));
                    try (ParquetWriter<GenericRecord> writer = parquetWriter(file, schema)) {
                        for (int i = from; i < from + flushSize; i++) {
                            SinkRecord record = records.get(i);
                            writer.write(converter.toAvro(record, converter.schemaOf(record)));
                        }
                    }
                }
                long nanos = System.nanoTime() - t;
                long bytes = size(dir);
                deleteRecursively(dir);
                return new Comparison.Sample(count, bytes, nanos);
            });
            comparison.variant(sinkName, () -> {
                String bucket = "bench-" + round[0]++;
                s3.createBucket(bucket);
                Path buffer = Files.createDirectories(work.resolve("buffer-" + bucket));
                Map<String, String> settings = new HashMap<>(s3.sinkSettings(bucket));
                if (link != null) {
                    settings.put(S3SinkConfig.STORE_URL, link.endpoint().toString());
                }
                settings.put(S3SinkConfig.FLUSH_SIZE, Integer.toString(flushSize));
                settings.put(S3SinkConfig.FORMAT_CLASS, "parquet");
                settings.put(S3SinkConfig.PARQUET_CODEC, "snappy");
                settings.put(S3SinkConfig.BUFFER_DIR, buffer.toString());
                S3SinkTask task = new S3SinkTask();
                task.initialize(new BenchSinkContext());
                task.start(settings);
                task.open(List.of(PARTITION));
                long t = System.nanoTime();
                for (int from = 0; from < count; from += batch) {
                    task.put(records.slice(from, Math.min(count, from + batch)));
                }
                OffsetAndMetadata landed = task.preCommit(Map.of()).get(PARTITION);
                long nanos = System.nanoTime() - t;
                task.stop();
                if (landed == null || landed.offset() != count) {
                    throw new IllegalStateException("The sink landed up to " + landed + ", expected offset " + count);
                }
                List<S3Object> objects = s3.objects(bucket);
                long bytes = objects.stream().mapToLong(S3Object::size).sum();
                if (objects.size() != count / flushSize) {
                    throw new IllegalStateException(
                            "Expected " + count / flushSize + " objects, found " + objects.size());
                }
                s3.deleteBucket(bucket);
                deleteRecursively(buffer);
                return new Comparison.Sample(count, bytes, nanos);
            });
            comparison.run(warmups, rounds);
            comparison.printSummary();
            double ratio = comparison.ratio(sinkName);
            System.out.printf(
                    Locale.ROOT,
                    "Target: at least %.0f%% of the baseline: %s (%.1f%%)%n",
                    TARGET * 100,
                    ratio >= TARGET ? "MET" : "NOT MET",
                    ratio * 100);
            System.out.printf(
                    Locale.ROOT,
                    "RESULT sink records=%d sink_records_per_s=%.0f baseline_records_per_s=%.0f"
                            + " ratio=%.3f target=%.2f met=%s%n",
                    count,
                    comparison.medianRate(sinkName),
                    comparison.medianRate(comparison.baseline()),
                    ratio,
                    TARGET,
                    ratio >= TARGET);
        } finally {
            deleteRecursively(work);
        }
        Machine.printFooter();
        return 0;
    }

    /** The emulator's mixed events as the sink receives them: the source's Connect records, offsets 0..count-1. */
    static List<SinkRecord> records(int count) {
        EmulatorData data = new EmulatorData(count, 600);
        List<SinkRecord> records = new ArrayList<>(count);
        Iterator<EmulatedEvent> events = data.events();
        // As read back from Kafka: the source leaves the timestamp to the producer, which stamps the send time.
        long sent = System.currentTimeMillis();
        while (records.size() < count) {
            if (!events.hasNext()) {
                events = data.events(); // the generator gave slightly fewer: repeat from the newest
            }
            SplunkEvent event = SplunkEvent.fromFields(events.next().toResultFields());
            SourceRecord source =
                    SplunkRecords.toRecord(event, TOPIC, "bench", "slice", Map.of(), Map.of(), KafkaTimestamp.INGEST);
            records.add(new SinkRecord(
                    TOPIC,
                    0,
                    source.keySchema(),
                    source.key(),
                    source.valueSchema(),
                    source.value(),
                    records.size(),
                    sent,
                    TimestampType.CREATE_TIME,
                    source.headers()));
        }
        return records;
    }

    /**
     * The records of a round: the distinct ones as made, and beyond them the same contents again under the next
     * offsets, made per slice while timing (a record object per record, as Connect's consumer makes them).
     */
    private record RecordPool(List<SinkRecord> distinct) {

        SinkRecord get(int offset) {
            if (offset < distinct.size()) {
                return distinct.get(offset);
            }
            SinkRecord same = distinct.get(offset % distinct.size());
            return new SinkRecord(
                    same.topic(),
                    same.kafkaPartition(),
                    same.keySchema(),
                    same.key(),
                    same.valueSchema(),
                    same.value(),
                    offset,
                    same.timestamp(),
                    same.timestampType(),
                    same.headers());
        }

        List<SinkRecord> slice(int from, int to) {
            if (to <= distinct.size()) {
                return distinct.subList(from, to);
            }
            List<SinkRecord> slice = new ArrayList<>(to - from);
            for (int offset = from; offset < to; offset++) {
                slice.add(get(offset));
            }
            return slice;
        }
    }

    /** The same writer settings as the sink's Parquet format: three-level lists, snappy. */
    private static ParquetWriter<GenericRecord> parquetWriter(Path file, Schema schema) throws IOException {
        Configuration conf = new Configuration(false);
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        return AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema)
                .withConf(conf)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build();
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** What Connect's task context gives the sink; bad records would fail the benchmark. */
    private static final class BenchSinkContext implements SinkTaskContext {
        @Override
        public ErrantRecordReporter errantRecordReporter() {
            return (record, error) -> CompletableFuture.failedFuture(
                    new IllegalStateException("record at offset " + record.kafkaOffset() + " rejected", error));
        }

        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {}

        @Override
        public void offset(TopicPartition tp, long offset) {}

        @Override
        public void timeout(long timeoutMs) {}

        @Override
        public Set<TopicPartition> assignment() {
            return Set.of(PARTITION);
        }

        @Override
        public void pause(TopicPartition... partitions) {}

        @Override
        public void resume(TopicPartition... partitions) {}

        @Override
        public void requestCommit() {}

        @Override
        public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
            throw new UnsupportedOperationException("the sink registers no metrics");
        }
    }
}
