package io.github.splunkdeltabridge.delta;

import io.github.splunkdeltabridge.delta.options.IngestOptions;
import io.github.splunkdeltabridge.delta.options.IngestOptionsParser;
import io.github.splunkdeltabridge.delta.options.InvalidOptionsException;
import io.github.splunkdeltabridge.delta.sink.IngestCounts;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point for spark-submit, Databricks jar tasks and local runs. An {@code available-now} run returns once
 * everything present has been ingested; a failed query ends {@code main} with its exception (exit code 1 under
 * spark-submit, a failed run on Databricks); bad options exit with code 2 and a message naming the option.
 */
public final class DeltaIngestJob {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaIngestJob.class);

    private DeltaIngestJob() {}

    public static void main(String[] args) throws StreamingQueryException {
        if (IngestOptionsParser.wantsHelp(args)) {
            System.out.print(IngestOptionsParser.usage());
            return;
        }
        try {
            IngestOptions options = IngestOptionsParser.parse(args);
            SparkSession spark = JobSparkSession.create(options);
            run(spark, options);
            if (!onDatabricks()) {
                spark.stop();
            }
        } catch (InvalidOptionsException | StreamingQueryException e) {
            if (onDatabricks()) {
                // A jar task reports failure through the exception; System.exit would be reported as a crash.
                throw e;
            }
            if (e instanceof InvalidOptionsException) {
                System.err.println("delta-ingest-job: " + e.getMessage());
                System.exit(2);
            }
            LOG.error("Ingestion failed", e);
            System.exit(1);
        }
    }

    private static boolean onDatabricks() {
        return System.getenv("DATABRICKS_RUNTIME_VERSION") != null;
    }

    /** Runs the query until it ends (available-now) or fails (processing-time runs until stopped). */
    public static IngestSummary run(SparkSession spark, IngestOptions options) throws StreamingQueryException {
        LOG.info("Starting {}", options);
        IngestQuery.Started started = IngestQuery.start(spark, options);
        started.query().awaitTermination();
        IngestSummary summary = IngestSummary.of(started.counts());
        LOG.info(
                "Done: {} micro-batches, {} events read, {} new rows",
                summary.batches(),
                summary.eventsRead(),
                summary.rowsInserted());
        return summary;
    }

    /** What a run did. */
    public record IngestSummary(long batches, long eventsRead, long rowsInserted) {

        static IngestSummary of(IngestCounts counts) {
            return new IngestSummary(counts.batches(), counts.eventsRead(), counts.rowsInserted());
        }
    }
}
