package io.github.splunkdeltabridge.delta.testkit;

import io.github.splunkdeltabridge.delta.DeltaIngestJob;
import io.github.splunkdeltabridge.delta.DeltaIngestJob.IngestSummary;
import io.github.splunkdeltabridge.delta.options.IngestCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.streaming.StreamingQueryException;

/** Runs the job as a user would, from command-line options, on the shared test session. */
public final class IngestRuns {

    private IngestRuns() {}

    public static IngestSummary run(String sourcePath, Path checkpoint, String... moreOptions) {
        List<String> args = new ArrayList<>(List.of(
                "--source-path",
                sourcePath,
                "--checkpoint-location",
                checkpoint.toUri().toString()));
        args.addAll(Arrays.asList(moreOptions));
        try {
            return DeltaIngestJob.run(TestSpark.session(), IngestCommand.parse(args.toArray(String[]::new)));
        } catch (StreamingQueryException e) {
            throw new AssertionError("the ingest query failed", e);
        }
    }
}
