package io.github.splunkdeltabridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.SplunkAuth;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkClientConfig;
import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import io.github.splunkdeltabridge.delta.JobSparkSession;
import io.github.splunkdeltabridge.delta.options.TableMode;
import io.github.splunkdeltabridge.delta.options.TargetTable;
import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import io.github.splunkdeltabridge.reconcile.delta.DeltaTables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * reconcile against the Splunk emulator over HTTP and a Delta table in delta-ingest-job's layout, built from the
 * emulator's export under the connector's bounds (what an exact pipeline leaves behind).
 */
class ReconcileEmulatorIT {

    private static final String TOKEN = "reconcile-it-token-0f3e";
    private static final String KOLKATA_TOKEN = "reconcile-it-kolkata-9c1d";
    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
    private static final Instant FROM = NOW.minus(Duration.ofHours(4));
    /** The pipeline's backfill end: the range's end and its index-time cut-off. */
    private static final Instant CUTOFF = NOW.minus(Duration.ofHours(1));

    private static final List<String> INDEXES = List.of("os", "web");

    private static SplunkEmulator emulator;
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        GeneratedDataset dataset = GeneratedDataset.builder()
                .seed(11)
                .start(NOW.minus(Duration.ofHours(6)))
                .end(NOW)
                .indexes("web", "os")
                .eventsPerMinute(5)
                .build();
        emulator = SplunkEmulator.builder()
                .port(0)
                .token(TOKEN)
                .token(KOLKATA_TOKEN, "kolkata")
                .userTimeZone("kolkata", ZoneId.of("Asia/Kolkata"))
                .dataset(dataset)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build()
                .start();
        spark = JobSparkSession.create(
                "reconcile-emulator-it",
                Optional.of("local[2]"),
                Map.of(
                        "spark.ui.enabled", "false",
                        "spark.driver.host", "127.0.0.1",
                        "spark.sql.shuffle.partitions", "2",
                        "spark.databricks.delta.snapshotPartitions", "2"));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static SplunkClient client() {
        return new SplunkClient(SplunkClientConfig.builder(emulator.baseUri())
                .auth(SplunkAuth.bearerToken(TOKEN))
                .build());
    }

    /** Events of [from, to) indexed before {@code indexedBefore}, read as the connector's backfill reads them. */
    private static List<SplunkEvent> export(String index, Instant from, Instant to, Instant indexedBefore) {
        List<SplunkEvent> events = new ArrayList<>();
        try (SplunkClient client = client();
                SplunkEventStream stream = client.export(ExportRequest.builder("search index=" + index)
                        .earliest(from)
                        .latest(to)
                        .indexLatest(indexedBefore)
                        .build())) {
            stream.forEachRemaining(events::add);
        }
        return events;
    }

    /** The table an exact pipeline leaves: every event of the range indexed before the cut-off, once. */
    private TargetTable exactTable() {
        TargetTable table = TargetTable.path(dir.resolve("splunk_events").toString());
        List<DeltaTables.Event> rows = new ArrayList<>();
        for (String index : INDEXES) {
            for (SplunkEvent event : export(index, FROM, CUTOFF, CUTOFF)) {
                rows.add(new DeltaTables.Event(event.eventId(), index, event.time(), event.indexTime()));
            }
        }
        DeltaTables.write(spark, table, TableMode.SINGLE, rows);
        return table;
    }

    private record Run(int exitCode, String out, String err, JsonNode report) {}

    private Run reconcile(String token, TargetTable table, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--splunk-url", emulator.baseUri().toString(),
                "--index", String.join(",", INDEXES),
                "--from", FROM.toString(),
                "--to", CUTOFF.toString(),
                "--indexed-before", CUTOFF.toString(),
                "--table-path", table.location(),
                "--report-dir", dir.resolve("report").toString()));
        for (int i = 0; i < extra.length; i++) {
            int at = args.indexOf(extra[i]);
            boolean hasValue = i + 1 < extra.length && !extra[i + 1].startsWith("--");
            if (at >= 0 && hasValue && !extra[i].equals("--index")) {
                args.set(at + 1, extra[++i]);
            } else {
                args.add(extra[i]);
                if (hasValue) {
                    args.add(extra[++i]);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        CommandLine commandLine =
                ReconcileCommand.commandLine(new ReconcileCommand(Map.of("SPLUNK_TOKEN", token), print));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args.toArray(String[]::new));
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println(text + err);
        Path json = dir.resolve("report").resolve("reconcile.json");
        JsonNode report = json.toFile().exists() ? new ObjectMapper().readTree(json.toFile()) : null;
        return new Run(exit, text, err.toString(), report);
    }

    private static Map<String, Long> splunkCounts(JsonNode report) {
        Map<String, Long> counts = new TreeMap<>();
        report.path("hours")
                .forEach(h -> counts.put(
                        h.path("index").asText() + " " + h.path("hour").asText(),
                        h.path("splunk_events").asLong()));
        return counts;
    }

    @Test
    void anExactPipelineMatchesInEveryHour() throws Exception {
        TargetTable table = exactTable();

        Run run = reconcile(TOKEN, table);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("RECONCILE: MATCH: every one of the 6 hours");
        assertThat(run.report().path("hours")).hasSize(6).allSatisfy(h -> {
            assertThat(h.path("status").asText()).isEqualTo("MATCH");
            assertThat(h.path("splunk_events").asLong()).isGreaterThan(100);
        });
    }

    @Test
    void anHourDeletedFromTheTableIsReportedAsExactlyThatHourWithItsMissingIds() throws Exception {
        TargetTable table = exactTable();
        Instant hour = FROM.plus(Duration.ofHours(1));
        DeltaTable.forPath(spark, table.location())
                .delete("index = 'web' AND event_time >= timestamp'" + hour + "' AND event_time < timestamp'"
                        + hour.plus(Duration.ofHours(1)) + "'");
        TreeSet<String> expected = new TreeSet<>();
        export("web", hour, hour.plus(Duration.ofHours(1)), CUTOFF).forEach(e -> expected.add(e.eventId()));

        Run run = reconcile(TOKEN, table, "--ids", "--ids-limit", "100000");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("RECONCILE: DIFFERENT: 1 of 6 hours differ.");
        List<JsonNode> differing = new ArrayList<>();
        run.report().path("hours").forEach(h -> {
            if (!h.path("status").asText().equals("MATCH")) {
                differing.add(h);
            }
        });
        assertThat(differing).hasSize(1);
        JsonNode missing = differing.get(0);
        assertThat(missing.path("index").asText()).isEqualTo("web");
        assertThat(missing.path("hour").asText()).isEqualTo(hour.toString());
        assertThat(missing.path("status").asText()).isEqualTo("MISSING");
        assertThat(missing.path("delta_rows").asLong()).isZero();
        List<String> ids = new ArrayList<>();
        missing.path("ids").path("missing_ids").forEach(id -> ids.add(id.asText()));
        assertThat(ids).isEqualTo(new ArrayList<>(expected));
        assertThat(missing.path("ids").path("extra").asLong()).isZero();
    }

    @Test
    void eventsIndexedAfterTheCutOffAreNotReportedMissing() throws Exception {
        long late = 0;
        for (String index : INDEXES) {
            late += export(index, FROM, CUTOFF, NOW).size()
                    - export(index, FROM, CUTOFF, CUTOFF).size();
        }
        assertThat(late)
                .as("events of the range that Splunk indexed after the cut-off")
                .isPositive();

        Run run = reconcile(TOKEN, exactTable());

        assertThat(run.exitCode()).as(run.out()).isZero();
    }

    @Test
    void aSplunkUserInANonUtcTimeZoneCountsTheSameUtcHours() throws Exception {
        TargetTable table = exactTable();
        Run utc = reconcile(TOKEN, table);
        Map<String, Long> utcCounts = splunkCounts(utc.report());

        Run kolkata = reconcile(KOLKATA_TOKEN, table);

        assertThat(kolkata.exitCode()).as(kolkata.out()).isZero();
        assertThat(splunkCounts(kolkata.report())).isEqualTo(utcCounts);
    }

    @Test
    void badArgumentsGiveAClearErrorAndExitCodeTwo() throws Exception {
        TargetTable table = exactTable();

        Run unknown = reconcile(TOKEN, table, "--index", "no_such_index");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no_such_index").contains("no such index");

        Run backwards = reconcile(TOKEN, table, "--to", FROM.minusSeconds(3600).toString());
        assertThat(backwards.exitCode()).isEqualTo(2);

        Run noTable =
                reconcile(TOKEN, TargetTable.path(dir.resolve("nothing-here").toString()));
        assertThat(noTable.exitCode()).isEqualTo(2);
        assertThat(noTable.err()).contains("--table-path").contains("no Delta table there");
    }
}
