package io.github.splunkdeltabridge.localstack;

import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the fault suite's tests share: the emulator over a backfill range, the child Connect worker's settings (the
 * shipped worker file made local), the source settings for the emulator and the wait until everything has landed.
 */
final class SoakWorkers {

    private SoakWorkers() {}

    /** Generated events from an hour before {@code start} to an hour after {@code end}, 40 a minute and index. */
    static GeneratedDataset dataset(long seed, Instant start, Instant end) {
        return GeneratedDataset.builder()
                .seed(seed)
                .start(start.minus(Duration.ofHours(1)))
                .end(end.plus(Duration.ofHours(1)))
                .eventsPerMinute(40)
                .build();
    }

    /**
     * Generated events for a backfill of {@code [start, end)} followed by a tail: from an hour before {@code start}
     * to an hour after {@code end}, 40 a minute and index, a twentieth of them indexed 3 to 30 s late (so the tail
     * picks up late events of the backfill range, and none before {@code start} reaches it).
     */
    static GeneratedDataset liveDataset(long seed, Instant start, Instant end) {
        return GeneratedDataset.builder()
                .seed(seed)
                .start(start.minus(Duration.ofHours(1)))
                .end(end.plus(Duration.ofHours(1)))
                .eventsPerMinute(40)
                .lateFraction(0.05)
                .lateness(Duration.ofSeconds(3), Duration.ofSeconds(30))
                .build();
    }

    /** The emulator on a free port, its clock standing at {@code end} so the range's content cannot drift. */
    static SplunkEmulator startEmulator(GeneratedDataset dataset, LocalSecrets secrets, Instant end) {
        return startEmulator(dataset, secrets, Clock.fixed(end, ZoneOffset.UTC));
    }

    /** The emulator on a free port with the given clock (an {@link IndexingClock} for a tail). */
    static SplunkEmulator startEmulator(GeneratedDataset dataset, LocalSecrets secrets, Clock clock) {
        return SplunkEmulator.builder()
                .port(0)
                .token(secrets.emulatorToken())
                .dataset(dataset)
                .clock(clock)
                .build()
                .start();
    }

    /** config/connect-worker.properties as the local stack runs it, for a worker in a JVM of its own. */
    static Map<String, String> workerSettings(String bootstrapServers, int restPort) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(Path.of("..", "config", "connect-worker.properties"))) {
            properties.load(reader);
        }
        Map<String, String> settings = ConnectWorker.localSettings(
                properties, Path.of(System.getProperty("connect.plugins.dir")), bootstrapServers, restPort);
        // After a SIGKILL the restarted worker waits until the killed producers' open transactions time out
        // (60 s by default) before its tasks resume; a shorter timeout lets the next fault land mid-backfill.
        settings.put("producer.transaction.timeout.ms", "15000");
        // Likewise the killed worker's sink consumers stay in their group until their session times out (45 s by
        // default): only then does the group give the restarted sink tasks their partitions.
        settings.put("consumer.session.timeout.ms", "10000");
        return settings;
    }

    /** The source's settings for a backfill of {@code [start, end)} from the emulator, in five-minute slices. */
    static Map<String, String> sourceSettings(
            SplunkEmulator emulator, GeneratedDataset dataset, LocalSecrets secrets, Instant start, Instant end) {
        return sourceSettings(emulator, dataset, secrets, start, end, false);
    }

    /** The same, followed by a tail from {@code end} on when {@code tail} (5 s polls, 5 s lag). */
    static Map<String, String> sourceSettings(
            SplunkEmulator emulator,
            GeneratedDataset dataset,
            LocalSecrets secrets,
            Instant start,
            Instant end,
            boolean tail) {
        Map<String, String> source = ConnectorOverrides.source(
                ConnectorOverrides.SplunkEndpoint.emulator(
                        emulator.baseUri(), List.copyOf(new TreeSet<>(dataset.indexes())), secrets),
                start,
                end,
                tail);
        source.put("splunk.slice.duration", "PT5M");
        return source;
    }

    /** Waits until Kafka holds at least {@code expected} records and the sink has committed past all of them. */
    static void awaitLanded(KafkaTopicsView topics, int expected, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (topics.countRecords() >= expected && topics.landedBy("connect-splunk-s3-sink")) {
                return;
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError("The backfill did not land within " + within + ": " + topics.countRecords() + " of "
                + expected + " events in Kafka");
    }

    /**
     * Waits until Kafka holds a record of every one of {@code eventIds} (the record key is the event id); duplicates
     * do not count, so this also holds without exactly-once support. Answers how many ids are missing at the end.
     */
    static int awaitKeys(String bootstrapServers, Set<String> eventIds, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Set<String> missing = new HashSet<>(eventIds);
        while (true) {
            CommittedRecords.forEach(bootstrapServers, topic -> topic.startsWith("splunk."), record -> {
                missing.remove(record.key());
            });
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                return missing.size();
            }
            Thread.sleep(2_000);
        }
    }
}
