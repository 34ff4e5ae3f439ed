package io.github.splunkdeltabridge.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on a small dataset, with every component real: emulator, KRaft broker, Connect worker
 * with the plugins installed on plugin.path and both connectors deployed from config/, s3proxy, the Delta job in its
 * own JVM, and the reconcile as the verdict. Then the migration checklist on the same data folder, as after a
 * restart: an hour lost from the Delta table is found as exactly that hour, {@code --repair} copies it again through
 * a bounded source connector, and the table ends with every event once.
 */
class LocalPipelineEndToEndIT {

    private static final Pattern DELTA_ROWS = Pattern.compile("Delta table  splunk_events:\\s+([\\d,]+) rows");
    private static final Pattern DELTA_DIGEST = Pattern.compile("Delta ([0-9a-f]{64})");
    private static final String DELETION = "io.github.splunkdeltabridge.reconcile.delta.DeltaHourDeletion";

    @TempDir
    Path dataDir;

    @Test
    void theDeltaTableHoldsExactlyTheEmulatorsEventsAndALostHourIsRepairedOnce() throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--data-dir",
                dataDir.toString(),
                "--config-dir",
                "../config",
                "--plugin-dir",
                System.getProperty("connect.plugins.dir"),
                // Two hours: a whole UTC hour lies inside the range whatever the minute of the run.
                "--minutes",
                "120",
                "--events-per-minute",
                "2",
                "--kafka-port",
                free(),
                "--controller-port",
                free(),
                "--connect-port",
                free(),
                "--s3-port",
                free(),
                "--splunk-port",
                free()));

        String firstRun = runPipeline(args);

        TreeSet<String> expectedIds = emulatorEventIds();
        long expectedEvents = expectedIds.size();
        String expectedDigest = EmulatorEvents.digest(expectedIds);
        assertThat(expectedEvents).isGreaterThan(100);
        assertThat(rows(firstRun)).isEqualTo(expectedEvents);
        assertThat(match(firstRun, DELTA_DIGEST)).isEqualTo(expectedDigest);
        assertThat(firstRun)
                .contains("RESULT: the Delta table holds exactly the " + String.format("%,d", expectedEvents))
                .contains("S3 objects   s3://splunk-archive/topics/:")
                .contains("End to end   " + String.format("%,d", expectedEvents) + " events from Splunk into Delta in ")
                .containsPattern("after deploying the connectors: [\\d,]+ events/s")
                .contains("|index|sourcetype");

        Instant lost = lostHour();
        deleteHourFromDelta("web", lost);
        args.add("--repair");
        String secondRun = runPipeline(args);

        assertThat(secondRun)
                .as("the restart reads nothing twice")
                .contains("DeltaIngestJob: Done:")
                .contains(" 0 new rows")
                .contains("RECONCILE: DIFFERENT: 1 of")
                .containsPattern("web +" + lost.toString().substring(0, 13).replace('T', ' ') + ":00Z .* MISSING")
                .contains("deployed splunk-source-repair-")
                .contains("Waiting for splunk-source-repair-")
                .as("a resumed run that read nothing gives no pace")
                .contains("End to end   not measured: this run read no events");
        assertThat(secondRun.substring(secondRun.lastIndexOf("RECONCILE: "))).startsWith("RECONCILE: MATCH");
        assertThat(rows(secondRun)).as("rows after the repair").isEqualTo(expectedEvents);
        assertThat(match(secondRun, DELTA_DIGEST)).isEqualTo(expectedDigest);
        secretsAppearNowhere(firstRun + secondRun);
    }

    /** Loses one hour of one index from the Delta table, with Delta's own DELETE in a Spark JVM. */
    private void deleteHourFromDelta(String index, Instant hour) throws Exception {
        new DeltaJobLauncher(dataDir.resolve("delta"), Map.of(), List.of(testClasses()))
                .run(
                        DELETION,
                        List.of(
                                dataDir.resolve("delta")
                                        .resolve("splunk_events")
                                        .toString(),
                                index,
                                hour.toString()),
                        System.out::println);
    }

    /** Where DeltaHourDeletion is (reconcile's test jar): loaded, never run, in this JVM without Spark. */
    private static String testClasses() throws Exception {
        Class<?> deletion = Class.forName(DELETION, false, LocalPipelineEndToEndIT.class.getClassLoader());
        return Path.of(deletion.getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
    }

    /** The first whole hour inside the backfill range. */
    private Instant lostHour() throws Exception {
        return rangeStart(stackState()).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    }

    /** The emulator token and the S3 secret stay in secrets.properties: not in the output, not in any log. */
    private void secretsAppearNowhere(String output) throws Exception {
        Properties secrets = new Properties();
        try (Reader reader = Files.newBufferedReader(dataDir.resolve("secrets.properties"))) {
            secrets.load(reader);
        }
        String componentLogs = Files.readString(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")));
        assertThat(componentLogs).contains("splunk-source").contains("splunk-s3-sink");
        for (String key : new String[] {LocalSecrets.SPLUNK_TOKEN, LocalSecrets.S3_SECRET_ACCESS_KEY}) {
            String secret = secrets.getProperty(key);
            assertThat(secret).hasSizeGreaterThan(16);
            assertThat(output).doesNotContain(secret);
            assertThat(componentLogs).as("component logs").doesNotContain(secret);
        }
    }

    private static String runPipeline(List<String> args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        int exitCode;
        try {
            exitCode = new LocalPipeline(LocalPipelineCommand.parse(args.toArray(String[]::new), Map.of()), out).run();
        } finally {
            System.out.println(captured.toString(StandardCharsets.UTF_8)); // Also when the run throws.
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as("exit code; output:%n%s", output).isZero();
        return output;
    }

    /** Independently of the pipeline: the same generated data in a fresh emulator, read with the client. */
    private TreeSet<String> emulatorEventIds() throws Exception {
        Properties state = stackState();
        Instant end = Instant.parse(state.getProperty("backfill.end"));
        Instant start = rangeStart(state);
        GeneratedDataset dataset = GeneratedDataset.builder()
                .seed(Long.parseLong(state.getProperty("seed")))
                .start(start.minus(Duration.ofHours(1)))
                .end(end.plus(Duration.ofHours(1)))
                .eventsPerMinute(Integer.parseInt(state.getProperty("events.per.minute")))
                .build();
        try (SplunkEmulator emulator = SplunkEmulator.builder()
                .port(0)
                .token("check")
                .dataset(dataset)
                .clock(Clock.fixed(end, ZoneOffset.UTC))
                .build()
                .start()) {
            return EmulatorEvents.eventIds(emulator.baseUri(), "check", dataset.indexes(), start, end);
        }
    }

    /** What the pipeline recorded about its run in the data folder. */
    private Properties stackState() throws Exception {
        Properties state = new Properties();
        try (Reader reader = Files.newBufferedReader(dataDir.resolve("stack.properties"))) {
            state.load(reader);
        }
        return state;
    }

    private static Instant rangeStart(Properties state) {
        return Instant.parse(state.getProperty("backfill.end")).minus(Duration.parse(state.getProperty("window")));
    }

    private static long rows(String output) {
        return Long.parseLong(match(output, DELTA_ROWS).replace(",", ""));
    }

    private static String match(String output, Pattern pattern) {
        Matcher matcher = pattern.matcher(output);
        assertThat(matcher.find()).as("%s in%n%s", pattern, output).isTrue();
        return matcher.group(1);
    }

    private static String free() {
        return Integer.toString(PortCheck.anyFree());
    }
}
