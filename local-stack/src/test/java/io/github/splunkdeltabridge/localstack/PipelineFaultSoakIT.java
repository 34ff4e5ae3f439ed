package io.github.splunkdeltabridge.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import io.github.splunkdeltabridge.emulator.faults.FaultInjector;
import io.github.splunkdeltabridge.s3testkit.ObjectWrite;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fault suite of the whole pipeline (profile {@code soak}; CONTRIBUTING.md gives the command). A backfill runs
 * while, at seeded random points, each component fails: Splunk goes away (connections refused) and comes back, the S3
 * server stops and starts again on the same port and directory, the Kafka broker restarts, the Connect worker is
 * SIGKILLed, and the Delta job is SIGKILLed in the middle of a MERGE; all the while the emulator answers with random
 * faults (503 quota, 429, streams cut mid-line, slow streams, expired sessions). The source and sink tasks must stay
 * RUNNING through the Splunk and S3 outages. At the end the Delta table must hold exactly the Splunk range's event
 * ids, the reconcile command must pass, and S3 must have accepted each object key once. With exactly-once source
 * support Kafka itself must hold each event once; without it Kafka may hold duplicates, which the MERGE removes.
 */
@Tag("soak")
class PipelineFaultSoakIT {

    /** The faults of one run, each at a random point of the backfill; the worker is killed twice. */
    enum Fault {
        SPLUNK_OUTAGE("splunk"),
        S3_OUTAGE("s3"),
        BROKER_RESTART("broker"),
        WORKER_KILL("worker"),
        DELTA_JOB_KILL("delta");

        final String component;

        Fault(String component) {
            this.component = component;
        }
    }

    private static final List<Fault> PLAN = List.of(
            Fault.SPLUNK_OUTAGE,
            Fault.S3_OUTAGE,
            Fault.BROKER_RESTART,
            Fault.WORKER_KILL,
            Fault.WORKER_KILL,
            Fault.DELTA_JOB_KILL);

    private static final String BUCKET = "splunk-archive";
    private static final String SOURCE = "splunk-source";
    private static final String SINK = "splunk-s3-sink";
    private static final List<SoakReport.Mode> REPORTS = Collections.synchronizedList(new ArrayList<>());

    private final PrintStream out = System.out;

    @TempDir
    Path dir;

    @AfterAll
    static void printReport() {
        SoakReport.print(REPORTS, System.out);
    }

    @ParameterizedTest(name = "exactly-once source: {0}")
    @ValueSource(booleans = {true, false})
    void theDeltaTableEqualsSplunkAfterEveryComponentFails(boolean exactlyOnce) throws Exception {
        String mode = exactlyOnce ? "exactly-once" : "at-least-once";
        String onlyMode = System.getProperty("soak.mode", "");
        Assumptions.assumeTrue(onlyMode.isEmpty() || onlyMode.equals(mode), "-Dsoak.mode=" + onlyMode);
        long seed = Long.getLong("soak.seed", System.nanoTime());
        out.println("soak seed " + seed + " (rerun with -Dsoak.seed=" + seed + "), mode " + mode);
        Random random = new Random(seed);
        long began = System.nanoTime();
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofMinutes(60));
        GeneratedDataset dataset = SoakWorkers.dataset(seed, start, end);
        LocalSecrets secrets = LocalSecrets.loadOrCreate(dir);
        SoakReport.Mode report = new SoakReport.Mode(mode, seed);
        ScheduledExecutorService emulatorFaults = Executors.newSingleThreadScheduledExecutor();

        try (SplunkEmulator emulator = SoakWorkers.startEmulator(dataset, secrets, end);
                RestartableS3 s3 = new RestartableS3(dir.resolve("s3"), secrets);
                S3Objects landing = new S3Objects(s3.endpoint(), secrets, BUCKET);
                RestartableBroker broker = new RestartableBroker(dir.resolve("kafka"));
                KafkaTopicsView topics =
                        new KafkaTopicsView(broker.bootstrapServers(), Pattern.compile("splunk\\..*"))) {
            landing.createBucketIfMissing();
            TreeSet<String> expected =
                    EmulatorEvents.eventIds(emulator.baseUri(), secrets.emulatorToken(), dataset.indexes(), start, end);
            report.events = expected.size();

            int restPort = PortCheck.anyFree();
            Map<String, String> settings = SoakWorkers.workerSettings(broker.bootstrapServers(), restPort);
            settings.put("exactly.once.source.support", exactlyOnce ? "enabled" : "disabled");
            // The worker's log outlives the run (target/soak-worker-*), for reading after a failure.
            Path workerDir = Path.of("target", "soak-worker-" + mode);
            try (ChildConnectWorker worker = new ChildConnectWorker(workerDir, settings, restPort)) {
                worker.start();
                ConnectorDeployer deployer = new ConnectorDeployer(worker.restUri());
                Map<String, String> source = SoakWorkers.sourceSettings(emulator, dataset, secrets, start, end);
                source.put("splunk.retry.max.attempts", "20");
                // The production default (PT5M) would let one outage's backoff outlast the run; the behaviour
                // (wait, stay RUNNING, resume) is the same with a shorter cap.
                source.put("splunk.outage.backoff.max", "PT15S");
                source.put("exactly.once.support", exactlyOnce ? "required" : "requested");
                deployer.deploy(Path.of("..", "config", "splunk-source.json"), source);
                deployer.deploy(
                        Path.of("..", "config", "s3-sink.json"), ConnectorOverrides.sink(s3.endpoint(), secrets));

                assertSecretsNotInRestApi(worker, secrets);

                FaultInjector injector = emulator.faults();
                // Slow rows keep the backfill running long enough for the faults to land in the middle of it.
                injector.slowStream(Duration.ofMillis(25));
                emulatorFaults.scheduleWithFixedDelay(() -> injectOne(injector, random), 1, 2, TimeUnit.SECONDS);

                List<Fault> plan = plan(random);
                double[] at = random.doubles(plan.size(), 0.1, 0.9).sorted().toArray();
                out.println("fault plan: " + plan);
                CompletableFuture<Boolean> deltaKill = null;
                for (int i = 0; i < plan.size(); i++) {
                    Fault fault = plan.get(i);
                    long records = awaitRecords(topics, (long) (at[i] * expected.size()));
                    out.printf(
                            "fault %d (%s) with %,d of %,d events in Kafka%n", i + 1, fault, records, expected.size());
                    boolean survived = switch (fault) {
                        case SPLUNK_OUTAGE -> splunkOutage(injector, deployer, random);
                        case S3_OUTAGE -> s3Outage(s3, deployer, random);
                        case BROKER_RESTART -> brokerRestart(broker, deployer, random);
                        case WORKER_KILL -> workerKill(worker);
                        case DELTA_JOB_KILL -> {
                            // In the background: the source keeps streaming while the job runs and dies.
                            Duration afterMergeStarts = Duration.ofMillis(random.nextInt(3_000));
                            deltaKill =
                                    CompletableFuture.supplyAsync(() -> deltaJobKill(s3, secrets, afterMergeStarts));
                            yield false;
                        }
                    };
                    if (survived) {
                        report.survived(fault);
                    }
                }
                if (deltaKill != null && deltaKill.get(10, TimeUnit.MINUTES)) {
                    report.survived(Fault.DELTA_JOB_KILL);
                }
                emulatorFaults.shutdownNow();
                injector.clear();

                SoakWorkers.awaitLanded(topics, expected.size(), Duration.ofMinutes(5));
                OffsetsTopicDump.write(
                        broker.bootstrapServers(), "connect-offsets", workerDir.resolve("connect-offsets.txt"));
                long kafkaRecords = topics.countRecords();
                report.kafkaRecords = kafkaRecords;
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

            List<String> keysWritten = s3.writes().stream()
                    .filter(write -> write.bucket().equals(BUCKET))
                    .map(ObjectWrite::key)
                    .toList();
            report.s3Writes = keysWritten.size();
            report.s3Refused = s3.refusedWrites().size();
            assertThat(keysWritten).as("S3 object keys written").doesNotHaveDuplicates();
            assertThat(s3.server().keys(BUCKET)).containsExactlyInAnyOrderElementsOf(keysWritten);

            Path table;
            try (DeltaStep delta = new DeltaStep(dir.resolve("delta"), s3.endpoint(), secrets, BUCKET, "topics", out)) {
                DeltaStep.TableSummary summary = delta.ingestAndReport();
                report.deltaRows = summary.rows();
                assertThat(summary.rows()).as("Delta rows").isEqualTo(expected.size());
                assertThat(summary.distinctIds()).as("distinct event ids").isEqualTo(expected.size());
                assertThat(summary.idsDigest()).as("event id digest").isEqualTo(EmulatorEvents.digest(expected));
                table = summary.path();
            }
            try (ReconcileStep reconcile =
                    new ReconcileStep(dir, Map.of("SPLUNK_TOKEN", secrets.emulatorToken()), out)) {
                ReconcileStep.Verdict verdict = reconcile.run(
                        ConnectorOverrides.SplunkEndpoint.emulator(
                                emulator.baseUri(), List.copyOf(new TreeSet<>(dataset.indexes())), secrets),
                        start,
                        end,
                        table,
                        null,
                        null,
                        null);
                report.reconcile = verdict.line();
                assertThat(verdict.allMatch()).as(verdict.line()).isTrue();
            }
            report.elapsed = Duration.ofNanos(System.nanoTime() - began);
            REPORTS.add(report);
        } finally {
            emulatorFaults.shutdownNow();
        }
    }

    /** The run's faults in a seeded random order; {@code -Dsoak.faults=splunk,s3,...} keeps only those components. */
    private static List<Fault> plan(Random random) {
        String only = System.getProperty("soak.faults", "");
        Set<String> components = only.isBlank()
                ? Arrays.stream(Fault.values()).map(f -> f.component).collect(Collectors.toSet())
                : Set.of(only.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        List<Fault> plan = new ArrayList<>(
                PLAN.stream().filter(f -> components.contains(f.component)).toList());
        Collections.shuffle(plan, random);
        return plan;
    }

    /**
     * Splunk goes away for 20 to 60 seconds (connections refused, streams in flight cut) and comes back on the same
     * port. The source's tasks must stay RUNNING throughout and after: an outage is waited out, not a failure.
     */
    private boolean splunkOutage(FaultInjector injector, ConnectorDeployer deployer, Random random)
            throws InterruptedException {
        Duration down = Duration.ofSeconds(20 + random.nextInt(41));
        awaitRunning(deployer, SOURCE, SINK);
        injector.outage(down);
        out.printf("  Splunk refuses connections for %s%n", down);
        // Past the outage by the longest backoff, so the task's first attempts after it are watched too.
        watchRunning(deployer, down.plusSeconds(20), SOURCE, SINK);
        return true;
    }

    /** The S3 server stops for 10 to 40 seconds (uploads fail), then starts on the same port and directory. */
    private boolean s3Outage(RestartableS3 s3, ConnectorDeployer deployer, Random random) throws InterruptedException {
        Duration down = Duration.ofSeconds(10 + random.nextInt(31));
        awaitRunning(deployer, SOURCE, SINK);
        s3.stop();
        out.printf("  S3 server stopped for %s%n", down);
        try {
            watchRunning(deployer, down, SOURCE, SINK);
        } finally {
            s3.start();
        }
        watchRunning(deployer, Duration.ofSeconds(15), SOURCE, SINK);
        return true;
    }

    /** The broker shuts down and starts again after 5 to 15 seconds, with its log directory (and data) kept. */
    private boolean brokerRestart(RestartableBroker broker, ConnectorDeployer deployer, Random random)
            throws InterruptedException {
        Duration down = Duration.ofSeconds(5 + random.nextInt(11));
        awaitRunning(deployer, SOURCE, SINK);
        broker.stop();
        out.printf("  Kafka broker stopped for %s%n", down);
        Thread.sleep(down.toMillis());
        broker.start();
        // The worker's group rebalances a few seconds after the broker is back and restarts the tasks; the next
        // fault waits for that, so faults come one at a time (a sink task started while S3 is down fails today).
        Thread.sleep(Duration.ofSeconds(20).toMillis());
        awaitRunning(deployer, SOURCE, SINK);
        return true;
    }

    private boolean workerKill(ChildConnectWorker worker) throws Exception {
        worker.kill();
        out.println("  SIGKILLed the Connect worker");
        worker.start();
        return true;
    }

    /**
     * The Delta job runs over what has landed so far and is SIGKILLed 0 to 3 seconds into its first MERGE; the final
     * run later takes up its checkpoint. Counts only when the kill, not the job's end, stopped it. Runs while the
     * other faults go on.
     */
    private boolean deltaJobKill(RestartableS3 s3, LocalSecrets secrets, Duration afterMergeStarts) {
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (s3.writes().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        out.printf("  running the Delta job, to be SIGKILLed %s after its MERGE starts%n", afterMergeStarts);
        boolean killed = new DeltaJobKiller(
                        dir.resolve("delta"), s3.endpoint(), secrets, "s3a://" + BUCKET + "/topics", out)
                .runAndKillDuringMerge(afterMergeStarts);
        out.println(killed ? "  SIGKILLed the Delta job during its MERGE" : "  the Delta job finished before the kill");
        return killed;
    }

    /** Waits up to three minutes for the connectors and all their tasks to be RUNNING (a worker may be starting). */
    private static void awaitRunning(ConnectorDeployer deployer, String... connectors) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (String connector : connectors) {
            ConnectorDeployer.ConnectorStatus status = deployer.status(connector);
            while (!status.running()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(connector + " is not RUNNING after three minutes: " + status);
                }
                Thread.sleep(1_000);
                status = deployer.status(connector);
            }
        }
    }

    /** Checks every second for {@code period} that the connectors and all their tasks are RUNNING. */
    private static void watchRunning(ConnectorDeployer deployer, Duration period, String... connectors)
            throws InterruptedException {
        long deadline = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < deadline) {
            for (String connector : connectors) {
                // status() throws with Connect's trace when the connector or a task has FAILED.
                ConnectorDeployer.ConnectorStatus status = deployer.status(connector);
                assertThat(status.running())
                        .as("%s stays RUNNING: %s", connector, status)
                        .isTrue();
            }
            Thread.sleep(1_000);
        }
    }

    /** One random fault for the next search request(s); each is one the connector must ride out. */
    private static void injectOne(FaultInjector injector, Random random) {
        switch (random.nextInt(5)) {
            case 0 -> injector.quotaExceeded(1);
            case 1 -> injector.tooManyRequests(1, Duration.ofSeconds(1));
            case 2 -> injector.dropConnectionAfterRows(1 + random.nextInt(300), 1);
            case 3 -> injector.slowStream(Duration.ofMillis(15 + random.nextInt(21)));
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

    /** Connect returns connector configs as stored: the ${file:} references, never the values they resolve to. */
    private static void assertSecretsNotInRestApi(ChildConnectWorker worker, LocalSecrets secrets) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String resource : List.of(
                "connectors?expand=info&expand=status",
                "connectors/" + SOURCE + "/config",
                "connectors/" + SINK + "/config",
                "connectors/" + SOURCE + "/tasks")) {
            String body = http.send(
                            HttpRequest.newBuilder(worker.restUri().resolve(resource))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(body)
                    .as(resource)
                    .doesNotContain(secrets.emulatorToken())
                    .doesNotContain(secrets.s3SecretAccessKey());
        }
    }
}
