package io.github.splunkdeltabridge.bench.delta;

import static org.apache.spark.sql.functions.col;

import io.github.splunkdeltabridge.bench.BenchmarkCommandLine;
import io.github.splunkdeltabridge.bench.Comparison;
import io.github.splunkdeltabridge.bench.Machine;
import io.github.splunkdeltabridge.cli.HelpOption;
import io.github.splunkdeltabridge.delta.DeltaIngestJob;
import io.github.splunkdeltabridge.delta.SplunkEventColumns;
import io.github.splunkdeltabridge.delta.options.IngestCommand;
import io.github.splunkdeltabridge.delta.sink.TableRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Delta: rows/s of the Delta ingest job (file source, available-now, dedupe of each micro-batch by event id and an
 * insert-only MERGE into a table partitioned by index and date) against a plain Delta append of the same files.
 *
 * <p>The landed objects are written before timing as the S3 sink writes them: its object keys, snappy Parquet through
 * parquet-avro with the {@code SplunkEvent} schema and the Kafka columns, three topics ({@code web}, {@code os},
 * {@code app}). Their contents are synthetic (access-log, syslog and JSON lines with a handful of fields each), as this
 * module cannot share a class path with the emulator's. The baseline reads the same files with Spark's Parquet reader
 * and the job's landed schema, adds the job's columns ({@code TableRows}) and appends them, partitioned the same way,
 * to a new Delta table: everything but the streaming query, the dedupe and the MERGE. Each round writes new tables
 * and a new checkpoint; the job must report every row inserted.
 */
@Command(
        name = "benchmarks/run delta",
        sortOptions = false,
        showDefaultValues = true,
        description = "The Delta ingest job's MERGE ingest against a plain Delta append of the same files.")
public final class DeltaIngestBenchmark implements Callable<Integer> {

    private static final String[] INDEXES = {"web", "os", "app"};

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--rows",
            paramLabel = "N",
            defaultValue = "300k",
            description = "Landed rows, spread over three topics.")
    private long rows;

    @Option(names = "--rows-per-file", paramLabel = "N", defaultValue = "25k", description = "Rows per landed object.")
    private int perFile;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "1", description = "Warm-up rounds, not counted.")
    private int warmups;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Measured rounds.")
    private int rounds;

    @Mixin
    private HelpOption help;

    public static void main(String[] args) {
        BenchmarkCommandLine.run(new DeltaIngestBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        Machine.printHeader("Delta ingest benchmark", spec);

        Path work = Files.createTempDirectory("delta-benchmark-");
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("delta-ingest-benchmark")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                // Sized for local[2] like the shuffles, as the module's tests and the local stack run Delta: with
                // the default 50, every MERGE rebuilt the table's state in 50 tasks, about 6 s per micro-batch here.
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.catalogImplementation", "in-memory")
                .config(
                        "spark.sql.warehouse.dir",
                        work.resolve("warehouse").toUri().toString())
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .getOrCreate();
        try {
            Path landing = work.resolve("landing");
            long bytes = land(landing, rows, perFile);
            String topics = landing.resolve("topics").toUri().toString();
            System.out.printf(
                    Locale.ROOT,
                    "  landed %,d rows in %,d bytes of snappy Parquet (%,d rows per object)%n",
                    rows,
                    bytes,
                    perFile);

            int[] round = {0};
            Comparison comparison = new Comparison(
                    String.format(
                            Locale.ROOT,
                            "Delta ingest: %,d rows, %,d per object, local[2], %d rounds after %d warm-up",
                            rows,
                            perFile,
                            rounds,
                            warmups),
                    "rows");
            comparison.variant("baseline: plain Delta append (batch)", () -> {
                Path table = work.resolve("append-" + round[0]++);
                long t = System.nanoTime();
                List<Column> columns = new ArrayList<>();
                for (StructField field : SplunkEventColumns.LANDED_SCHEMA.fields()) {
                    columns.add(col(field.name()));
                }
                columns.add(col("_metadata.file_path").as(SplunkEventColumns.SOURCE_FILE));
                Dataset<Row> landed = spark.read()
                        .format("parquet")
                        .schema(SplunkEventColumns.LANDED_SCHEMA)
                        .option("recursiveFileLookup", "true")
                        .load(topics)
                        .select(columns.toArray(Column[]::new));
                TableRows.from(landed)
                        .write()
                        .format("delta")
                        .mode("append")
                        .partitionBy(SplunkEventColumns.LAYOUT_COLUMNS.toArray(String[]::new))
                        .save(table.toUri().toString());
                long nanos = System.nanoTime() - t;
                long count = spark.read()
                        .format("delta")
                        .load(table.toUri().toString())
                        .count();
                check(count, rows, "appended");
                deleteRecursively(table);
                return new Comparison.Sample(rows, bytes, nanos);
            });
            comparison.variant("delta-ingest-job: dedupe + MERGE (available-now)", () -> {
                int r = round[0]++;
                Path table = work.resolve("merge-" + r);
                Path checkpoint = work.resolve("checkpoint-" + r);
                long t = System.nanoTime();
                DeltaIngestJob.IngestSummary summary = DeltaIngestJob.run(spark, IngestCommand.parse(new String[] {
                    "--source-path", topics,
                    "--checkpoint-location", checkpoint.toUri().toString(),
                    "--target-path", table.toUri().toString()
                }));
                long nanos = System.nanoTime() - t;
                check(summary.rowsInserted(), rows, "merged");
                deleteRecursively(table);
                deleteRecursively(checkpoint);
                return new Comparison.Sample(rows, bytes, nanos);
            });
            comparison.run(warmups, rounds);
            comparison.printSummary();
            String job = "delta-ingest-job: dedupe + MERGE (available-now)";
            System.out.printf(
                    Locale.ROOT,
                    "RESULT delta rows=%d rows_per_file=%d merge_rows_per_s=%.0f append_rows_per_s=%.0f ratio=%.3f"
                            + " cpu_ratio=%.3f merge_peak_heap_mb=%d merge_live_heap_mb=%d append_peak_heap_mb=%d"
                            + " append_live_heap_mb=%d%n",
                    rows,
                    perFile,
                    comparison.medianRate(job),
                    comparison.medianRate(comparison.baseline()),
                    comparison.ratio(job),
                    comparison.cpuRatio(job),
                    comparison.peakHeapUsed(job) >> 20,
                    comparison.peakHeapLive(job) >> 20,
                    comparison.peakHeapUsed(comparison.baseline()) >> 20,
                    comparison.peakHeapLive(comparison.baseline()) >> 20);
        } finally {
            spark.stop();
            deleteRecursively(work);
        }
        Machine.printFooter();
        return 0;
    }

    private static void check(long actual, long expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + " " + actual + " rows, expected " + expected);
        }
    }

    /** Writes the landed objects in the sink's layout; answers their total size. */
    private static long land(Path root, long rows, int perFile) throws IOException {
        Schema schema = landedSchema();
        Configuration conf = new Configuration(false);
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        SplittableRandom random = new SplittableRandom(7);
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        long perIndex = rows / INDEXES.length;
        long bytes = 0;
        for (int i = 0; i < INDEXES.length; i++) {
            String index = INDEXES[i];
            String topic = "splunk." + index;
            long count = i == INDEXES.length - 1 ? rows - perIndex * (INDEXES.length - 1) : perIndex;
            for (long from = 0; from < count; from += perFile) {
                Path file = root.resolve(String.format(
                        Locale.ROOT, "topics/%s/partition=0/%s+0+%010d.snappy.parquet", topic, topic, from));
                Files.createDirectories(file.getParent());
                try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
                                new LocalOutputFile(file))
                        .withSchema(schema)
                        .withConf(conf)
                        .withCompressionCodec(CompressionCodecName.SNAPPY)
                        .build()) {
                    for (long offset = from; offset < Math.min(count, from + perFile); offset++) {
                        // Two events a second over the days of the range, so the table has several date partitions.
                        Instant time = start.plusMillis(offset * 500 + random.nextInt(500));
                        writer.write(event(schema, index, topic, offset, time, random));
                    }
                }
                bytes += Files.size(file);
            }
        }
        return bytes;
    }

    private static GenericRecord event(
            Schema schema, String index, String topic, long offset, Instant time, SplittableRandom r) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String raw;
        String host;
        switch (index) {
            case "web" -> {
                host = "web-0" + (1 + r.nextInt(4));
                String status =
                        List.of("200", "200", "201", "301", "404", "500").get(r.nextInt(6));
                String ip = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
                raw = ip + " - - [" + time + "] \"GET /products/" + r.nextInt(5000) + " HTTP/1.1\" " + status + " "
                        + r.nextInt(50_000) + " \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"";
                fields.put("clientip", List.of(ip));
                fields.put("status", List.of(status));
                fields.put("method", List.of("GET"));
            }
            case "os" -> {
                host = "db-0" + (1 + r.nextInt(3));
                raw = time + " " + host + " sshd[" + (100 + r.nextInt(60_000)) + "]: Accepted publickey for deploy from"
                        + " 192.168.1." + r.nextInt(255) + " port " + (1024 + r.nextInt(60_000)) + " ssh2";
                fields.put("process", List.of("sshd"));
                fields.put("user", List.of("deploy"));
            }
            default -> {
                host = "app-0" + (1 + r.nextInt(2));
                raw = "{\"time\":\"" + time + "\",\"level\":\"INFO\",\"msg\":\"order placed\",\"user\":{\"id\":"
                        + r.nextInt(100_000) + ",\"name\":\"Zoë Ångström\"},\"tags\":[\"checkout\",\"eu-west-1\"]}";
                fields.put("level", List.of("INFO"));
                fields.put("tags{}", List.of("checkout", "eu-west-1"));
            }
        }
        fields.put("linecount", List.of("1"));
        GenericRecord record = new GenericData.Record(schema);
        record.put("event_id", index + ":" + index + "~" + (offset / 100_000) + "~GUID:" + offset);
        record.put("event_time", time.toEpochMilli());
        record.put("index_time", time.plusSeconds(1).toEpochMilli());
        record.put("index", index);
        record.put("host", host);
        record.put("source", "/var/log/" + index + ".log");
        record.put("sourcetype", index.equals("web") ? "access_combined" : index.equals("os") ? "syslog" : "_json");
        record.put("splunk_server", "splunk-idx-01");
        record.put("raw", raw);
        record.put("fields", fields);
        record.put("kafka_topic", topic);
        record.put("kafka_partition", 0);
        record.put("kafka_offset", offset);
        return record;
    }

    /** The S3 sink's Avro schema of a {@code SplunkEvent} record with the Kafka columns. */
    private static Schema landedSchema() {
        Schema timestamp = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        return SchemaBuilder.record("SplunkEvent")
                .namespace("io.github.splunkdeltabridge")
                .fields()
                .requiredString("event_id")
                .name("event_time")
                .type()
                .unionOf()
                .nullType()
                .and()
                .type(timestamp)
                .endUnion()
                .nullDefault()
                .name("index_time")
                .type()
                .unionOf()
                .nullType()
                .and()
                .type(timestamp)
                .endUnion()
                .nullDefault()
                .optionalString("index")
                .optionalString("host")
                .optionalString("source")
                .optionalString("sourcetype")
                .optionalString("splunk_server")
                .optionalString("raw")
                .name("fields")
                .type()
                .map()
                .values()
                .array()
                .items()
                .stringType()
                .noDefault()
                .requiredString("kafka_topic")
                .requiredInt("kafka_partition")
                .requiredLong("kafka_offset")
                .endRecord();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
