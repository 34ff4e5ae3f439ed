package io.github.splunkdeltabridge.bench;

import io.github.splunkdeltabridge.cli.DurationConverter;
import io.github.splunkdeltabridge.cli.HelpOption;
import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.SplunkAuth;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkClientConfig;
import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.source.SplunkSourceConnector;
import io.github.splunkdeltabridge.source.SplunkSourceTask;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Memory: a large export (5M events by default) read with a small heap ({@code benchmarks/run memory} starts the JVM
 * with -Xmx256m) completes, once through {@code SplunkClient} and once through the connector's task, and the peak
 * heap of each phase is reported.
 *
 * <p>The emulator runs in the same JVM and streams its data (it generates each event when it sends it), so the
 * figures include its share: they are an upper bound for the client alone. The task phase drives
 * {@code SplunkSourceTask} as a Connect worker would (connector's task settings, {@code poll} until the backfill is
 * done, empty stored offsets) but drops the records instead of converting and sending them: it measures the
 * connector's own memory, not the worker's producer buffers (bounded by {@code buffer.memory}, 32 MB by default).
 */
@Command(
        name = "benchmarks/run memory",
        sortOptions = false,
        showDefaultValues = true,
        description = "A large export read with a small heap, through SplunkClient and through the connector's task.")
public final class MemoryBenchmark implements Callable<Integer> {

    private static volatile long blackhole;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--events",
            paramLabel = "N",
            defaultValue = "5m",
            description = "Events in the export (approximately).")
    private long eventCount;

    @Option(
            names = "--events-per-minute",
            paramLabel = "N",
            defaultValue = "3000",
            description = "Density of the generated data, per index.")
    private int eventsPerMinute;

    @Option(
            names = "--task",
            arity = "1",
            paramLabel = "true|false",
            defaultValue = "true",
            showDefaultValue = Visibility.ALWAYS,
            description = "Also read the range through the connector's task.")
    private boolean withTask;

    @Option(
            names = "--slice",
            paramLabel = "DURATION",
            defaultValue = "1h",
            description = "splunk.slice.duration of the task phase (" + DurationConverter.FORMS + ").")
    private Duration slice;

    @Mixin
    private HelpOption help;

    public static void main(String[] args) {
        BenchmarkCommandLine.run(new MemoryBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        Machine.printHeader("Memory benchmark", spec);
        long maxHeap = Runtime.getRuntime().maxMemory();
        EmulatorData data = new EmulatorData(eventCount, eventsPerMinute);

        try (SplunkEmulator emulator = SplunkEmulator.builder()
                .token(EmulatorData.TOKEN)
                .dataset(data.dataset())
                .build()
                .start()) {
            System.gc();
            long clientEvents;
            long t = System.nanoTime();
            HeapWatch clientWatch = new HeapWatch();
            try (SplunkClient client = new SplunkClient(SplunkClientConfig.builder(emulator.baseUri())
                            .auth(SplunkAuth.bearerToken(EmulatorData.TOKEN))
                            .build());
                    SplunkEventStream stream = client.export(ExportRequest.builder(EmulatorData.SEARCH)
                            .earliest(data.start())
                            .latest(data.end())
                            .indexLatest(data.end())
                            .build())) {
                long n = 0;
                long sum = 0;
                while (stream.hasNext()) {
                    SplunkEvent event = stream.next();
                    n++;
                    sum += event.raw() == null ? 0 : event.raw().length();
                }
                clientEvents = n;
                blackhole += sum;
            }
            HeapWatch.Report client = clientWatch.stop();
            report("SplunkClient.export", clientEvents, System.nanoTime() - t, client, maxHeap);

            HeapWatch.Report task = null;
            long taskEvents = 0;
            if (withTask) {
                System.gc();
                t = System.nanoTime();
                HeapWatch taskWatch = new HeapWatch();
                taskEvents = readThroughTask(emulator, data, slice);
                task = taskWatch.stop();
                report("SplunkSourceTask.poll", taskEvents, System.nanoTime() - t, task, maxHeap);
                if (taskEvents != clientEvents) {
                    throw new IllegalStateException(
                            "The task read " + taskEvents + " events, the client " + clientEvents);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "RESULT memory events=%d max_heap_mb=%d client_peak_mb=%.0f" + " client_live_after_gc_mb=%.0f%s%n",
                    clientEvents,
                    maxHeap >> 20,
                    mb(client.peakUsedBytes()),
                    mb(client.peakAfterGcBytes()),
                    task == null
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    " task_peak_mb=%.0f task_live_after_gc_mb=%.0f",
                                    mb(task.peakUsedBytes()),
                                    mb(task.peakAfterGcBytes())));
        }
        Machine.printFooter();
        return 0;
    }

    private static long readThroughTask(SplunkEmulator emulator, EmulatorData data, Duration slice)
            throws InterruptedException {
        Map<String, String> props = new HashMap<>();
        props.put("splunk.url", emulator.baseUri().toString());
        props.put("splunk.token", EmulatorData.TOKEN);
        props.put("splunk.indexes", "web,os,app");
        props.put("splunk.backfill.start", data.start().toString());
        props.put("splunk.backfill.end", data.end().toString());
        props.put("splunk.slice.duration", slice.toString());
        props.put("splunk.tail.enabled", "false");
        SplunkSourceConnector connector = new SplunkSourceConnector();
        try (Metrics metrics = new Metrics();
                PluginMetricsImpl pluginMetrics = new PluginMetricsImpl(metrics, Map.of("task", "0"))) {
            connector.initialize(new SourceConnectorContext() {
                @Override
                public OffsetStorageReader offsetStorageReader() {
                    return NO_OFFSETS;
                }

                @Override
                public void requestTaskReconfiguration() {}

                @Override
                public void raiseError(Exception e) {
                    throw new IllegalStateException("The connector failed", e);
                }

                @Override
                public PluginMetrics pluginMetrics() {
                    return pluginMetrics;
                }
            });
            connector.start(props);
            Map<String, String> taskProps = connector.taskConfigs(1).get(0);
            SplunkSourceTask task = new SplunkSourceTask();
            task.initialize(new BenchSourceContext(taskProps, pluginMetrics));
            task.start(taskProps);
            long n = 0;
            while (true) {
                List<SourceRecord> records = task.poll();
                if (records == null) {
                    break; // no backfill work left and no tail: the task idles
                }
                n += records.size();
            }
            task.stop();
            return n;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            connector.stop();
        }
    }

    private static void report(String phase, long events, long nanos, HeapWatch.Report r, long maxHeap) {
        System.out.printf(
                Locale.ROOT,
                "  %-22s %,d events in %.1f s (%,.0f events/s); heap: peak used %.0f MB,"
                        + " peak live after GC %.0f MB, of %d MB; %d collections, %d ms%n",
                phase,
                events,
                nanos / 1e9,
                events * 1e9 / nanos,
                mb(r.peakUsedBytes()),
                mb(r.peakAfterGcBytes()),
                maxHeap >> 20,
                r.collections(),
                r.collectionMillis());
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** A fresh task's context: no stored offsets, real plugin metrics. */
    private record BenchSourceContext(Map<String, String> configs, PluginMetrics pluginMetrics)
            implements SourceTaskContext {
        @Override
        public OffsetStorageReader offsetStorageReader() {
            return NO_OFFSETS;
        }
    }

    /** A first start: nothing stored yet. */
    private static final OffsetStorageReader NO_OFFSETS = new OffsetStorageReader() {
        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            return null;
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            return Map.of();
        }
    };
}
