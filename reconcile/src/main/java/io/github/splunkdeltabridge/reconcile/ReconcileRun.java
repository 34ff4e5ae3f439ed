package io.github.splunkdeltabridge.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkClientConfig;
import io.github.splunkdeltabridge.delta.JobSparkSession;
import io.github.splunkdeltabridge.delta.options.TableMode;
import io.github.splunkdeltabridge.delta.options.TargetTable;
import io.github.splunkdeltabridge.reconcile.delta.DeltaCount;
import io.github.splunkdeltabridge.reconcile.delta.DeltaHourIds;
import io.github.splunkdeltabridge.reconcile.delta.DeltaHourlyCounts;
import io.github.splunkdeltabridge.reconcile.delta.EventTable;
import io.github.splunkdeltabridge.reconcile.repair.ConnectRest;
import io.github.splunkdeltabridge.reconcile.repair.ConnectorCutoffs;
import io.github.splunkdeltabridge.reconcile.repair.RepairConnectors;
import io.github.splunkdeltabridge.reconcile.repair.RepairConnectors.RepairConnector;
import io.github.splunkdeltabridge.reconcile.repair.RepairFiles;
import io.github.splunkdeltabridge.reconcile.repair.RepairPlan;
import io.github.splunkdeltabridge.reconcile.repair.RepairRun;
import io.github.splunkdeltabridge.reconcile.report.ConsoleTable;
import io.github.splunkdeltabridge.reconcile.report.ReportFiles;
import io.github.splunkdeltabridge.reconcile.splunk.IndexCheck;
import io.github.splunkdeltabridge.reconcile.splunk.SplunkHourIds;
import io.github.splunkdeltabridge.reconcile.splunk.SplunkHourlyCounts;
import io.github.splunkdeltabridge.reconcile.splunk.TstatsQuery;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.sql.SparkSession;

/**
 * One reconcile, step by step: check the indexes and the table, settle the cut-offs, count Splunk index by index,
 * count the table, compare, read the ids of the differing hours, print, write the reports, plan the repair.
 */
final class ReconcileRun {

    /** Everything the command line asked, checked. */
    record Settings(
            SplunkClientConfig splunk,
            List<String> indexes,
            ReconcileRange range,
            Optional<Instant> indexedBefore,
            Optional<String> connector,
            Optional<URI> connectUrl,
            TargetTable table,
            TableMode tableMode,
            String reportDir,
            boolean ids,
            int idsLimit,
            long idsMaxEventsPerHour,
            boolean repair,
            Optional<Path> sourceConfig,
            boolean deploy,
            Optional<String> master,
            Map<String, String> sparkConf) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final Progress progress;
    private final PrintStream out;

    ReconcileRun(Settings settings, Progress progress, PrintStream out) {
        this.settings = settings;
        this.progress = progress;
        this.out = out;
    }

    /** Answers true when every hour matches. */
    boolean run() {
        List<String> indexes = settings.indexes();
        ReconcileRange range = settings.range();
        Optional<ConnectRest> connect = settings.connectUrl().map(ConnectRest::new);
        // Read before anything slow, so a bad --source-config fails at once.
        Optional<OriginalConnector> original =
                settings.repair() ? Optional.of(originalConnector(connect)) : Optional.empty();
        try (SplunkClient client = new SplunkClient(settings.splunk())) {
            progress.line(
                    "Checking indexes %s in Splunk at %s",
                    indexes, settings.splunk().baseUri());
            new IndexCheck(client).requireSearchable(indexes);
            Cutoffs cutoffs = cutoffs(connect);
            progress.line("Counting events indexed before %s", cutoffs);

            // A session that was there before (a notebook, a test) is the caller's to stop.
            boolean ownSession = SparkSession.getActiveSession().isEmpty()
                    && SparkSession.getDefaultSession().isEmpty();
            SparkSession spark = JobSparkSession.create("splunk-reconcile", settings.master(), settings.sparkConf());
            try {
                EventTable table = new EventTable(spark, settings.table(), settings.tableMode());
                table.requireReachable(indexes);

                Map<IndexHour, Long> splunk = countSplunk(client, indexes, range, cutoffs);
                Map<IndexHour, DeltaCount> delta = progress.whileRunning(
                        "Delta count",
                        () -> sparkStatus(spark),
                        () -> new DeltaHourlyCounts(table).count(indexes, range, cutoffs));
                progress.line("Delta: %,d (index, hour) groups counted", delta.size());

                Reconciliation result = Reconciliation.compare(range, indexes, cutoffs, splunk, delta);
                if (settings.ids() && !result.allMatch()) {
                    result = withIds(result, client, table, cutoffs);
                }
                ConsoleTable.print(result, out);
                Configuration hadoop = spark.sessionState().newHadoopConf();
                List<String> reports = ReportFiles.write(result, settings.reportDir(), hadoop);
                out.println("Reports: " + String.join(", ", reports));
                if (original.isPresent()) {
                    repair(result, original.get(), connect, hadoop);
                }
                return result.allMatch();
            } finally {
                if (ownSession && System.getenv("DATABRICKS_RUNTIME_VERSION") == null) {
                    spark.stop();
                }
            }
        }
    }

    private Cutoffs cutoffs(Optional<ConnectRest> connect) {
        if (settings.indexedBefore().isPresent()) {
            return Cutoffs.same(settings.indexes(), settings.indexedBefore().get(), "--indexed-before");
        }
        String connector = settings.connector().orElseThrow();
        JsonNode offsets = connect.orElseThrow().offsets(connector);
        return ConnectorCutoffs.from(connector, offsets, settings.indexes());
    }

    private Map<IndexHour, Long> countSplunk(
            SplunkClient client, List<String> indexes, ReconcileRange range, Cutoffs cutoffs) {
        SplunkHourlyCounts counter = new SplunkHourlyCounts(client);
        Map<IndexHour, Long> counts = new TreeMap<>();
        int done = 0;
        for (String index : indexes) {
            progress.line("Splunk: %s", TstatsQuery.spl(index, TstatsQuery.Span.HOUR));
            Map<Instant, Long> hourly = counter.count(index, range, cutoffs.indexedBefore(index));
            hourly.forEach((hour, count) -> counts.put(new IndexHour(index, hour), count));
            done++;
            progress.line(
                    "Splunk: index %s: %,d events in %,d hours (%d of %d indexes)",
                    index,
                    hourly.values().stream().mapToLong(Long::longValue).sum(),
                    hourly.size(),
                    done,
                    indexes.size());
        }
        return counts;
    }

    private Reconciliation withIds(Reconciliation result, SplunkClient client, EventTable table, Cutoffs cutoffs) {
        EventIdLookup lookup = new EventIdLookup(
                new SplunkHourIds(client),
                new DeltaHourIds(table),
                cutoffs,
                settings.idsLimit(),
                settings.idsMaxEventsPerHour());
        int total = result.differing().size();
        int[] done = {0};
        return result.map(hour -> {
            if (hour.status() == HourStatus.MATCH) {
                return hour;
            }
            EventIdDiff diff = lookup.diff(hour);
            progress.line("Ids: %s (%d of %d differing hours)", hour.key(), ++done[0], total);
            return hour.withIds(diff);
        });
    }

    /** The source connector the repair bounds: its name and settings. */
    private record OriginalConnector(String name, Map<String, String> config) {}

    private OriginalConnector originalConnector(Optional<ConnectRest> connect) {
        if (settings.sourceConfig().isPresent()) {
            Path file = settings.sourceConfig().get();
            JsonNode node;
            try {
                node = JSON.readTree(Files.readString(file));
            } catch (NoSuchFileException e) {
                throw new ReconcileUsageException("--source-config " + file + " does not exist");
            } catch (IOException e) {
                throw new ReconcileUsageException("--source-config " + file + " is not JSON: " + e.getMessage());
            }
            if (!node.path("name").isTextual() || !node.path("config").isObject()) {
                throw new ReconcileUsageException("--source-config " + file
                        + " must be an object with \"name\" and \"config\", as the files in config/");
            }
            return new OriginalConnector(node.get("name").asText(), strings(node.get("config")));
        }
        String name = settings.connector().orElseThrow();
        return new OriginalConnector(name, strings(connect.orElseThrow().config(name)));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            map.put(field.getKey(), field.getValue().asText());
        }
        return map;
    }

    private void repair(
            Reconciliation result, OriginalConnector original, Optional<ConnectRest> connect, Configuration hadoop) {
        List<RepairRun> runs = RepairPlan.of(result);
        if (runs.isEmpty()) {
            out.println("Repair: no hour misses events; nothing to re-copy"
                    + (result.allMatch() ? "." : " (extra rows are not removed by copying again)."));
            return;
        }
        List<RepairConnector> connectors = RepairConnectors.of(original.name(), original.config(), runs, Instant.now());
        List<RepairFiles.Written> files = RepairFiles.write(connectors, settings.reportDir(), hadoop);
        out.printf("Repair: %d source connector config(s) re-copy the hours that miss events:%n", connectors.size());
        for (int i = 0; i < connectors.size(); i++) {
            RepairRun run = runs.get(i);
            out.printf(
                    "  %s: indexes %s, [%s, %s), indexed before %s -> %s%n",
                    connectors.get(i).name(),
                    String.join(",", run.indexes()),
                    run.start(),
                    run.end(),
                    run.indexedBefore(),
                    files.get(i).path());
            if (!files.get(i).placeholders().isEmpty()) {
                out.printf(
                        "    %s given literally in the source config: the file holds a placeholder; use a config"
                                + " provider reference (${env:...}) or --deploy%n",
                        String.join(", ", files.get(i).placeholders()));
            }
        }
        if (settings.deploy()) {
            ConnectRest rest = connect.orElseThrow();
            for (RepairConnector connector : connectors) {
                rest.putConfig(connector.name(), connector.config());
                out.printf("  deployed %s to %s%n", connector.name(), rest.base());
            }
            out.println("When their backfills are done and the Delta job has run, reconcile again; then delete the"
                    + " repair connectors.");
        } else {
            out.println("Deploy each with: curl -X POST -H 'Content-Type: application/json' --data @FILE "
                    + settings.connectUrl().map(URI::toString).orElse("http://CONNECT:8083") + "/connectors");
        }
    }

    private static String sparkStatus(SparkSession spark) {
        StringBuilder status = new StringBuilder();
        for (int stageId : spark.sparkContext().statusTracker().getActiveStageIds()) {
            scala.Option<SparkStageInfo> info =
                    spark.sparkContext().statusTracker().getStageInfo(stageId);
            if (info.isDefined()) {
                status.append(String.format(
                        ", stage %d: %d/%d tasks",
                        stageId, info.get().numCompletedTasks(), info.get().numTasks()));
            }
        }
        return status.toString();
    }
}
