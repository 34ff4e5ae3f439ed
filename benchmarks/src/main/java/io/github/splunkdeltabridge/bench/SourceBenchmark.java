package io.github.splunkdeltabridge.bench;

import io.github.splunkdeltabridge.cli.DurationConverter;
import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.EmulatedEvent;
import io.github.splunkdeltabridge.schema.KafkaTimestamp;
import io.github.splunkdeltabridge.schema.SplunkRecords;
import io.github.splunkdeltabridge.source.SplunkSourceConnector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Source end to end: the emulator's export read by the connector in a real Connect worker and written to a real
 * broker, both in this JVM (Kafka's {@code EmbeddedConnectCluster}), with 1 and with 2 tasks, against a plain
 * {@code KafkaProducer} sending the same records, already serialised, to the same broker. Target (issue 7): at least
 * 70% of the producer.
 *
 * <p>The connector runs with the settings of {@code config/splunk-source.json}: the three indexes, key as a string,
 * value as JSON with its schema, exactly-once (transactions per poll) unless {@code --exactly-once false}. Its time
 * runs from deploying the connector until every backfill slice has a committed {@code done} offset (read from the
 * worker's offsets topic as it is written), so it includes task start-up, the emulator generating the data and, at
 * least once, up to one offset flush interval (200 ms); after timing, a consumer (read_committed when exactly-once)
 * checks that the topics hold exactly the expected number of records. The producer's records are the same events mapped by
 * the connector's own {@code SplunkRecords} and serialised by the same converters, prepared before timing; it sends
 * them with its defaults ({@code acks=all}, idempotent) and its time ends when {@code flush()} returns.
 * Each round writes to new topics (1 partition each, created before timing), deleted afterwards. A third variant,
 * for diagnosis, has the producer serialise the same Connect records with the connector's converters inside the
 * timing: the part of the gap that any Connect pipeline writing JSON with schemas pays.
 */
@Command(
        name = "benchmarks/run source",
        sortOptions = false,
        showDefaultValues = true,
        description = "The connector in a Connect worker against a plain KafkaProducer sending the same records.")
public final class SourceBenchmark implements Callable<Integer> {

    private static final String[] INDEXES = {"web", "os", "app"};
    private static final double TARGET = 0.70;
    private static final String OFFSETS_TOPIC = "benchmark-connect-offsets";

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
            defaultValue = "15m",
            description = "splunk.slice.duration (" + DurationConverter.FORMS + ").")
    private Duration slice;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000", description = "splunk.batch.size.")
    private int batchSize;

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
            defaultValue = "1,2",
            description = "tasks.max values to measure, comma-separated.")
    private List<Integer> taskCounts;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "1", description = "Warm-up rounds, not counted.")
    private int warmups;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Measured rounds.")
    private int rounds;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Print this help and exit.")
    private boolean help;

    public static void main(String[] args) {
        BenchmarkCommandLine.run(new SourceBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        Machine.printHeader("Source end-to-end benchmark", spec);

        EmulatorData data = new EmulatorData(eventCount, 600);
        RecordSerializer serializer = new RecordSerializer();
        Map<String, List<SourceRecord>> connectRecords = connectRecords(data);
        Map<String, List<byte[][]>> serialized = new HashMap<>();
        connectRecords.forEach((topic, records) -> serialized.put(
                topic,
                records.stream()
                        .map(record -> serializer.serialize(topic, record))
                        .toList()));
        long events = serialized.values().stream().mapToLong(List::size).sum();
        long valueBytes = serialized.values().stream()
                .flatMap(List::stream)
                .mapToLong(r -> r[0].length + r[1].length)
                .sum();
        System.out.printf(
                Locale.ROOT,
                "  %,d events, %,d bytes of keys and values as Connect serialises them%n",
                events,
                valueBytes);

        // Slices are aligned to the epoch; the range starts at midnight. Every slice holds events.
        long slices = INDEXES.length
                * ((Duration.between(data.start(), data.end()).toMillis() + slice.toMillis() - 1) / slice.toMillis());
        EmbeddedConnectCluster connect = startCluster(exactlyOnce);
        try (SplunkEmulator emulator = SplunkEmulator.builder()
                .token(EmulatorData.TOKEN)
                .dataset(data.dataset())
                .build()
                .start()) {
            int[] round = {0};
            Comparison comparison = new Comparison(
                    String.format(
                            Locale.ROOT,
                            "Source end to end: %,d events, %s, %d rounds after %d warm-up",
                            events,
                            exactlyOnce ? "exactly-once" : "at-least-once",
                            rounds,
                            warmups),
                    "events");
            comparison.variant("baseline: KafkaProducer, pre-serialised", () -> {
                String prefix = "raw" + round[0]++;
                long nanos = timeProducer(connect, prefix, serialized, (topic, r) -> r);
                verifyAndDelete(connect, prefix, events, false);
                return new Comparison.Sample(events, valueBytes, nanos);
            });
            // Diagnostic: the share of the gap that is JsonConverter with schemas, which any Connect pipeline
            // writing this format pays (the connector's mapping to Connect records is still done beforehand).
            comparison.variant("KafkaProducer + Connect's converters in the loop", () -> {
                String prefix = "conv" + round[0]++;
                long nanos = timeProducer(connect, prefix, connectRecords, serializer::serialize);
                verifyAndDelete(connect, prefix, events, false);
                return new Comparison.Sample(events, valueBytes, nanos);
            });
            for (int taskCount : taskCounts) {
                comparison.variant("connector, " + taskCount + (taskCount == 1 ? " task" : " tasks"), () -> {
                    String prefix = "c" + taskCount + "-" + round[0]++;
                    createTopics(connect, prefix);
                    Map<String, String> config = connectorConfig(emulator, data, prefix, taskCount);
                    long t = System.nanoTime();
                    connect.configureConnector(prefix, config);
                    awaitAllCommitted(connect, prefix, events, slices);
                    long nanos = System.nanoTime() - t;
                    connect.deleteConnector(prefix);
                    verifyAndDelete(connect, prefix, events, exactlyOnce);
                    return new Comparison.Sample(events, valueBytes, nanos);
                });
            }
            comparison.run(warmups, rounds);
            comparison.printSummary();
            StringBuilder result = new StringBuilder("RESULT source events=" + events + " exactly_once=" + exactlyOnce
                    + String.format(
                            Locale.ROOT,
                            " producer_events_per_s=%.0f converters_in_loop_ratio=%.3f",
                            comparison.medianRate(comparison.baseline()),
                            comparison.ratio("KafkaProducer + Connect's converters in the loop")));
            for (int tasks : taskCounts) {
                String name = "connector, " + tasks + (tasks == 1 ? " task" : " tasks");
                double ratio = comparison.ratio(name);
                System.out.printf(
                        Locale.ROOT,
                        "Target for %s: at least %.0f%% of the producer: %s (%.1f%%)%n",
                        name,
                        TARGET * 100,
                        ratio >= TARGET ? "MET" : "NOT MET",
                        ratio * 100);
                result.append(String.format(
                        Locale.ROOT,
                        " tasks%d_events_per_s=%.0f tasks%d_ratio=%.3f",
                        tasks,
                        comparison.medianRate(name),
                        tasks,
                        ratio));
            }
            System.out.println(result);
        } finally {
            connect.stop();
        }
        Machine.printFooter();
        return 0;
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

    private Map<String, String> connectorConfig(SplunkEmulator emulator, EmulatorData data, String prefix, int tasks) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", SplunkSourceConnector.class.getName());
        config.put("tasks.max", Integer.toString(tasks));
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        config.put("splunk.url", emulator.baseUri().toString());
        config.put("splunk.token", EmulatorData.TOKEN);
        config.put("splunk.indexes", String.join(",", INDEXES));
        config.put("topic.template", prefix + ".${index}");
        config.put("splunk.backfill.start", data.start().toString());
        config.put("splunk.backfill.end", data.end().toString());
        config.put("splunk.slice.duration", slice.toString());
        config.put("splunk.batch.size", Integer.toString(batchSize));
        config.put("splunk.tail.enabled", "false");
        if (exactlyOnce) {
            config.put("exactly.once.support", "required");
            config.put("transaction.boundary", "poll");
        }
        return config;
    }

    /** Per index topic, the events of the range as the connector maps them to Connect records. */
    private static Map<String, List<SourceRecord>> connectRecords(EmulatorData data) {
        Map<String, List<SourceRecord>> byIndex = new HashMap<>();
        for (String index : INDEXES) {
            byIndex.put(index, new ArrayList<>());
        }
        for (Iterator<EmulatedEvent> it = data.events(); it.hasNext(); ) {
            SplunkEvent event = SplunkEvent.fromFields(it.next().toResultFields());
            String topic = event.index();
            byIndex.get(topic)
                    .add(SplunkRecords.toRecord(
                            event, topic, topic, "slice", Map.of(), Map.of(), KafkaTimestamp.INGEST));
        }
        return byIndex;
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
     * Sends the records to new topics {@code prefix.<index>} with a {@code KafkaProducer} (its defaults: acks=all,
     * idempotent), each turned into [key, value, headers] by {@code serialize} inside the timing; the time ends when
     * {@code flush()} returns.
     */
    private static <T> long timeProducer(
            EmbeddedConnectCluster connect,
            String prefix,
            Map<String, List<T>> records,
            java.util.function.BiFunction<String, T, byte[][]> serialize)
            throws Exception {
        createTopics(connect, prefix);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers());
        AtomicReference<Exception> failure = new AtomicReference<>();
        long nanos;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            long t = System.nanoTime();
            for (Map.Entry<String, List<T>> topic : records.entrySet()) {
                String name = prefix + "." + topic.getKey();
                for (T record : topic.getValue()) {
                    byte[][] r = serialize.apply(topic.getKey(), record);
                    RecordHeaders headers = new RecordHeaders();
                    headers.add(new RecordHeader(SplunkRecords.SEARCH_HEADER, r[2]));
                    headers.add(new RecordHeader(SplunkRecords.SOURCE_HEADER, r[3]));
                    producer.send(new ProducerRecord<>(name, null, null, r[0], r[1], headers), (m, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
            }
            producer.flush();
            nanos = System.nanoTime() - t;
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return nanos;
    }

    private static void createTopics(EmbeddedConnectCluster connect, String prefix) {
        for (String index : INDEXES) {
            connect.kafka().createTopic(prefix + "." + index, 1);
        }
    }

    /**
     * Until every backfill slice has a committed {@code done} offset, read from the worker's offsets topic. The
     * connector commits a slice's last offset with (exactly-once: in the same transaction as) or after
     * (at-least-once: once the broker acknowledged) its records, so then every record is in the topics.
     * (Connect's {@code GET /connectors/NAME/offsets} would be the documented way, but here it answered
     * {@code "offset": null} for every slice while the topic held their offsets.)
     */
    private static void awaitAllCommitted(EmbeddedConnectCluster connect, String connector, long events, long slices)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        Map<String, Boolean> doneByPartition = new HashMap<>();
        String keyPrefix = "[\"" + connector + "\",";
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
                            "Connector " + connector + " did not deliver " + events + " events in 30 minutes");
                }
                failIfTaskFailed(connect, connector);
                for (ConsumerRecord<byte[], byte[]> record : offsets.poll(Duration.ofMillis(50))) {
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    if (key.startsWith(keyPrefix) && key.contains("\"slice\"")) {
                        String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
                        doneByPartition.put(key, value.contains("\"done\":true"));
                    }
                }
                long done = doneByPartition.values().stream()
                        .filter(Boolean::booleanValue)
                        .count();
                if (done >= slices) {
                    return;
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
     * commit markers reach the data topics a moment after its offsets are readable, so this reads for up to 60 s.
     */
    private static void verifyAndDelete(
            EmbeddedConnectCluster connect, String prefix, long events, boolean readCommitted) {
        long count = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka()
                .createConsumer(Map.of(
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        readCommitted ? "read_committed" : "read_uncommitted",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000))) {
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
