package io.github.splunkdeltabridge.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import io.github.splunkdeltabridge.emulator.faults.FaultInjector;
import io.github.splunkdeltabridge.s3testkit.S3TestServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fault suite of the whole pipeline (profile {@code soak}; CONTRIBUTING.md gives the command).
 * A backfill runs through a Connect worker that is SIGKILLed several times at random points while the emulator
 * answers with random faults (503 quota, 429, streams cut mid-line, slow streams); the Delta table must then hold
 * exactly the emulator's events. With exactly-once source support Kafka itself must hold each event once; without
 * it Kafka may hold duplicates, which the Delta MERGE removes.
 */
@Tag("soak")
class PipelineFaultSoakIT {

    private static final int KILLS = 3;
    private final PrintStream out = System.out;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "exactly-once source: {0}")
    @ValueSource(booleans = {true, false})
    void theDeltaTableEqualsSplunkAfterWorkerKillsAndSplunkFaults(boolean exactlyOnce) throws Exception {
        String onlyMode = System.getProperty("soak.mode", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                onlyMode.isEmpty() || onlyMode.equals(exactlyOnce ? "exactly-once" : "at-least-once"),
                "-Dsoak.mode=" + onlyMode);
        long seed = Long.getLong("soak.seed", System.nanoTime());
        out.println("soak seed " + seed + " (rerun with -Dsoak.seed=" + seed + ")");
        Random random = new Random(seed);
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofMinutes(60));
        GeneratedDataset dataset = GeneratedDataset.builder()
                .seed(seed)
                .start(start.minus(Duration.ofHours(1)))
                .end(end.plus(Duration.ofHours(1)))
                .eventsPerMinute(40)
                .build();
        LocalSecrets secrets = LocalSecrets.loadOrCreate(dir);
        ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();

        try (SplunkEmulator emulator = SplunkEmulator.builder()
                        .port(0)
                        .token(secrets.emulatorToken())
                        .dataset(dataset)
                        .clock(Clock.fixed(end, ZoneOffset.UTC))
                        .build()
                        .start();
                S3TestServer s3 = LocalPipeline.startS3Server(dir.resolve("s3"), PortCheck.anyFree(), secrets);
                S3Objects landing = new S3Objects(s3.endpoint(), secrets, "splunk-archive");
                KafkaBroker broker = KafkaBroker.start(
                        dir.resolve("kafka"),
                        org.apache.kafka.common.Uuid.randomUuid().toString(),
                        PortCheck.anyFree(),
                        PortCheck.anyFree());
                KafkaTopicsView topics =
                        new KafkaTopicsView(broker.bootstrapServers(), Pattern.compile("splunk\\..*"))) {
            landing.createBucketIfMissing();
            TreeSet<String> expected =
                    EmulatorEvents.eventIds(emulator.baseUri(), secrets.emulatorToken(), dataset.indexes(), start, end);

            int restPort = PortCheck.anyFree();
            Map<String, String> settings = ConnectWorker.localSettings(
                    workerProperties(),
                    Path.of(System.getProperty("connect.plugins.dir")),
                    broker.bootstrapServers(),
                    restPort);
            settings.put("exactly.once.source.support", exactlyOnce ? "enabled" : "disabled");
            // After a SIGKILL the restarted worker waits until the killed producers' open transactions time out
            // (60 s by default) before its tasks resume; a shorter timeout lets the next kill land mid-backfill.
            settings.put("producer.transaction.timeout.ms", "15000");
            // The worker's log outlives the run (target/soak-worker-*), for reading after a failure.
            Path workerDir = Path.of("target", "soak-worker-" + (exactlyOnce ? "exactly-once" : "at-least-once"));
            try (ChildConnectWorker worker = new ChildConnectWorker(workerDir, settings, restPort)) {
                worker.start();
                ConnectorDeployer deployer = new ConnectorDeployer(worker.restUri());
                Map<String, String> source = ConnectorOverrides.source(
                        ConnectorOverrides.SplunkEndpoint.emulator(
                                emulator.baseUri(), List.copyOf(new TreeSet<>(dataset.indexes())), secrets),
                        start,
                        end,
                        false);
                source.put("splunk.slice.duration", "PT5M");
                source.put("splunk.retry.max.attempts", "20");
                source.put("exactly.once.support", exactlyOnce ? "required" : "requested");
                deployer.deploy(Path.of("..", "config", "splunk-source.json"), source);
                deployer.deploy(
                        Path.of("..", "config", "s3-sink.json"), ConnectorOverrides.sink(s3.endpoint(), secrets));

                assertSecretsNotInRestApi(worker, secrets);

                FaultInjector injector = emulator.faults();
                // Slow rows keep the backfill running long enough for the kills to land in the middle of it.
                injector.slowStream(Duration.ofMillis(3));
                faults.scheduleWithFixedDelay(() -> injectOne(injector, random), 1, 2, TimeUnit.SECONDS);
                // Kill points spread over the backfill: after a random share of the events has reached Kafka.
                double[] killAt = random.doubles(KILLS, 0.1, 0.9).sorted().toArray();
                for (int kill = 1; kill <= KILLS; kill++) {
                    long records = awaitRecords(topics, (long) (killAt[kill - 1] * expected.size()));
                    worker.kill();
                    out.printf(
                            "kill %d: SIGKILLed the worker with %,d of %,d events in Kafka%n",
                            kill, records, expected.size());
                    worker.start();
                }
                faults.shutdownNow();
                injector.clear();

                awaitLanded(topics, expected.size());
                OffsetsTopicDump.write(
                        broker.bootstrapServers(), "connect-offsets", workerDir.resolve("connect-offsets.txt"));
                long kafkaRecords = topics.countRecords();
                if (exactlyOnce) {
                    assertThat(kafkaRecords)
                            .as(
                                    "records in Kafka (read_committed); duplicates: %s",
                                    kafkaRecords == expected.size()
                                            ? "none"
                                            : Duplicates.describe(broker.bootstrapServers()))
                            .isEqualTo(expected.size());
                } else {
                    assertThat(kafkaRecords).as("records in Kafka").isGreaterThanOrEqualTo(expected.size());
                }
                out.printf("Kafka holds %,d records for %,d events%n", kafkaRecords, expected.size());
            }

            try (DeltaStep delta =
                    new DeltaStep(dir.resolve("delta"), s3.endpoint(), secrets, "splunk-archive", "topics", out)) {
                DeltaStep.TableSummary table = delta.ingestAndReport();
                assertThat(table.rows()).isEqualTo(expected.size());
                assertThat(table.distinctIds()).isEqualTo(expected.size());
                assertThat(table.idsDigest()).isEqualTo(EmulatorEvents.digest(expected));
            }
        } finally {
            faults.shutdownNow();
        }
    }

    /** One random fault for the next search request(s); each is one the connector must ride out. */
    private static void injectOne(FaultInjector injector, Random random) {
        switch (random.nextInt(5)) {
            case 0 -> injector.quotaExceeded(1);
            case 1 -> injector.tooManyRequests(1, Duration.ofSeconds(1));
            case 2 -> injector.dropConnectionAfterRows(1 + random.nextInt(300), 1);
            case 3 -> injector.slowStream(Duration.ofMillis(1 + random.nextInt(4)));
            default -> injector.expireSessions();
        }
    }

    /** Waits until Kafka holds at least {@code records} committed records (or a minute passes); answers the count. */
    private static long awaitRecords(KafkaTopicsView topics, long records) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        long count = topics.countRecords();
        while (count < records && System.nanoTime() < deadline) {
            Thread.sleep(200);
            count = topics.countRecords();
        }
        return count;
    }

    private static void awaitLanded(KafkaTopicsView topics, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (topics.countRecords() >= expected && topics.landedBy("connect-splunk-s3-sink")) {
                return;
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError(
                "The backfill did not land within 5 minutes: " + topics.countRecords() + " of " + expected);
    }

    private static java.util.Properties workerProperties() throws Exception {
        java.util.Properties properties = new java.util.Properties();
        try (var reader = java.nio.file.Files.newBufferedReader(Path.of("..", "config", "connect-worker.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    /** Connect returns connector configs as stored: the ${file:} references, never the values they resolve to. */
    private static void assertSecretsNotInRestApi(ChildConnectWorker worker, LocalSecrets secrets) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String resource : List.of(
                "connectors?expand=info&expand=status",
                "connectors/splunk-source/config",
                "connectors/splunk-s3-sink/config",
                "connectors/splunk-source/tasks")) {
            String body = http.send(
                            java.net.http.HttpRequest.newBuilder(
                                            worker.restUri().resolve(resource))
                                    .GET()
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(body)
                    .as(resource)
                    .doesNotContain(secrets.emulatorToken())
                    .doesNotContain(secrets.s3SecretAccessKey());
        }
    }
}
