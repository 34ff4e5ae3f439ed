package io.github.splunkdeltabridge.localstack;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the Delta ingest job in available-now mode over the landed objects (through s3a, as on a cluster), then the
 * table report, and reads their results.
 */
final class DeltaStep implements AutoCloseable {

    private static final Pattern REPORT =
            Pattern.compile("table-report rows=(\\d+) distinct_event_ids=(\\d+) event_ids_sha256=([0-9a-f]{64})");

    private final Path deltaDir;
    private final URI s3Endpoint;
    private final String sourcePath;
    private final PrintStream out;
    private final DeltaJobLauncher launcher;

    DeltaStep(Path deltaDir, URI s3Endpoint, LocalSecrets secrets, String bucket, String topicsDir, PrintStream out) {
        this.deltaDir = deltaDir;
        this.s3Endpoint = s3Endpoint;
        this.sourcePath = "s3a://" + bucket + "/" + topicsDir;
        this.out = out;
        // s3a's default credential chain reads these; they never appear on a command line.
        this.launcher = new DeltaJobLauncher(deltaDir, s3Environment(secrets));
    }

    /** The S3 credentials of the job's environment: s3a's default credential chain reads them. */
    static Map<String, String> s3Environment(LocalSecrets secrets) {
        return Map.of(
                "AWS_ACCESS_KEY_ID", secrets.s3AccessKeyId(),
                "AWS_SECRET_ACCESS_KEY", secrets.s3SecretAccessKey(),
                "AWS_REGION", "us-east-1");
    }

    @Override
    public void close() {
        launcher.close();
    }

    /** The Delta job's options: available-now (its default) from the landed objects into splunk_events, over s3a. */
    static List<String> jobArguments(String sourcePath, Path deltaDir, URI s3Endpoint) {
        return List.of(
                "--master", "local[2]",
                "--source-path", sourcePath,
                "--checkpoint-location",
                        deltaDir.resolve("_checkpoints")
                                .resolve("splunk_events")
                                .toString(),
                "--target-path", deltaDir.resolve("splunk_events").toString(),
                "--spark-conf", "spark.hadoop.fs.s3a.endpoint=" + s3Endpoint,
                "--spark-conf", "spark.hadoop.fs.s3a.endpoint.region=us-east-1",
                "--spark-conf", "spark.hadoop.fs.s3a.path.style.access=true",
                "--spark-conf", "spark.hadoop.fs.s3a.connection.ssl.enabled=false",
                "--spark-conf", "spark.ui.enabled=false");
    }

    /** What the table holds after a run. */
    record TableSummary(Path path, long rows, long distinctIds, String idsDigest) {}

    TableSummary ingestAndReport() {
        Path table = deltaDir.resolve("splunk_events");
        out.println("\nRunning the Delta ingest job (available-now) from " + sourcePath + " into " + table + " ...");
        List<String> report = new ArrayList<>();
        launcher.run(DeltaJobLauncher.JOB_THEN_REPORT_CLASS, jobArguments(sourcePath, deltaDir, s3Endpoint), line -> {
            if (line.startsWith("table-report ")) {
                report.add(line);
            } else {
                out.println("    " + line);
            }
        });
        for (String line : report) {
            Matcher matcher = REPORT.matcher(line);
            if (matcher.find()) {
                return new TableSummary(
                        table, Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), matcher.group(3));
            }
        }
        throw new StackException("The table report printed no summary line; see its output above");
    }
}
