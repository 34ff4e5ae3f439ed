package io.github.splunkdeltabridge.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration checklist on the local stack: an exact pipeline reconciles; an hour lost from the Delta table is
 * found as exactly that hour; {@code --repair} copies it again through a bounded source connector, and the second
 * reconcile matches.
 */
class ReconcileRepairIT {

    private static final String DELETION = "io.github.splunkdeltabridge.reconcile.delta.DeltaHourDeletion";

    @TempDir
    Path dataDir;

    @Test
    void aLostHourIsFoundRepairedByABoundedCopyAndTheSecondReconcileMatches() throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--data-dir", dataDir.toString(),
                "--config-dir", "../config",
                "--minutes", "150",
                "--events-per-minute", "2",
                "--kafka-port", free(),
                "--controller-port", free(),
                "--connect-port", free(),
                "--s3-port", free(),
                "--splunk-port", free()));

        Run exact = run(args);
        assertThat(exact.exitCode()).as(exact.output()).isZero();
        assertThat(exact.output()).contains("RECONCILE: MATCH");

        Instant lost = lostHour();
        new DeltaJobLauncher(dataDir.resolve("delta"), Map.of(), List.of(testClasses()))
                .run(
                        DELETION,
                        List.of(
                                dataDir.resolve("delta")
                                        .resolve("splunk_events")
                                        .toString(),
                                "web",
                                lost.toString()),
                        System.out::println);

        args.add("--repair");
        Run repaired = run(args);

        assertThat(repaired.output())
                .contains("RECONCILE: DIFFERENT: 1 of")
                .containsPattern("web +" + lost.toString().substring(0, 13).replace('T', ' ') + ":00Z .* MISSING")
                .contains("deployed splunk-source-repair-")
                .contains("Waiting for splunk-source-repair-");
        String last = repaired.output().substring(repaired.output().lastIndexOf("RECONCILE: "));
        assertThat(last).startsWith("RECONCILE: MATCH");
        assertThat(repaired.exitCode()).as(repaired.output()).isZero();
    }

    /** The first whole hour inside the backfill range. */
    private Instant lostHour() throws Exception {
        Properties state = new Properties();
        try (Reader reader = Files.newBufferedReader(dataDir.resolve("stack.properties"))) {
            state.load(reader);
        }
        Instant end = Instant.parse(state.getProperty("backfill.end"));
        Instant start = end.minus(Duration.parse(state.getProperty("window")));
        return start.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    }

    private record Run(int exitCode, String output) {}

    private static Run run(List<String> args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        int exitCode = new LocalPipeline(LocalPipelineCommand.parse(args.toArray(String[]::new), Map.of()), out).run();
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        return new Run(exitCode, output);
    }

    /** Where DeltaHourDeletion is (reconcile's test jar): loaded, never run, in this JVM without Spark. */
    private static String testClasses() throws Exception {
        Class<?> deletion = Class.forName(DELETION, false, ReconcileRepairIT.class.getClassLoader());
        return Path.of(deletion.getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
    }

    private static String free() {
        return Integer.toString(PortCheck.anyFree());
    }
}
