package io.github.splunkdeltabridge.localstack;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the Delta ingest job as {@link DeltaStep} does (same JVM set-up, same options, same table and checkpoint) and
 * SIGKILLs its JVM a given time after a micro-batch has started its MERGE, as a Spark driver dies when its node is
 * lost: the checkpoint holds the batch's offsets but not its commit, the table may or may not hold its commit.
 */
final class DeltaJobKiller {

    /** The job's log line between reading a micro-batch and MERGing it (DeltaMergeSink). */
    private static final Pattern MERGE_STARTS = Pattern.compile("Micro-batch \\d+: \\d+ events in ");

    private final Path deltaDir;
    private final URI s3Endpoint;
    private final LocalSecrets secrets;
    private final String sourcePath;
    private final PrintStream out;

    DeltaJobKiller(Path deltaDir, URI s3Endpoint, LocalSecrets secrets, String sourcePath, PrintStream out) {
        this.deltaDir = deltaDir;
        this.s3Endpoint = s3Endpoint;
        this.secrets = secrets;
        this.sourcePath = sourcePath;
        this.out = out;
    }

    /**
     * Runs the job and kills it {@code afterMergeStarts} after its first MERGE begins; answers true when the kill
     * ended the job, false when the job finished (or found nothing to merge) before it.
     */
    boolean runAndKillDuringMerge(Duration afterMergeStarts) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        boolean[] killed = {false};
        try (DeltaJobLauncher launcher = new DeltaJobLauncher(deltaDir, DeltaStep.s3Environment(secrets))) {
            int exit = launcher.exitCode(
                    DeltaJobLauncher.JOB_CLASS, DeltaStep.jobArguments(sourcePath, deltaDir, s3Endpoint), line -> {
                        out.println("    " + line);
                        if (!killed[0] && MERGE_STARTS.matcher(line).find()) {
                            killed[0] = true;
                            timer.schedule(launcher::kill, afterMergeStarts.toMillis(), TimeUnit.MILLISECONDS);
                        }
                    });
            return killed[0] && exit != 0;
        } finally {
            timer.shutdownNow();
        }
    }
}
