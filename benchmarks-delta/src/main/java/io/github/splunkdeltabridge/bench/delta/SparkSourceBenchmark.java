package io.github.splunkdeltabridge.bench.delta;

import io.github.splunkdeltabridge.bench.BenchmarkCommandLine;
import io.github.splunkdeltabridge.bench.Comparison;
import io.github.splunkdeltabridge.bench.Machine;
import io.github.splunkdeltabridge.cli.DurationConverter;
import io.github.splunkdeltabridge.cli.HelpOption;
import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.SplunkAuth;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkClientConfig;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import io.github.splunkdeltabridge.source.SplunkSourceConnector;
import io.github.splunkdeltabridge.source.SplunkSourceTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The Spark path against the connector path on the same range: {@code spark.read.format("splunk")} (count of the
 * rows, 2 local cores) against the source connector's own tasks, started by the connector from the same settings
 * ({@code splunk.max.concurrent.searches} tasks, each reading its slices one export at a time and turning every event
 * into its Connect record), driven here without a Connect worker or a broker, each task on a thread of its own. Both
 * read the same slices of the same three emulated indexes; both counts must equal what Splunk holds for the range.
 * The connector's figure is an upper bound of the connector path: a real pipeline also converts, sends to Kafka and
 * commits (SourceBenchmark measures that), then lands to S3 and ingests into Delta.
 */
@Command(
        name = "benchmarks/run spark-source",
        sortOptions = false,
        showDefaultValues = true,
        description = "spark.read.format(\"splunk\") against the source connector's own tasks on the same range.")
public final class SparkSourceBenchmark implements Callable<Integer> {

    private static final String TOKEN = "benchmark-token";
    private static final String[] INDEXES = {"web", "os", "app"};
    private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    private static final int EVENTS_PER_MINUTE = 600;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--events",
            paramLabel = "N",
            defaultValue = "200k",
            description = "Events in the range (approximately).")
    private long eventCount;

    @Option(
            names = "--slice",
            paramLabel = "DURATION",
            defaultValue = "15m",
            description = "splunk.slice.duration (" + DurationConverter.FORMS + ").")
    private Duration slice;

    @Option(
            names = "--searches",
            paramLabel = "N",
            defaultValue = "4",
            description = "splunk.max.concurrent.searches (connector tasks, Spark partitions).")
    private int searches;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "1", description = "Warm-up rounds, not counted.")
    private int warmups;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Measured rounds.")
    private int rounds;

    @Mixin
    private HelpOption help;

    public static void main(String[] args) {
        BenchmarkCommandLine.run(new SparkSourceBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        Machine.printHeader("Spark source against the connector's tasks", spec);
        long minutes = Math.max(1, Math.round(eventCount / (3 * EVENTS_PER_MINUTE * 1.05)));
        Instant end = START.plusSeconds(minutes * 60);

        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("spark-source-benchmark")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        try (SplunkEmulator emulator = SplunkEmulator.builder()
                .token(TOKEN)
                .dataset(GeneratedDataset.builder()
                        .seed(7)
                        .start(START)
                        .end(end)
                        .indexes(INDEXES)
                        .eventsPerMinute(EVENTS_PER_MINUTE)
                        .build())
                .build()
                .start()) {
            Map<String, String> settings = new HashMap<>();
            settings.put("splunk.url", emulator.baseUri().toString());
            settings.put("splunk.token", TOKEN);
            settings.put("splunk.indexes", String.join(",", INDEXES));
            settings.put("splunk.backfill.start", START.toString());
            settings.put("splunk.backfill.end", end.toString());
            settings.put("splunk.slice.duration", slice.toString());
            settings.put("splunk.max.concurrent.searches", Integer.toString(searches));
            long expected = splunkCount(emulator, end);
            System.out.printf(Locale.ROOT, "  %,d events in %s .. %s%n", expected, START, end);

            Comparison comparison = new Comparison(
                    String.format(
                            Locale.ROOT,
                            "Splunk to records: %,d events, %d searches at once, %d rounds after %d warm-up",
                            expected,
                            searches,
                            rounds,
                            warmups),
                    "events");
            comparison.variant("connector tasks (no worker, no broker)", () -> runConnector(settings, expected));
            comparison.variant("spark.read.format(\"splunk\"), local[2]", () -> {
                long t = System.nanoTime();
                long events =
                        spark.read().format("splunk").options(settings).load().count();
                return sample(events, expected, System.nanoTime() - t);
            });
            comparison.run(warmups, rounds);
            comparison.printSummary();
            System.out.printf(
                    Locale.ROOT,
                    "RESULT spark-source events=%d connector_events_per_s=%.0f spark_events_per_s=%.0f"
                            + " spark_to_connector_ratio=%.3f%n",
                    expected,
                    comparison.medianRate(comparison.baseline()),
                    comparison.medianRate("spark.read.format(\"splunk\"), local[2]"),
                    comparison.ratio("spark.read.format(\"splunk\"), local[2]"));
        } finally {
            spark.stop();
        }
        Machine.printFooter();
        return 0;
    }

    private static Comparison.Sample sample(long events, long expected, long nanos) {
        if (events != expected) {
            throw new IllegalStateException("read " + events + " events, Splunk holds " + expected);
        }
        return new Comparison.Sample(events, 0, nanos);
    }

    /** What Splunk holds for the range: one export per index, indexed before the end, as a backfill reads it. */
    private static long splunkCount(SplunkEmulator emulator, Instant end) {
        long count = 0;
        try (SplunkClient client = new SplunkClient(SplunkClientConfig.builder(emulator.baseUri())
                .auth(SplunkAuth.bearerToken(TOKEN))
                .build())) {
            for (String index : INDEXES) {
                try (SplunkEventStream events = client.export(ExportRequest.builder("search index=" + index)
                        .earliest(START)
                        .latest(end)
                        .indexLatest(end)
                        .build())) {
                    while (events.hasNext()) {
                        events.next();
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /**
     * The connector makes its task settings; each task polls on its own thread. The time ends when the last event
     * arrives (a task whose slices are done idles up to a second in its next poll, which is not counted).
     */
    private static Comparison.Sample runConnector(Map<String, String> settings, long expected) throws Exception {
        long started = System.nanoTime();
        AtomicLong finished = new AtomicLong();
        Map<String, String> config = new HashMap<>(settings);
        config.put("splunk.tail.enabled", "false");
        SplunkSourceConnector connector = new SplunkSourceConnector();
        connector.initialize(new NoOffsetsConnectorContext());
        connector.start(config);
        List<Map<String, String>> taskConfigs = connector.taskConfigs(Integer.MAX_VALUE);
        AtomicLong records = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(taskConfigs.size());
        List<SplunkSourceTask> tasks = new ArrayList<>();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Map<String, String> taskConfig : taskConfigs) {
                SplunkSourceTask task = new SplunkSourceTask();
                task.initialize(new NoOffsetsTaskContext(taskConfig));
                task.start(taskConfig);
                tasks.add(task);
                running.add(threads.submit(() -> {
                    // A task's poll returns null once its slices are done (and sleeps up to a second first).
                    while (records.get() < expected) {
                        List<SourceRecord> batch = task.poll();
                        if (batch == null) {
                            return null;
                        }
                        if (records.addAndGet(batch.size()) >= expected) {
                            finished.compareAndSet(0, System.nanoTime());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> task : running) {
                task.get();
            }
        } finally {
            tasks.forEach(SplunkSourceTask::stop);
            connector.stop();
            threads.shutdownNow();
        }
        return sample(records.get(), expected, finished.get() - started);
    }

    private static final class NoOffsets implements OffsetStorageReader {
        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            return null;
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            return Map.of();
        }
    }

    private static PluginMetrics metrics() {
        return new PluginMetricsImpl(new Metrics(), Map.of());
    }

    private static final class NoOffsetsConnectorContext implements SourceConnectorContext {
        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new NoOffsets();
        }

        @Override
        public void requestTaskReconfiguration() {}

        @Override
        public void raiseError(Exception e) {
            throw new IllegalStateException(e);
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return metrics();
        }
    }

    private record NoOffsetsTaskContext(Map<String, String> configs) implements SourceTaskContext {
        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new NoOffsets();
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return metrics();
        }
    }
}
