package io.github.splunkdeltabridge.delta;

import io.github.splunkdeltabridge.delta.options.IngestCommand;
import io.github.splunkdeltabridge.delta.options.IngestOptions;
import io.github.splunkdeltabridge.delta.sink.IngestCounts;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point for spark-submit, Databricks jar tasks and local runs. An {@code available-now} run returns once
 * everything present has been ingested. From a command line, bad options exit with code 2 and a message naming the
 * option, a failed query with code 1. In a Databricks jar task both end {@code main} with their exception instead,
 * which Databricks reports as a failed run.
 */
public final class DeltaIngestJob {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaIngestJob.class);

    private DeltaIngestJob() {}

    public static void main(String[] args) throws StreamingQueryException {
        if (onDatabricks()) {
            // A jar task reports failure through the exception; System.exit would be reported as a crash. The
            // cluster's session outlives the task, so it is not stopped.
            IngestOptions options = IngestCommand.parse(args);
            run(JobSparkSession.create(options), options);
            return;
        }
        System.exit(execute(args, DeltaIngestJob::runAndStop));
    }

    /**
     * Runs {@code runner} with the job's options read from a command line; answers the exit code: 2 for bad options
     * (the message names the option), 1 when the runner fails (logged with its cause).
     */
    public static int execute(String[] args, IngestCommand.Runner runner) {
        CommandLine commandLine = IngestCommand.commandLine(runner);
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            LOG.error("Ingestion failed", e);
            return failed.getCommandSpec().exitCodeOnExecutionException();
        });
        return commandLine.execute(args);
    }

    private static boolean onDatabricks() {
        return System.getenv("DATABRICKS_RUNTIME_VERSION") != null;
    }

    private static void runAndStop(IngestOptions options) throws StreamingQueryException {
        SparkSession spark = JobSparkSession.create(options);
        try {
            run(spark, options);
        } finally {
            spark.stop();
        }
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
