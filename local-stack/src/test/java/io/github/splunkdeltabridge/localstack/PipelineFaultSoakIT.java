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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
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
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fault suite of the whole pipeline (profile {@code soak}; CONTRIBUTING.md gives the command). A backfill runs,
 * with the tail following index time from its end while the emulator indexes live events, and at seeded random points
 * of the backfill each component fails: Splunk goes away (connections refused) and comes back, the S3 server stops and
 * starts again on the same port and directory, the Kafka broker restarts, the Connect worker is SIGKILLed, the Delta
 * job is SIGKILLed in the middle of a MERGE, and the sink's local buffer directory is replaced by a file. Then, during
 * the tail, Splunk goes away again, and S3 stops while the worker is SIGKILLed and started again (overlapping). All
 * the while the emulator answers with random faults (503 quota, 429, streams cut mid-line, slow streams, expired
 * sessions). The source and sink tasks must stay RUNNING through the Splunk, S3 and buffer directory failures. At the
 * end the emulator stops indexing; the Delta table must hold exactly the ids of the events of the backfill range and
 * of everything indexed after it up to that stop, the reconcile command must pass over the whole range, and S3 must
 * have accepted each object key once. With exactly-once source support Kafka itself must hold each event once;
 * without it Kafka may hold duplicates, which the MERGE removes.
 */
@Tag("soak")
class PipelineFaultSoakIT {

    /** The faults of one run; {@code component} names what fails, for {@code -Dsoak.faults} and the report. */
    enum Fault {
        SPLUNK_OUTAGE("splunk"),
        S3_OUTAGE("s3"),
        BROKER_RESTART("broker"),
        WORKER_KILL("worker"),
        DELTA_JOB_KILL("delta"),
        BUFFER_DIR_FAILURE("buffer"),
        /** Overlapping: S3 stops, and while it is down the worker is SIGKILLed and started again. */
        S3_OUTAGE_AND_WORKER_KILL("s3+worker");

        final String component;

        Fault(String component) {
            this.component = component;
        }
    }

    /** Each at a random point of the backfill; the worker is killed twice. */
    private static final List<Fault> BACKFILL_PLAN = List.of(
            Fault.SPLUNK_OUTAGE,
            Fault.S3_OUTAGE,
            Fault.BROKER_RESTART,
            Fault.WORKER_KILL,
            Fault.WORKER_KILL,
            Fault.DELTA_JOB_KILL,
            Fault.BUFFER_DIR_FAILURE);

    /** One after the other once the backfill's faults are done, while the tail reads live events. */
    private static final List<Fault> TAIL_PLAN = List.of(Fault.SPLUNK_OUTAGE, Fault.S3_OUTAGE_AND_WORKER_KILL);

    /**
     * The source's request retries are spent within about 5 s (attempts after 1, 2 and 2 s, each ±20 %), so a Splunk
     * outage of 10 s or more outlasts them and the task takes its outage path (keep positions, wait, stay RUNNING),
     * which the outage fault checks in the worker's log. The production default for the outage's backoff cap (PT5M)
     * would let one outage's backoff outlast the run; the behaviour (wait, stay RUNNING, resume) is the same with a
     * cap of 5 s.
     */
    private static final Map<String, String> SPLUNK_RETRIES = Map.of(
            "splunk.retry.max.attempts", "4",
            "splunk.retry.backoff.initial", "PT1S",
            "splunk.retry.backoff.max", "PT2S",
            "splunk.outage.backoff.max", "PT5S");

    /** How long a fault waits at most for the pipeline to show that the fault took effect, or that it recovered. */
    private static final Duration CONDITION_TIMEOUT = Duration.ofSeconds(90);

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
        GeneratedDataset dataset = SoakWorkers.liveDataset(seed, start, end);
        IndexingClock splunkClock = new IndexingClock();
        LocalSecrets secrets = LocalSecrets.loadOrCreate(dir);
        SoakReport.Mode report = new SoakReport.Mode(mode, seed);
        report.phase("start-up");
        ScheduledExecutorService emulatorFaults = Executors.newSingleThreadScheduledExecutor();
        Path bufferDir = dir.resolve("sink-buffer").toAbsolutePath();
        Instant indexingStopped;

        try (SplunkEmulator emulator = SoakWorkers.startEmulator(dataset, secrets, splunkClock);
                RestartableS3 s3 = new RestartableS3(dir.resolve("s3"), secrets);
                S3Objects landing = new S3Objects(s3.endpoint(), secrets, BUCKET);
                RestartableBroker broker = new RestartableBroker(dir.resolve("kafka"));
                KafkaTopicsView topics =
                        new KafkaTopicsView(broker.bootstrapServers(), Pattern.compile("splunk\\..*"))) {
            landing.createBucketIfMissing();
            // What the backfill reads (indexed before its end); the tail adds late ones and everything newer.
            int backfillEvents = EmulatorEvents.eventIds(
                            emulator.baseUri(), secrets.emulatorToken(), dataset.indexes(), start, end)
                    .size();
            report.backfillEvents = backfillEvents;
            TreeSet<String> expected;

            int restPort = PortCheck.anyFree();
            Map<String, String> settings = SoakWorkers.workerSettings(broker.bootstrapServers(), restPort);
            settings.put("exactly.once.source.support", exactlyOnce ? "enabled" : "disabled");
            // The worker's log outlives the run (target/soak-worker-*), for reading after a failure.
            Path workerDir = Path.of("target", "soak-worker-" + mode);
            try (ChildConnectWorker worker = new ChildConnectWorker(workerDir, settings, restPort)) {
                worker.start();
                ConnectorDeployer deployer = new ConnectorDeployer(worker.restUri());
                FaultInjector injector = emulator.faults();
                // Slow rows keep the backfill running long enough for the faults to land in the middle of it; set
                // before the source starts, so its first exports are slow too.
                injector.slowStream(Duration.ofMillis(25));
                Map<String, String> source = SoakWorkers.sourceSettings(emulator, dataset, secrets, start, end, true);
                source.putAll(SPLUNK_RETRIES);
                source.put("exactly.once.support", exactlyOnce ? "required" : "requested");
                deployer.deploy(Path.of("..", "config", "splunk-source.json"), source);
                Map<String, String> sink = ConnectorOverrides.sink(s3.endpoint(), secrets);
                // A directory of its own, which the buffer fault replaces by a file.
                sink.put("local.buffer.dir", bufferDir.toString());
                deployer.deploy(Path.of("..", "config", "s3-sink.json"), sink);

                assertSecretsNotInRestApi(worker, secrets);

                // A generator of its own: the plan's draws stay the same whatever the timing of this thread's.
                Random emulatorRandom = new Random(seed ^ 0x5DEECE66DL);
                emulatorFaults.scheduleWithFixedDelay(
                        () -> injectOne(injector, emulatorRandom), 1, 2, TimeUnit.SECONDS);

                List<Fault> plan = plan(BACKFILL_PLAN, random);
                List<Fault> tailPlan = plan(TAIL_PLAN, random);
                // The Delta job's run is not one of the faults that come one at a time: it starts in the background
                // once the first objects have landed (on a loaded 2-core machine its JVM and Spark take minutes to
                // reach the first MERGE), and the source keeps streaming while it runs and dies.
                boolean killDeltaJob = plan.remove(Fault.DELTA_JOB_KILL);
                Duration afterMergeStarts = Duration.ofMillis(random.nextInt(3_000));
                // Kafka's count, which the faults wait for, includes the tail's records (and without exactly-once
                // duplicates): points up to 70 % keep the last fault inside the backfill.
                double[] at = random.doubles(plan.size(), 0.1, 0.7).sorted().toArray();
                out.println("fault plan: " + plan + ", then during the tail " + tailPlan
                        + (killDeltaJob ? "; the Delta job runs from the first landed objects and is killed" : ""));
                report.phase("backfill with faults");
                CompletableFuture<Boolean> deltaKill = killDeltaJob
                        ? CompletableFuture.supplyAsync(() -> deltaJobKill(s3, secrets, afterMergeStarts, began))
                        : CompletableFuture.completedFuture(false);
                for (int i = 0; i < plan.size(); i++) {
                    Fault fault = plan.get(i);
                    long records = awaitRecords(topics, (long) (at[i] * backfillEvents));
                    int backfillRead = backfillEventsInKafka(broker.bootstrapServers());
                    report.backfillReadAtFault(backfillRead);
                    out.printf(
                            "fault %d (%s) with %,d records in Kafka, %,d of the %,d backfill events, %d s into the run%n",
                            i + 1, fault, records, backfillRead, backfillEvents, secondsSince(began));
                    if (inflict(fault, injector, s3, broker, worker, deployer, bufferDir, random)) {
                        report.survived(fault);
                    }
                }
                // The tail has been reading since the start; these faults come after the backfill's, around its end.
                report.phase("tail with faults");
                for (Fault fault : tailPlan) {
                    Thread.sleep(1_000 + random.nextInt(3_000));
                    out.printf(
                            "tail fault %s with %,d records in Kafka, %d s into the run%n",
                            fault, topics.countRecords(), secondsSince(began));
                    if (inflict(fault, injector, s3, broker, worker, deployer, bufferDir, random)) {
                        report.survivedInTail(fault);
                    }
                }
                report.phase("wait for the killed Delta job");
                if (deltaKill.get(10, TimeUnit.MINUTES)) {
                    report.survived(Fault.DELTA_JOB_KILL);
                }
                report.phase("drain");
                emulatorFaults.shutdownNow();
                injector.clear();

                // Splunk indexes nothing more: the events of the backfill range and everything indexed after it up
                // to now is what the tail must deliver in full.
                indexingStopped = splunkClock.stop();
                Instant rangeEnd = indexingStopped.plusSeconds(1);
                expected = EmulatorEvents.eventIds(
                        emulator.baseUri(), secrets.emulatorToken(), dataset.indexes(), start, rangeEnd);
                report.events = expected.size();
                out.printf(
                        "Splunk stopped indexing at %s: %,d events from %s on (%,d of them after the backfill)%n",
                        indexingStopped, expected.size(), start, expected.size() - backfillEvents);
                int missing = SoakWorkers.awaitKeys(broker.bootstrapServers(), expected, Duration.ofMinutes(5));
                assertThat(missing)
                        .as("events the tail did not deliver to Kafka")
                        .isZero();
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
                report.phase("worker stop");
            }
            report.phase("S3 checks");

            List<String> keysWritten = s3.writes().stream()
                    .filter(write -> write.bucket().equals(BUCKET))
                    .map(ObjectWrite::key)
                    .toList();
            report.s3Writes = keysWritten.size();
            report.s3Refused = s3.refusedWrites().size();
            assertThat(keysWritten).as("S3 object keys written").doesNotHaveDuplicates();
            assertThat(s3.server().keys(BUCKET)).containsExactlyInAnyOrderElementsOf(keysWritten);

            report.phase("final Delta run");
            Path table;
            try (DeltaStep delta = new DeltaStep(dir.resolve("delta"), s3.endpoint(), secrets, BUCKET, "topics", out)) {
                DeltaStep.TableSummary summary = delta.ingestAndReport();
                report.deltaRows = summary.rows();
                assertThat(summary.rows()).as("Delta rows").isEqualTo(expected.size());
                assertThat(summary.distinctIds()).as("distinct event ids").isEqualTo(expected.size());
                assertThat(summary.idsDigest()).as("event id digest").isEqualTo(EmulatorEvents.digest(expected));
                table = summary.path();
            }
            report.phase("reconcile");
            try (ReconcileStep reconcile =
                    new ReconcileStep(dir, Map.of("SPLUNK_TOKEN", secrets.emulatorToken()), out)) {
                // Over the backfill range and the tail's, to the minute after indexing stopped.
                ReconcileStep.Verdict verdict = reconcile.run(
                        ConnectorOverrides.SplunkEndpoint.emulator(
                                emulator.baseUri(), List.copyOf(new TreeSet<>(dataset.indexes())), secrets),
                        start,
                        indexingStopped.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)),
                        table,
                        null,
                        null,
                        null);
                report.reconcile = verdict.line();
                assertThat(verdict.allMatch()).as(verdict.line()).isTrue();
            }
            report.endPhase();
            report.elapsed = Duration.ofNanos(System.nanoTime() - began);
            REPORTS.add(report);
        } finally {
            emulatorFaults.shutdownNow();
        }
    }

    /**
     * The faults of a plan in a seeded random order; {@code -Dsoak.faults=splunk,s3,...} keeps only those components
     * (an overlapping fault when all of its components are named).
     */
    private static List<Fault> plan(List<Fault> faults, Random random) {
        String only = System.getProperty("soak.faults", "");
        Set<String> components = only.isBlank()
                ? Arrays.stream(Fault.values()).map(f -> f.component).collect(Collectors.toSet())
                : Set.of(only.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        List<Fault> plan = new ArrayList<>(faults.stream()
                .filter(f -> components.contains(f.component)
                        || components.containsAll(Arrays.asList(f.component.split("\\+"))))
                .toList());
        Collections.shuffle(plan, random);
        return plan;
    }

    /** Inflicts one fault (not the Delta job's, which runs in the background); answers whether it counts. */
    private boolean inflict(
            Fault fault,
            FaultInjector injector,
            RestartableS3 s3,
            RestartableBroker broker,
            ChildConnectWorker worker,
            ConnectorDeployer deployer,
            Path bufferDir,
            Random random)
            throws Exception {
        return switch (fault) {
            case SPLUNK_OUTAGE -> splunkOutage(injector, worker, deployer, random);
            case S3_OUTAGE -> s3Outage(s3, worker, deployer, random);
            case BROKER_RESTART -> brokerRestart(broker, worker, deployer, random);
            case WORKER_KILL -> workerKill(worker);
            case BUFFER_DIR_FAILURE -> bufferDirFailure(bufferDir, s3, worker, deployer, random);
            case S3_OUTAGE_AND_WORKER_KILL -> s3OutageWithWorkerKill(s3, worker, deployer, random);
            case DELTA_JOB_KILL -> throw new IllegalArgumentException("the Delta job is killed in the background");
        };
    }

    /**
     * The sink's local buffer directory is replaced by a regular file for 5 to 15 seconds, and longer until the sink
     * has warned about it (its files gone, as on a failed disk), then an empty directory is put back. The tasks must
     * stay RUNNING; the sink rewinds to what is not in S3 and writes it again once the directory is back, which the
     * fault waits for. Counts only when the worker logged the sink's warning.
     */
    private boolean bufferDirFailure(
            Path bufferDir, RestartableS3 s3, ChildConnectWorker worker, ConnectorDeployer deployer, Random random)
            throws Exception {
        Duration broken = Duration.ofSeconds(5 + random.nextInt(11));
        awaitRunning(deployer, SOURCE, SINK);
        long warningsBefore = worker.logLines(PipelineFaultSoakIT::bufferWarning);
        Path away = bufferDir.resolveSibling(bufferDir.getFileName() + "-gone");
        Files.move(bufferDir, away);
        Files.writeString(bufferDir, "local.buffer.dir replaced by a file by the fault suite");
        out.printf("  local.buffer.dir %s replaced by a file for %s, and until the sink warns%n", bufferDir, broken);
        try {
            watchRunningUntil(
                    deployer,
                    broken,
                    () -> worker.logLines(PipelineFaultSoakIT::bufferWarning) > warningsBefore,
                    SOURCE,
                    SINK);
        } finally {
            Files.delete(bufferDir);
            Files.createDirectory(bufferDir);
            try (var files = Files.list(away)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(away);
        }
        long warnings = worker.logLines(PipelineFaultSoakIT::bufferWarning) - warningsBefore;
        out.printf("  the sink warned %d time(s) about local.buffer.dir%n", warnings);
        // Past the sink's next retry (5 s after a failure), which finds the directory back and lands files again.
        int writesBefore = s3.server().writes().size();
        long began = System.nanoTime();
        boolean landed = watchRunningUntil(
                deployer, Duration.ZERO, () -> s3.server().writes().size() > writesBefore, SOURCE, SINK);
        assertThat(landed)
                .as("the sink landed an object within %s of local.buffer.dir coming back", CONDITION_TIMEOUT)
                .isTrue();
        out.printf("  the sink landed an object again %d s later%n", secondsSince(began));
        return warnings > 0;
    }

    /** The sink's WARN when its local.buffer.dir failed. */
    private static boolean bufferWarning(String line) {
        return line.contains("WARN") && line.contains("local.buffer.dir") && line.contains("failed");
    }

    /**
     * Overlapping faults: S3 stops, and 0 to 3 seconds in, the worker is SIGKILLed and started again, so its tasks
     * start while S3 is down. They must reach RUNNING and stay so for 5 to 15 seconds more; the outage then ends, and
     * they must stay RUNNING until the sink lands an object. Counts when the tasks were RUNNING before S3 came back.
     */
    private boolean s3OutageWithWorkerKill(
            RestartableS3 s3, ChildConnectWorker worker, ConnectorDeployer deployer, Random random) throws Exception {
        Duration beforeKill = Duration.ofMillis(random.nextInt(3_000));
        Duration runningDuringOutage = Duration.ofSeconds(5 + random.nextInt(11));
        awaitRunning(deployer, SOURCE, SINK);
        long stopped = System.nanoTime();
        s3.stop();
        out.printf(
                "  S3 server stopped; the worker is killed %s in, and the outage lasts until its tasks have been"
                        + " RUNNING for %s%n",
                beforeKill, runningDuringOutage);
        try {
            Thread.sleep(beforeKill.toMillis());
            worker.kill();
            out.println("  SIGKILLed the Connect worker");
            worker.start();
            awaitRunning(deployer, SOURCE, SINK);
            out.printf("  tasks RUNNING again %d s into the outage%n", secondsSince(stopped));
            watchRunning(deployer, runningDuringOutage, SOURCE, SINK);
        } finally {
            s3.start();
        }
        out.printf(
                "  S3 back %d s after it stopped; the restarted sink's uploads %s%n",
                secondsSince(stopped),
                worker.logLines(PipelineFaultSoakIT::uploadFailed) > 0 ? "had failed" : "had not failed yet");
        awaitLandingAgain(s3, deployer);
        return true;
    }

    /**
     * Splunk goes away for 10 to 20 seconds (connections refused, streams in flight cut), longer than the source's
     * request retries last ({@link #SPLUNK_RETRIES}), and comes back on the same port. The source's tasks must stay
     * RUNNING throughout and after: an outage is waited out, not a failure. Counts only when a task logged that it
     * took its outage path during the outage, and every task that did logged that Splunk was available again.
     */
    private boolean splunkOutage(
            FaultInjector injector, ChildConnectWorker worker, ConnectorDeployer deployer, Random random)
            throws Exception {
        Duration down = Duration.ofSeconds(10 + random.nextInt(11));
        awaitRunning(deployer, SOURCE, SINK);
        long unavailableBefore = worker.logLines(PipelineFaultSoakIT::splunkUnavailable);
        long availableBefore = worker.logLines(PipelineFaultSoakIT::splunkAvailableAgain);
        injector.outage(down);
        out.printf("  Splunk refuses connections for %s%n", down);
        watchRunning(deployer, down, SOURCE, SINK);
        long unavailable = worker.logLines(PipelineFaultSoakIT::splunkUnavailable) - unavailableBefore;
        out.printf("  %d source task(s) took the outage path%n", unavailable);
        // Past the outage until each of those tasks read from Splunk again, so its first attempts after it are
        // watched too.
        boolean recovered = watchRunningUntil(
                deployer,
                Duration.ZERO,
                () -> worker.logLines(PipelineFaultSoakIT::splunkAvailableAgain) - availableBefore >= unavailable,
                SOURCE,
                SINK);
        out.printf("  the source %s%n", recovered ? "read from Splunk again" : "did not log its recovery");
        return unavailable > 0 && recovered;
    }

    /** The source task's WARN when a request's retries are spent on an unavailable Splunk (SplunkOutage). */
    private static boolean splunkUnavailable(String line) {
        return line.contains("WARN") && line.contains("Splunk is unavailable");
    }

    private static boolean splunkAvailableAgain(String line) {
        return line.contains("Splunk is available again after");
    }

    /**
     * The S3 server stops for 5 to 15 seconds, and longer until an upload has failed (the sink's request retries,
     * 1.4 s, are spent and it keeps the file to upload again), then starts on the same port and directory. The tasks
     * must stay RUNNING until the sink has landed an object again. Counts only when an upload failed during the outage.
     */
    private boolean s3Outage(RestartableS3 s3, ChildConnectWorker worker, ConnectorDeployer deployer, Random random)
            throws Exception {
        Duration down = Duration.ofSeconds(5 + random.nextInt(11));
        awaitRunning(deployer, SOURCE, SINK);
        long failedBefore = worker.logLines(PipelineFaultSoakIT::uploadFailed);
        s3.stop();
        out.printf("  S3 server stopped for %s, and until an upload fails%n", down);
        boolean uploadFailed;
        try {
            uploadFailed = watchRunningUntil(
                    deployer,
                    down,
                    () -> worker.logLines(PipelineFaultSoakIT::uploadFailed) > failedBefore,
                    SOURCE,
                    SINK);
        } finally {
            s3.start();
        }
        out.printf("  S3 back; %s%n", uploadFailed ? "uploads had failed" : "no upload failed during the outage");
        awaitLandingAgain(s3, deployer);
        return uploadFailed;
    }

    /** The sink's WARN, or Connect's log of its retriable error, when an upload to S3 failed for the network. */
    private static boolean uploadFailed(String line) {
        return line.contains("Upload of")
                && line.contains("failed")
                && (line.contains("SdkClientException") || line.contains("Unable to execute HTTP request"));
    }

    /** Watches the tasks stay RUNNING until the S3 server running now has accepted an object from the sink. */
    private void awaitLandingAgain(RestartableS3 s3, ConnectorDeployer deployer) throws Exception {
        long began = System.nanoTime();
        boolean landed = watchRunningUntil(
                deployer, Duration.ZERO, () -> !s3.server().writes().isEmpty(), SOURCE, SINK);
        assertThat(landed)
                .as("the sink landed an object within %s of S3 coming back", CONDITION_TIMEOUT)
                .isTrue();
        out.printf("  the sink landed an object again %d s later%n", secondsSince(began));
    }

    /**
     * The broker shuts down and starts again after 5 to 10 seconds, with its log directory (and data) kept. The
     * worker finds its group coordinator unreachable for 3 s and revokes its tasks; once the broker is back its group
     * rebalances and starts them again.
     */
    private boolean brokerRestart(
            RestartableBroker broker, ChildConnectWorker worker, ConnectorDeployer deployer, Random random)
            throws Exception {
        Duration down = Duration.ofSeconds(5 + random.nextInt(6));
        awaitRunning(deployer, SOURCE, SINK);
        long startsBefore = worker.logLines(PipelineFaultSoakIT::tasksStarted);
        long revocationsBefore = worker.logLines(PipelineFaultSoakIT::tasksRevoked);
        broker.stop();
        out.printf("  Kafka broker stopped for %s%n", down);
        Thread.sleep(down.toMillis());
        broker.start();
        // The next fault waits until the rebalance has started the tasks again, so faults come one at a time (a sink
        // task started while S3 is down fails today).
        long began = System.nanoTime();
        long deadline = began + CONDITION_TIMEOUT.toNanos();
        boolean revoked = worker.logLines(PipelineFaultSoakIT::tasksRevoked) > revocationsBefore;
        while (revoked
                && worker.logLines(PipelineFaultSoakIT::tasksStarted) == startsBefore
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        out.printf(
                "  the worker %s%n",
                revoked
                        ? "revoked its tasks and started them again " + secondsSince(began) + " s after the broker"
                        : "kept its tasks");
        awaitRunning(deployer, SOURCE, SINK);
        return true;
    }

    /** The herder's line once a rebalance's connectors and tasks are started. */
    private static boolean tasksStarted(String line) {
        return line.contains("Finished starting connectors and tasks");
    }

    /** The worker's line when it gives up its assignment because the group coordinator is unreachable. */
    private static boolean tasksRevoked(String line) {
        return line.contains("Revoking previous assignment");
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
    private boolean deltaJobKill(RestartableS3 s3, LocalSecrets secrets, Duration afterMergeStarts, long began) {
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (s3.writes().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        out.printf(
                "  running the Delta job, to be SIGKILLed %s after its MERGE starts, %d s into the run%n",
                afterMergeStarts, secondsSince(began));
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

    /** What a fault waits for: the worker's log or S3 showing that the fault took effect, or that it is over. */
    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Checks every second that the connectors and all their tasks are RUNNING, for at least {@code atLeast} and then
     * until {@code condition} holds, at most {@link #CONDITION_TIMEOUT} more; answers whether the condition held.
     */
    private static boolean watchRunningUntil(
            ConnectorDeployer deployer, Duration atLeast, Condition condition, String... connectors) throws Exception {
        watchRunning(deployer, atLeast, connectors);
        long deadline = System.nanoTime() + CONDITION_TIMEOUT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            watchRunning(deployer, Duration.ofSeconds(1), connectors);
        }
        return true;
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

    private static long secondsSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toSeconds();
    }

    /** How many distinct events of the backfill's slices (not the tail's) Kafka holds: the backfill's progress. */
    private static int backfillEventsInKafka(String bootstrapServers) {
        Set<String> ids = new HashSet<>();
        CommittedRecords.forEach(bootstrapServers, topic -> topic.startsWith("splunk."), record -> {
            Header source = record.headers().lastHeader("splunk.source");
            if (source != null && !"tail".equals(new String(source.value(), StandardCharsets.UTF_8))) {
                ids.add(record.key());
            }
        });
        return ids.size();
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
