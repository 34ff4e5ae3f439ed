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
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on a small dataset, with every component real: emulator, KRaft broker, Connect worker
 * with both connectors deployed from config/, s3proxy, and the Delta job in its own JVM. Then the same command
 * again on the same data folder, as after a restart.
 */
class LocalPipelineEndToEndIT {

    private static final Pattern DELTA_ROWS = Pattern.compile("Delta table  splunk_events:\\s+([\\d,]+) rows");
    private static final Pattern DELTA_DIGEST = Pattern.compile("Delta ([0-9a-f]{64})");

    @TempDir
    Path dataDir;

    @Test
    void theDeltaTableHoldsExactlyTheEmulatorsEventsAndARestartAddsNothing() throws Exception {
        String[] args = {
            "--data-dir",
            dataDir.toString(),
            "--config-dir",
            "../config",
            "--plugin-dir",
            System.getProperty("connect.plugins.dir"),
            "--minutes",
            "20",
            "--events-per-minute",
            "4",
            "--kafka-port",
            free(),
            "--controller-port",
            free(),
            "--connect-port",
            free(),
            "--s3-port",
            free(),
            "--splunk-port",
            free()
        };

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
                .contains("|index|sourcetype");

        String secondRun = runPipeline(args);

        assertThat(rows(secondRun)).isEqualTo(expectedEvents);
        assertThat(match(secondRun, DELTA_DIGEST)).isEqualTo(expectedDigest);
        assertThat(secondRun).contains("DeltaIngestJob: Done:").contains(" 0 new rows");
        secretsAppearNowhere(firstRun + secondRun);
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

    private static String runPipeline(String[] args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        int exitCode = new LocalPipeline(LocalPipelineCommand.parse(args, Map.of()), out).run();
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(exitCode).as("exit code; output:%n%s", output).isZero();
        return output;
    }

    /** Independently of the pipeline: the same generated data in a fresh emulator, read with the client. */
    private TreeSet<String> emulatorEventIds() throws Exception {
        Properties state = new Properties();
        try (Reader reader = Files.newBufferedReader(dataDir.resolve("stack.properties"))) {
            state.load(reader);
        }
        Instant end = Instant.parse(state.getProperty("backfill.end"));
        Instant start = end.minus(Duration.parse(state.getProperty("window")));
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
