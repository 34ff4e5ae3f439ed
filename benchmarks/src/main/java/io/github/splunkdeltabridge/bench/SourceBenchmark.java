package io.github.splunkdeltabridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.splunkdeltabridge.cli.DurationConverter;
import io.github.splunkdeltabridge.cli.HelpOption;
import io.github.splunkdeltabridge.client.IndexSearch;
import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.client.TimeSlice;
import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.EmulatedEvent;
import io.github.splunkdeltabridge.schema.KafkaTimestamp;
import io.github.splunkdeltabridge.schema.SplunkRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Source end to end: the connector with 1 task in a real Connect worker writing to a real broker, both in this JVM
 * (Kafka's {@code EmbeddedConnectCluster}), against a plain {@code KafkaProducer} sending the same Connect records
 * through the same converters inside its loop. Target: at least 80% of that producer.
 *
 * <p>The Splunk side costs no CPU while timing: every export the connector will ask for (each slice of each index,
 * with the exact form parameters {@code SplunkClient} sends) is rendered once before timing and replayed from memory
 * by the emulator from temporary files ({@code prerenderExport}); any other export is made to fail the run, so a request
 * that missed the replay cannot slip in the generator's cost. {@code --replay false} serves the live emulator instead.
 *
 * <p>The connector runs with the settings of {@code config/splunk-source.json} (read from the file, so what is
 * measured is what ships), with the Splunk URL, token, topics, backfill range and tail (off) of the benchmark. Its
 * time runs from deploying the connector until every slice's {@code done} offset is committed (read from the worker's
 * offsets topic), so it includes task start-up; the steady rate, from the first committed offset to the last, is
 * reported beside it. After timing, a consumer (read_committed when exactly-once) checks that the topics hold exactly
 * the events. The baseline maps nothing (the records are built by the connector's own {@code SplunkRecords} before
 * timing; it holds at most {@code --distinct} of them and sends them again in turn beyond that, so that the
 * benchmark's own memory is the same at every size) but serialises every record with the connector's converters ({@code StringConverter} keys,
 * {@code JsonConverter} values with schemas, {@code SimpleHeaderConverter} headers) inside its loop and sends it with
 * the producer's defaults ({@code acks=all}, idempotent); its time ends when {@code flush()} returns. A diagnostic
 * variant sends the same bytes serialised before timing: the converters' share. Every round writes new topics (1
 * partition each), deleted afterwards.
 */
@Command(
        name = "benchmarks/run source",
        sortOptions = false,
        showDefaultValues = true,
        description = "The connector in a Connect worker against a plain KafkaProducer sending the same Connect records"
                + " through the same converters.")
public final class SourceBenchmark implements Callable<Integer> {

    private static final String[] INDEXES = {"web", "os", "app"};
    private static final double TARGET = 0.80;
    private static final String OFFSETS_TOPIC = "benchmark-connect-offsets";
    private static final long STATUS_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Path SHIPPED_CONFIG = Path.of("config", "splunk-source.json");
    private static final String BASELINE = "baseline: KafkaProducer + converters in the loop";
    private static final String PRE_SERIALISED = "KafkaProducer, pre-serialised (diagnostic)";

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--events",
            paramLabel = "N",
            defaultValue = "200k",
            description = "Events in the backfill range (approximately).")
    private long eventCount;

    @Option(
            names = "--slice",
            paramLabel = "DURATION",
            description =
                    "splunk.slice.duration (" + DurationConverter.FORMS + "); default: as config/splunk-source.json.")
    private Duration sliceOption;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "splunk.batch.size; default: as config/splunk-source.json.")
    private Integer batchSize;

    @Option(
            names = "--exactly-once",
            arity = "1",
            paramLabel = "true|false",
            defaultValue = "true",
            showDefaultValue = Visibility.ALWAYS,
            description = "Exactly-once source support (as config/splunk-source.json).")
    private boolean exactlyOnce;

    @Option(
            names = "--tasks",
            paramLabel = "N",
            split = ",",
            defaultValue = "1",
            description = "tasks.max values to measure, comma-separated.")
    private List<Integer> taskCounts;

    @Option(
            names = "--replay",
            arity = "1",
            paramLabel = "true|false",
            defaultValue = "true",
            showDefaultValue = Visibility.ALWAYS,
            description = "Serve exports rendered before timing (false: the live emulator generates them).")
    private boolean replay;

    @Option(
            names = "--pre-serialised",
            arity = "1",
            paramLabel = "true|false",
            defaultValue = "true",
            showDefaultValue = Visibility.ALWAYS,
            description = "Also time the producer with bytes serialised before timing (diagnostic).")
    private boolean preSerialised;

    @Option(
            names = "--distinct",
            paramLabel = "N",
            defaultValue = "100k",
            description = "Records the producer baselines hold, made before timing; beyond them they send the same"
                    + " records again in turn, so the benchmark's own memory is the same at every size.")
    private long distinct;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "1", description = "Warm-up rounds, not counted.")
    private int warmups;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Measured rounds.")
    private int rounds;

    @Mixin
    private HelpOption help;

    public static void main(String[] args) {
        BenchmarkCommandLine.run(new SourceBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        Machine.printHeader("Source end-to-end benchmark", spec);
        Map<String, String> shipped = shippedConfig();
        Duration slice = sliceOption != null ? sliceOption : Duration.parse(shipped.get("splunk.slice.duration"));

        EmulatorData data = new EmulatorData(eventCount, 600);
        RecordSerializer serializer = new RecordSerializer();
        RecordPool<SourceRecord> connectRecords = connectRecords(data, distinct);
        long events = connectRecords.events();
        List<byte[][]> serializedPool = new ArrayList<>();
        for (int i = 0; i < connectRecords.records().size(); i++) {
            serializedPool.add(serializer.serialize(
                    connectRecords.topics().get(i), connectRecords.records().get(i)));
        }
        double bytesPerEvent = serializedPool.stream()
                .mapToLong(r -> r[0].length + r[1].length)
                .average()
                .orElseThrow();
        // Serialising all 5M events before timing would take minutes: the distinct records' mean stands for all.
        long valueBytes = Math.round(bytesPerEvent * events);
        RecordPool<byte[][]> serialized =
                new RecordPool<>(connectRecords.topics(), preSerialised ? serializedPool : List.of(), events);
        System.out.printf(
                Locale.ROOT,
                "  %,d events, about %,d bytes of keys and values as Connect serialises them (%.0f bytes/event over"
                        + " the %,d distinct records the baselines send in turn)%n",
                events,
                valueBytes,
                bytesPerEvent,
                connectRecords.records().size());

        List<TimeSlice> slices = TimeSlice.split(data.start(), data.end(), slice);
        long partitions = (long) INDEXES.length * slices.size();
        EmbeddedConnectCluster connect = startCluster(exactlyOnce);
        try (SplunkEmulator emulator = SplunkEmulator.builder()
                .token(EmulatorData.TOKEN)
                .dataset(data.dataset())
                .build()
                .start()) {
            if (replay) {
                prerender(emulator, data, slices);
            }
            System.gc();
            System.out.printf(
                    Locale.ROOT,
                    "  heap used before timing, after a collection (the baselines' records, broker, worker, emulator):"
                            + " %,d MB%n",
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            int[] round = {0};
            Comparison comparison = new Comparison(
                    String.format(
                            Locale.ROOT,
                            "Source end to end: %,d events, %s, %s, %d rounds after %d warm-up",
                            events,
                            exactlyOnce ? "exactly-once" : "at-least-once",
                            replay ? "exports replayed" : "live emulator",
                            rounds,
                            warmups),
                    "events");
            comparison.variant(BASELINE, () -> {
                String prefix = "conv" + round[0]++;
                Comparison.Sample sample =
                        timeProducer(connect, prefix, connectRecords, serializer::serialize, events, valueBytes);
                verifyAndDelete(connect, prefix, events, false);
                return sample;
            });
            if (preSerialised) {
                comparison.variant(PRE_SERIALISED, () -> {
                    String prefix = "raw" + round[0]++;
                    Comparison.Sample sample =
                            timeProducer(connect, prefix, serialized, (topic, r) -> r, events, valueBytes);
                    verifyAndDelete(connect, prefix, events, false);
                    return sample;
                });
            }
            Map<String, List<Double>> steadyRates = new LinkedHashMap<>();
            for (int taskCount : taskCounts) {
                String name = connectorVariant(taskCount);
                steadyRates.put(name, new ArrayList<>());
                comparison.variant(name, () -> {
                    String prefix = "c" + taskCount + "-" + round[0]++;
                    createTopics(connect, prefix);
                    Map<String, String> config = connectorConfig(shipped, emulator, data, prefix, taskCount, slice);
                    long cpu = Comparison.processCpuNanos();
                    long t = System.nanoTime();
                    connect.configureConnector(prefix, config);
                    Progress progress = awaitAllCommitted(connect, prefix, events, partitions, t);
                    long nanos = System.nanoTime() - t;
                    cpu = Comparison.processCpuNanos() - cpu;
                    connect.deleteConnector(prefix);
                    verifyAndDelete(connect, prefix, events, exactlyOnce);
                    double steady = progress.steadyRate(events);
                    steadyRates.get(name).add(steady);
                    System.out.printf(
                            Locale.ROOT,
                            "           first offset committed after %.2f s (%,d events); steady rate %,.0f events/s%n",
                            (progress.firstCommitNanos() - t) / 1e9,
                            progress.firstCommitEvents(),
                            steady);
                    return new Comparison.Sample(events, valueBytes, nanos, cpu);
                });
            }
            comparison.run(warmups, rounds);
            comparison.printSummary();
            StringBuilder result = new StringBuilder("RESULT source events=" + events + " exactly_once=" + exactlyOnce
                    + " replay=" + replay
                    + String.format(
                            Locale.ROOT,
                            " producer_converters_events_per_s=%.0f",
                            comparison.medianRate(comparison.baseline())));
            if (preSerialised) {
                result.append(String.format(
                        Locale.ROOT,
                        " pre_serialised_events_per_s=%.0f pre_serialised_ratio=%.3f",
                        comparison.medianRate(PRE_SERIALISED),
                        comparison.ratio(PRE_SERIALISED)));
            }
            for (int tasks : taskCounts) {
                String name = connectorVariant(tasks);
                double ratio = comparison.ratio(name);
                double steady = Comparison.median(steadyRates.get(name));
                System.out.printf(
                        Locale.ROOT,
                        "Target for %s: at least %.0f%% of the producer with converters: %s (%.1f%%);"
                                + " steady rate %,.0f events/s%n",
                        name,
                        TARGET * 100,
                        ratio >= TARGET ? "MET" : "NOT MET",
                        ratio * 100,
                        steady);
                result.append(String.format(
                        Locale.ROOT,
                        " tasks%d_events_per_s=%.0f tasks%d_ratio=%.3f tasks%d_steady_events_per_s=%.0f",
                        tasks,
                        comparison.medianRate(name),
                        tasks,
                        ratio,
                        tasks,
                        steady));
            }
            System.out.println(result);
        } finally {
            connect.stop();
        }
        Machine.printFooter();
        return 0;
    }

    private static String connectorVariant(int tasks) {
        return "connector, " + tasks + (tasks == 1 ? " task" : " tasks");
    }

    /** The connector settings as shipped in {@code config/splunk-source.json}. */
    private static Map<String, String> shippedConfig() throws IOException {
        if (!Files.isRegularFile(SHIPPED_CONFIG)) {
            throw new IllegalStateException("Run from the project's root: " + SHIPPED_CONFIG + " is not there");
        }
        JsonNode config = new ObjectMapper().readTree(SHIPPED_CONFIG.toFile()).get("config");
        Map<String, String> settings = new LinkedHashMap<>();
        config.properties().forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
        return settings;
    }

    /**
     * Renders, before timing, every export the task will ask for: each slice of each index, with the form parameters
     * {@code SplunkClient} sends (see its {@code openExport}). Then makes every export that is not one of these fail
     * with a FATAL message, so the run stops rather than measure the generator.
     */
    private static void prerender(SplunkEmulator emulator, EmulatorData data, List<TimeSlice> slices) {
        long t = System.nanoTime();
        long bytes = 0;
        int exports = 0;
        for (TimeSlice slice : slices) {
            for (String index : INDEXES) {
                Map<String, String> form = new HashMap<>();
                form.put("search", IndexSearch.spl(index, "", List.of()));
                form.put("output_mode", "json");
                form.put("output_time_format", EmulatorData.OUTPUT_TIME_FORMAT);
                form.put("earliest_time", epochSeconds(slice.start()));
                form.put("latest_time", epochSeconds(slice.end()));
                form.put("index_latest", epochSeconds(data.end()));
                form.put("enable_lookups", "true");
                bytes += emulator.prerenderExport(form);
                exports++;
            }
        }
        emulator.faults()
                .fatalMessageAfterRows(
                        0, "benchmark: this export was not prerendered; its parameters differ", Integer.MAX_VALUE);
        System.out.printf(
                Locale.ROOT,
                "  %d exports rendered before timing: %,d bytes in %.1f s%n",
                exports,
                bytes,
                (System.nanoTime() - t) / 1e9);
    }

    /** Whole epoch seconds, as the client writes a time without a fraction. */
    private static String epochSeconds(Instant instant) {
        if (instant.getNano() != 0) {
            throw new IllegalArgumentException("the benchmark's ranges are whole seconds, not " + instant);
        }
        return Long.toString(instant.getEpochSecond());
    }

    private static EmbeddedConnectCluster startCluster(boolean exactlyOnce) {
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        broker.put("auto.create.topics.enable", "false");
        Map<String, String> worker = new HashMap<>();
        // At-least-once commits offsets on this schedule; the end of a run is seen through them (exactly-once
        // commits them with each transaction instead).
        worker.put("offset.flush.interval.ms", "200");
        worker.put("offset.storage.topic", OFFSETS_TOPIC);
        if (exactlyOnce) {
            worker.put("exactly.once.source.support", "enabled");
        }
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name("source-benchmark")
                .numWorkers(1)
                .brokerProps(broker)
                .workerProps(worker)
                .build();
        connect.start();
        return connect;
    }

    /** The shipped settings, with this benchmark's Splunk, topics, range, tasks and tail (off). */
    private Map<String, String> connectorConfig(
            Map<String, String> shipped,
            SplunkEmulator emulator,
            EmulatorData data,
            String prefix,
            int tasks,
            Duration slice) {
        Map<String, String> config = new HashMap<>(shipped);
        config.put("tasks.max", Integer.toString(tasks));
        config.put("splunk.url", emulator.baseUri().toString());
        config.put("splunk.token", EmulatorData.TOKEN);
        config.put("splunk.indexes", String.join(",", INDEXES));
        config.put("topic.template", prefix + ".${index}");
        config.put("splunk.backfill.start", data.start().toString());
        config.put("splunk.backfill.end", data.end().toString());
        config.put("splunk.slice.duration", slice.toString());
        config.put("splunk.tail.enabled", "false");
        if (batchSize != null) {
            config.put("splunk.batch.size", Integer.toString(batchSize));
        }
        if (!exactlyOnce) {
            config.remove("exactly.once.support");
            config.remove("transaction.boundary");
        }
        return config;
    }

    /**
     * What a producer baseline sends: {@code events} records, the pool's in turn (record {@code i} is
     * {@code records[i % size]}, to the topic of its index).
     */
    private record RecordPool<T>(List<String> topics, List<T> records, long events) {}

    /**
     * The range's first {@code distinct} events as the connector maps them to Connect records, with their index, and
     * the number of events in the whole range.
     */
    private static RecordPool<SourceRecord> connectRecords(EmulatorData data, long distinct) {
        List<String> topics = new ArrayList<>();
        List<SourceRecord> records = new ArrayList<>();
        long events = 0;
        for (Iterator<EmulatedEvent> it = data.events(); it.hasNext(); events++) {
            EmulatedEvent emulated = it.next();
            if (events < distinct) {
                SplunkEvent event = SplunkEvent.fromFields(emulated.toResultFields());
                String topic = event.index();
                topics.add(topic);
                records.add(SplunkRecords.toRecord(
                        event, topic, topic, "slice", Map.of(), Map.of(), KafkaTimestamp.INGEST));
            }
        }
        return new RecordPool<>(topics, records, events);
    }

    /** The connector's converters: [key, value, search header, source header] as Connect would write them. */
    private static final class RecordSerializer {
        private final StringConverter keys = new StringConverter();
        private final JsonConverter values = new JsonConverter();
        private final SimpleHeaderConverter headers = new SimpleHeaderConverter();

        RecordSerializer() {
            keys.configure(Map.of(), true);
            values.configure(Map.of("schemas.enable", "true"), false);
            headers.configure(Map.of());
        }

        byte[][] serialize(String topic, SourceRecord record) {
            byte[][] r = new byte[4][];
            r[0] = keys.fromConnectData(topic, record.keySchema(), record.key());
            r[1] = values.fromConnectData(topic, record.valueSchema(), record.value());
            int h = 2;
            for (Header header : record.headers()) {
                r[h++] = headers.fromConnectHeader(topic, header.key(), header.schema(), header.value());
            }
            return r;
        }
    }

    /**
     * Sends the pool's records in turn to new topics {@code prefix.<index>} with a {@code KafkaProducer} (its defaults: acks=all,
     * idempotent), each turned into [key, value, headers] by {@code serialize} inside the timing; the time ends when
     * {@code flush()} returns. The CPU time is the JVM's over the same span (creating the topics and the producer is
     * outside it).
     */
    private static <T> Comparison.Sample timeProducer(
            EmbeddedConnectCluster connect,
            String prefix,
            RecordPool<T> records,
            java.util.function.BiFunction<String, T, byte[][]> serialize,
            long events,
            long bytes)
            throws Exception {
        createTopics(connect, prefix);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers());
        AtomicReference<Exception> failure = new AtomicReference<>();
        long nanos;
        long cpu;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            cpu = Comparison.processCpuNanos();
            long t = System.nanoTime();
            Map<String, String> topicNames = new HashMap<>();
            for (String index : INDEXES) {
                topicNames.put(index, prefix + "." + index);
            }
            int size = records.records().size();
            for (long i = 0; i < events; i++) {
                int at = (int) (i % size);
                String index = records.topics().get(at);
                byte[][] r = serialize.apply(index, records.records().get(at));
                RecordHeaders headers = new RecordHeaders();
                headers.add(new RecordHeader(SplunkRecords.SEARCH_HEADER, r[2]));
                headers.add(new RecordHeader(SplunkRecords.SOURCE_HEADER, r[3]));
                producer.send(new ProducerRecord<>(topicNames.get(index), null, null, r[0], r[1], headers), (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            nanos = System.nanoTime() - t;
            cpu = Comparison.processCpuNanos() - cpu;
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Comparison.Sample(events, bytes, nanos, cpu);
    }

    private static void createTopics(EmbeddedConnectCluster connect, String prefix) {
        for (String index : INDEXES) {
            connect.kafka().createTopic(prefix + "." + index, 1);
        }
    }

    /**
     * When the first offset was committed and with how many events, for the steady rate: from there to the end.
     *
     * @param endNanos when the last slice's {@code done} offset was read
     */
    record Progress(long firstCommitNanos, long firstCommitEvents, long endNanos) {
        double steadyRate(long events) {
            return (events - firstCommitEvents) * 1e9 / (endNanos - firstCommitNanos);
        }
    }

    /**
     * Until every backfill slice has a committed {@code done} offset, read from the worker's offsets topic. The
     * connector commits a slice's last offset with (exactly-once: in the same transaction as) or after
     * (at-least-once: once the broker acknowledged) its records, so then every record is in the topics. Each offset
     * also says how many rows its slice has delivered, which dates the first commit for the steady rate.
     * (Connect's {@code GET /connectors/NAME/offsets} would be the documented way, but here it answered
     * {@code "offset": null} for every slice while the topic held their offsets.)
     */
    private static Progress awaitAllCommitted(
            EmbeddedConnectCluster connect, String connector, long events, long slices, long startNanos)
            throws Exception {
        long deadline = startNanos + Duration.ofMinutes(60).toNanos();
        Map<String, Boolean> doneByPartition = new HashMap<>();
        Map<String, Long> rowsByPartition = new HashMap<>();
        long firstNanos = 0;
        long firstEvents = 0;
        long lastStatusCheck = startNanos;
        String keyPrefix = "[\"" + connector + "\",";
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<byte[], byte[]> offsets =
                connect.kafka().createConsumer(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            List<TopicPartition> partitions = offsets.partitionsFor(OFFSETS_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            offsets.assign(partitions);
            offsets.seekToBeginning(partitions);
            while (true) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Connector " + connector + " did not deliver " + events + " events in 60 minutes");
                }
                // The status goes through the worker's REST API (Jetty, Jersey, the herder): asked every poll it was
                // a sixth of the CPU of the connector's phase in a profile. Once a second finds a failure soon enough.
                if (System.nanoTime() - lastStatusCheck > STATUS_INTERVAL_NANOS) {
                    failIfTaskFailed(connect, connector);
                    lastStatusCheck = System.nanoTime();
                }
                // A poll returns as soon as an offset arrives; the timeout only bounds an idle wait.
                for (ConsumerRecord<byte[], byte[]> record : offsets.poll(Duration.ofMillis(200))) {
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    if (key.startsWith(keyPrefix) && key.contains("\"slice\"") && record.value() != null) {
                        JsonNode value = json.readTree(record.value());
                        doneByPartition.put(key, value.path("done").asBoolean(false));
                        rowsByPartition.put(key, value.path("rows").asLong(0));
                    }
                }
                if (firstNanos == 0 && !rowsByPartition.isEmpty()) {
                    firstNanos = System.nanoTime();
                    firstEvents = rowsByPartition.values().stream()
                            .mapToLong(Long::longValue)
                            .sum();
                }
                long done = doneByPartition.values().stream()
                        .filter(Boolean::booleanValue)
                        .count();
                if (done >= slices) {
                    return new Progress(firstNanos, firstEvents, System.nanoTime());
                }
            }
        }
    }

    private static List<TopicPartition> partitions(String prefix) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String index : INDEXES) {
            partitions.add(new TopicPartition(prefix + "." + index, 0));
        }
        return partitions;
    }

    private static void failIfTaskFailed(EmbeddedConnectCluster connect, String connector) {
        try {
            connect.connectorStatus(connector).tasks().stream()
                    .filter(t -> t.state().equals("FAILED"))
                    .findFirst()
                    .ifPresent(t -> {
                        throw new IllegalStateException(
                                "Task " + t.id() + " of " + connector + " failed: " + t.trace());
                    });
        } catch (org.apache.kafka.connect.runtime.rest.errors.ConnectRestException notYetThere) {
            // Still being created.
        }
    }

    /**
     * After timing: the topics hold exactly the events (read as the Delta job's readers would), then go. A transaction's
     * commit markers reach the data topics a moment after its offsets are readable, so this reads for up to 60 s plus
     * 1 s per 10,000 events (reading 5M records of 2.3 KB takes minutes here).
     */
    private static void verifyAndDelete(
            EmbeddedConnectCluster connect, String prefix, long events, boolean readCommitted) {
        long count = 0;
        long deadline =
                System.nanoTime() + Duration.ofSeconds(60 + events / 10_000).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka()
                .createConsumer(Map.of(
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        readCommitted ? "read_committed" : "read_uncommitted",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000,
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                        16 << 20))) {
            List<TopicPartition> partitions = partitions(prefix);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (count < events && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            // Anything more (duplicates) would show within a last poll.
            count += consumer.poll(Duration.ofMillis(500)).count();
            if (count != events) {
                throw new IllegalStateException("Topics " + prefix + ".* hold " + count + " records, expected "
                        + events + "; end offsets " + consumer.endOffsets(partitions) + ", positions "
                        + partitions.stream()
                                .map(p -> p + "=" + consumer.position(p))
                                .toList());
            }
        }
        for (String index : INDEXES) {
            connect.kafka().deleteTopic(prefix + "." + index);
        }
    }
}
