package io.github.splunkdeltabridge.delta.report;

import io.github.splunkdeltabridge.cli.CommandLines;
import io.github.splunkdeltabridge.cli.HelpOption;
import io.github.splunkdeltabridge.delta.JobSparkSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a Delta table the job wrote holds, for the local stack's summary: row count, distinct event ids, a digest
 * of the sorted event ids (so a caller can compare the table with the events it expected without shipping them
 * around), and a sample analyst query. It collects the ids on the driver: meant for local-sized tables.
 *
 * <p>Usage: {@code TableReport --table-path PATH [--master URL]}; bad options exit with code 2. The first line of output is machine readable:
 * {@code table-report rows=N distinct_event_ids=N event_ids_sha256=HEX}.
 */
@Command(
        name = "table-report",
        sortOptions = false,
        showDefaultValues = true,
        description = "Prints what a Delta table the job wrote holds: rows, distinct event ids, their digest, a sample"
                + " query.")
public final class TableReport implements Callable<Integer> {

    static final String SAMPLE_QUERY = """
            SELECT index, sourcetype, count(*) AS events, min(event_time) AS oldest, max(event_time) AS newest
            FROM delta.`%s`
            GROUP BY index, sourcetype
            ORDER BY index, sourcetype""";

    @Option(names = "--table-path", required = true, paramLabel = "PATH", description = "The Delta table's location.")
    private String tablePath;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2].")
    private String master;

    @Mixin
    private HelpOption help;

    public static void main(String[] args) {
        System.exit(CommandLines.create(new TableReport()).execute(args));
    }

    @Override
    public Integer call() {
        SparkSession.Builder builder = SparkSession.builder()
                .appName("splunk-delta-table-report")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.ui.enabled", "false");
        if (master != null) {
            builder.master(master);
        }
        SparkSession spark = builder.getOrCreate();
        JobSparkSession.useUtc(spark);
        try {
            print(spark, tablePath);
        } finally {
            spark.stop();
        }
        return 0;
    }

    /** Prints the machine-readable summary line, then the sample query and its result. */
    static void print(SparkSession spark, String tablePath) {
        System.out.println(summaryLine(spark, tablePath));
        String query = SAMPLE_QUERY.formatted(tablePath.replace("`", "``"));
        System.out.println("Sample query:\n" + query.indent(2));
        spark.sql(query).show(50, false);
    }

    static String summaryLine(SparkSession spark, String tablePath) {
        Dataset<Row> table = spark.read().format("delta").load(tablePath);
        List<String> ids = table.select("event_id")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        long distinct = ids.stream().distinct().count();
        return "table-report rows=" + ids.size() + " distinct_event_ids=" + distinct + " event_ids_sha256="
                + digestOfSorted(ids);
    }

    /** SHA-256 of the sorted ids, one per line: the same digest the local stack computes over Splunk's events. */
    public static String digestOfSorted(List<String> ids) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ids.stream().sorted().forEach(id -> digest.update((id + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
