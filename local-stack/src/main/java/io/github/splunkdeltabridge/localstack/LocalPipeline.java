package io.github.splunkdeltabridge.localstack;

import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.SplunkAuth;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkClientConfig;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import io.github.splunkdeltabridge.client.SplunkException;
import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import io.github.splunkdeltabridge.s3testkit.S3TestServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The README's first command: the whole pipeline on this machine, no Docker. It starts the Splunk emulator seeded
 * with sample data (or uses a real Splunk), an S3-compatible server, a KRaft Kafka broker and a Connect worker, all
 * on loopback with their state in the data folder; deploys the connectors from {@code config/}; shows the backfill
 * as it runs; runs the Delta ingest job when everything has landed; and prints what each stage holds, ending with
 * the reconcile of the Delta table against Splunk, hour by hour, as its verdict.
 */
public final class LocalPipeline {

    static final String SOURCE_FILE = "splunk-source.json";
    static final String SINK_FILE = "s3-sink.json";
    static final String WORKER_FILE = "connect-worker.properties";

    private final LocalPipelineOptions options;
    private final PrintStream out;
    private final RunningComponents components;

    LocalPipeline(LocalPipelineOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.components = new RunningComponents(out);
    }

    public static void main(String[] args) {
        System.exit(LocalPipelineCommand.commandLine(System.getenv(), LocalPipeline::runFromCommandLine)
                .execute(args));
    }

    /** Runs with the console as output, component logs in the data folder; answers the exit code. */
    private static int runFromCommandLine(LocalPipelineOptions options) {
        ComponentLogs.sendTo(options.dataDir().resolve("local-stack.log"));
        LocalPipeline pipeline = new LocalPipeline(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(pipeline.components::close, "local-stack-shutdown"));
        int exitCode;
        try {
            exitCode = pipeline.run();
        } catch (StackException | SplunkException e) {
            System.err.println("\nFAILED: " + e.getMessage());
            System.err.println("Component logs: " + options.dataDir().resolve("local-stack.log"));
            exitCode = 1;
        }
        pipeline.components.close();
        return exitCode;
    }

    /** Runs the pipeline; answers the exit code (0 when every hour of the range reconciles and the ids agree). */
    int run() {
        Path dataDir = options.dataDir().toAbsolutePath();
        prepareDataDir(dataDir);
        StackState state = StackState.loadOrCreate(dataDir, options);
        if (state.differsFrom(options)) {
            out.printf(
                    "Note: %s was created with --minutes %d --seed %d --events-per-minute %d; using those (--fresh starts over).%n",
                    dataDir, state.window().toMinutes(), state.seed(), state.eventsPerMinute());
        }
        LocalSecrets secrets = LocalSecrets.loadOrCreate(dataDir);
        checkPorts();
        try {
            return runStarted(dataDir, state, secrets);
        } finally {
            components.close();
        }
    }

    private int runStarted(Path dataDir, StackState state, LocalSecrets secrets) {
        LocalPipelineOptions.Ports ports = options.ports();
        ConnectorOverrides.SplunkEndpoint splunk = startSplunk(state, secrets);

        S3TestServer s3 = components.add("S3 server", startS3Server(dataDir.resolve("s3"), ports.s3(), secrets));
        String bucket = sinkSetting("s3.bucket.name");
        S3Objects landing = components.add("S3 client", new S3Objects(s3.endpoint(), secrets, bucket));
        landing.createBucketIfMissing();
        out.println("Started the S3 server (s3proxy) at " + s3.endpoint() + ", bucket " + bucket + " in "
                + dataDir.resolve("s3"));

        KafkaBroker broker = components.add(
                "Kafka broker",
                KafkaBroker.start(dataDir.resolve("kafka"), state.clusterId(), ports.kafka(), ports.controller()));
        out.println("Started the Kafka broker (KRaft) at " + broker.bootstrapServers());

        ConnectWorker worker = components.add(
                "Connect worker",
                ConnectWorker.start(
                        options.configDir().resolve(WORKER_FILE),
                        options.pluginDir(),
                        broker.bootstrapServers(),
                        ports.connect()));
        out.println("Started the Connect worker at " + worker.restUri() + ", plugins from "
                + options.pluginDir().toAbsolutePath().normalize());

        ConnectorDeployer deployer = new ConnectorDeployer(worker.restUri());
        long deployedNanos = System.nanoTime();
        String source = deployer.deploy(
                options.configDir().resolve(SOURCE_FILE),
                ConnectorOverrides.source(splunk, state.backfillStart(), state.backfillEnd(), options.follow()));
        String sink = deployer.deploy(
                options.configDir().resolve(SINK_FILE), ConnectorOverrides.sink(s3.endpoint(), secrets));
        out.printf(
                "Deployed %s and %s from %s; backfill [%s, %s)%n",
                source, sink, options.configDir(), state.backfillStart(), state.backfillEnd());

        String topicsDir = sinkSetting("topics.dir");
        KafkaTopicsView topics = components.add(
                "Kafka reader",
                new KafkaTopicsView(broker.bootstrapServers(), Pattern.compile(sinkSetting("topics.regex"))));
        BackfillWatcher watcher =
                new BackfillWatcher(out, deployer, new SourceMetrics(source), topics, landing, topicsDir);
        BackfillWatcher.Result landed = watcher.awaitLanded(source, sink, "connect-" + sink);

        DeltaStep delta = components.add(
                "Delta job", new DeltaStep(dataDir.resolve("delta"), s3.endpoint(), secrets, bucket, topicsDir, out));
        DeltaStep.TableSummary table = delta.ingestAndReport();
        EndToEnd endToEnd = new EndToEnd(landed.eventsRead(), Duration.ofNanos(System.nanoTime() - deployedNanos));

        out.println("\nReading the same range straight from Splunk, to compare:");
        ExportSummary splunkRange = readSplunkRange(splunk, state, secrets);
        ReconcileStep reconcile =
                components.add("Reconcile", new ReconcileStep(dataDir, ReconcileStep.secrets(options, secrets), out));
        String username = options.usesRealSplunk() && options.splunkToken() == null ? options.splunkUsername() : null;
        String cutoffConnector = options.follow() ? null : source;
        if (options.repair() && options.follow()) {
            out.println("--repair runs without --follow only: the tail's later windows would look missing.");
        }
        // With --repair, the same reconcile deploys bounded copies of the source for the hours missing events; they
        // land through the same sink, the Delta job merges them, and the verdict is taken again.
        List<String> repairs = new ArrayList<>();
        ReconcileStep.Verdict verdict = null;
        if (options.repair() && !options.follow()) {
            verdict = reconcile.repair(
                    splunk,
                    state.backfillStart(),
                    state.backfillEnd(),
                    table.path(),
                    username,
                    worker.restUri(),
                    source,
                    repairs);
        }
        for (String copy : repairs) {
            out.println("\nWaiting for " + copy + " to copy its hours again:");
            new BackfillWatcher(out, deployer, new SourceMetrics(copy), topics, landing, topicsDir)
                    .awaitLanded(copy, sink, "connect-" + sink);
            deployer.delete(copy);
        }
        if (!repairs.isEmpty()) {
            table = delta.ingestAndReport();
        }
        if (verdict == null || !repairs.isEmpty()) {
            verdict = reconcile.run(
                    splunk,
                    state.backfillStart(),
                    state.backfillEnd(),
                    table.path(),
                    username,
                    worker.restUri(),
                    cutoffConnector);
        }
        boolean exact = printSummary(state, landed, table, endToEnd, splunkRange, verdict);
        if (options.follow()) {
            follow(delta, topics, landing, topicsDir);
        }
        return exact ? 0 : 1;
    }

    /**
     * The project's S3 test server (s3proxy) on loopback, keeping buckets as directories of {@code storeDir}, with
     * AWS signature checks on, so the sink and the Delta job authenticate as they would against S3.
     */
    static S3TestServer startS3Server(Path storeDir, int port, LocalSecrets secrets) {
        try {
            return S3TestServer.builder(storeDir)
                    .port(port)
                    .credentials(secrets.s3AccessKeyId(), secrets.s3SecretAccessKey())
                    .start();
        } catch (RuntimeException e) {
            throw new StackException(
                    "The S3 server (s3proxy) did not start on port " + port + " in " + storeDir + ": " + e.getMessage(),
                    e);
        }
    }

    private ConnectorOverrides.SplunkEndpoint startSplunk(StackState state, LocalSecrets secrets) {
        if (options.usesRealSplunk()) {
            out.println("Reading the real Splunk at " + options.splunkUrl() + ", indexes " + options.indexes());
            return ConnectorOverrides.SplunkEndpoint.real(options);
        }
        // Without --follow the emulator's clock stands at the backfill end, so the range's content cannot drift;
        // with --follow it runs on the real clock and its generated events keep arriving.
        Instant end = state.backfillEnd();
        GeneratedDataset dataset = GeneratedDataset.builder()
                .seed(state.seed())
                .start(state.backfillStart().minus(Duration.ofHours(1)))
                .end(options.follow() ? end.plus(Duration.ofDays(30)) : end.plus(Duration.ofHours(1)))
                .eventsPerMinute(state.eventsPerMinute())
                .build();
        SplunkEmulator emulator = components.add(
                "Splunk emulator",
                SplunkEmulator.builder()
                        .port(options.ports().splunk())
                        .token(secrets.emulatorToken())
                        .dataset(dataset)
                        .clock(options.follow() ? Clock.systemUTC() : Clock.fixed(end, ZoneOffset.UTC))
                        .build()
                        .start());
        List<String> indexes = new ArrayList<>(new TreeSet<>(dataset.indexes()));
        out.println(
                "Started the Splunk emulator at " + emulator.baseUri() + " with generated data (seed " + state.seed()
                        + ", indexes " + indexes + ", " + state.eventsPerMinute() + " events per minute and index)");
        return ConnectorOverrides.SplunkEndpoint.emulator(emulator.baseUri(), indexes, secrets);
    }

    /** Exports the backfill range index by index with the client: what "all the events" means for the check. */
    private ExportSummary readSplunkRange(
            ConnectorOverrides.SplunkEndpoint splunk, StackState state, LocalSecrets secrets) {
        SplunkAuth auth;
        if (options.usesRealSplunk()) {
            auth = options.splunkToken() != null
                    ? SplunkAuth.bearerToken(options.splunkToken())
                    : SplunkAuth.login(options.splunkUsername(), options.splunkPassword());
        } else {
            auth = SplunkAuth.bearerToken(secrets.emulatorToken());
        }
        ExportSummary summary = new ExportSummary();
        long started = System.nanoTime();
        try (SplunkClient client = new SplunkClient(
                SplunkClientConfig.builder(splunk.url()).auth(auth).build())) {
            for (String index : splunk.indexes()) {
                // Same bounds as the backfill: event time in the range, indexed before its end.
                ExportRequest request = ExportRequest.builder("search index=" + index)
                        .earliest(state.backfillStart())
                        .latest(state.backfillEnd())
                        .indexLatest(state.backfillEnd())
                        .build();
                try (SplunkEventStream events = client.export(request)) {
                    while (events.hasNext()) {
                        summary.add(events.next());
                    }
                }
            }
        }
        summary.print(out, Duration.ofNanos(System.nanoTime() - started));
        return summary;
    }

    private boolean printSummary(
            StackState state,
            BackfillWatcher.Result landed,
            DeltaStep.TableSummary table,
            EndToEnd endToEnd,
            ExportSummary splunkRange,
            ReconcileStep.Verdict verdict) {
        out.println("\n================ Summary ================");
        out.printf(
                "Splunk range [%s, %s): %,d events%n",
                state.backfillStart(), state.backfillEnd(), splunkRange.distinctEvents());
        out.printf("Kafka topics %-22s %,d records%n", sinkSetting("topics.regex") + ":", landed.kafkaRecords());
        out.printf(
                "S3 objects   %-22s %,d objects, %,d bytes%n",
                "s3://" + sinkSetting("s3.bucket.name") + "/" + sinkSetting("topics.dir") + "/:",
                landed.objects().objects(),
                landed.objects().bytes());
        out.printf(
                "Delta table  %-22s %,d rows, %,d distinct event ids%n",
                "splunk_events:", table.rows(), table.distinctIds());
        if (endToEnd.events() > 0) {
            out.printf(
                    "End to end   %,d events from Splunk into Delta in %.1f s after deploying the connectors: %,.0f events/s%n",
                    endToEnd.events(), endToEnd.elapsed().toMillis() / 1000.0, endToEnd.eventsPerSecond());
        } else {
            out.println("End to end   not measured: this run read no events (the data folder's backfill was done"
                    + " before it; --fresh measures a whole copy)");
        }
        out.printf(
                "Event id digests (SHA-256 of the sorted ids): Splunk %s, Delta %s%n",
                splunkRange.eventIdsDigest(), table.idsDigest());
        out.println("Reconcile, per index and hour: " + verdict.line().substring("RECONCILE: ".length()));
        // The digest adds what counts cannot: the same events, not only as many. With --follow the table also holds
        // events indexed after the range, which the reconcile's cut-off leaves out but the digest would not.
        boolean sameIds =
                table.rows() == table.distinctIds() && table.idsDigest().equals(splunkRange.eventIdsDigest());
        boolean exact = verdict.allMatch() && (sameIds || options.follow());
        if (exact && !options.follow()) {
            out.printf(
                    "RESULT: the Delta table holds exactly the %,d events of the Splunk range, each once.%n",
                    table.rows());
        } else if (exact) {
            out.println("RESULT: every hour of the range holds the events Splunk had indexed by its end; with --follow"
                    + " the table also holds later ones.");
        } else {
            out.println("RESULT: MISMATCH between the Delta table and the Splunk range; see the reconcile table above,"
                    + " its reports in " + options.dataDir().resolve("reconcile") + " and "
                    + options.dataDir().resolve("local-stack.log"));
        }
        out.println("Delta table: " + table.path());
        out.println("=========================================");
        return exact;
    }

    /**
     * The copy's own pace: the events the source read in this run, and the time from deploying the connectors to the
     * end of the first ingest (Splunk export, Kafka, S3 and the Delta job; not the stack's start-up).
     */
    record EndToEnd(long events, Duration elapsed) {
        double eventsPerSecond() {
            return elapsed.isZero() ? 0 : events * 1e9 / elapsed.toNanos();
        }
    }

    private void follow(DeltaStep delta, KafkaTopicsView topics, S3Objects landing, String topicsDir) {
        out.printf(
                "%nFollowing: tailing Splunk and running the Delta job every %s. Ctrl-C stops everything.%n",
                options.followInterval());
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(options.followInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            // Downstream first: the tail keeps adding while the counts are taken, and the Delta job takes a while, so
            // counting Kafka first let Delta show rows that reached Kafka after Kafka was counted (more Delta rows
            // than Kafka records). Counted this way, each stage holds at least what the next one shows.
            DeltaStep.TableSummary table = delta.ingestAndReport();
            S3Objects.Listing objects = landing.list(topicsDir + "/");
            long records = topics.countRecords();
            out.printf(
                    "%s  Kafka %,d records | S3 %,d objects | Delta %,d rows%n",
                    Instant.now(), records, objects.objects(), table.rows());
        }
    }

    private String sinkSetting(String name) {
        return ConnectorFiles.setting(options.configDir().resolve(SINK_FILE), name);
    }

    private void checkPorts() {
        LocalPipelineOptions.Ports ports = options.ports();
        if (!options.usesRealSplunk()) {
            PortCheck.requireFree(ports.splunk(), "Splunk emulator", "--splunk-port");
        }
        PortCheck.requireFree(ports.s3(), "S3 server", "--s3-port");
        PortCheck.requireFree(ports.kafka(), "Kafka broker", "--kafka-port");
        PortCheck.requireFree(ports.controller(), "KRaft controller", "--controller-port");
        PortCheck.requireFree(ports.connect(), "Connect worker's REST API", "--connect-port");
    }

    private void prepareDataDir(Path dataDir) {
        try {
            if (options.fresh() && Files.exists(dataDir)) {
                out.println("Deleting " + dataDir + " (--fresh)");
                try (Stream<Path> paths = Files.walk(dataDir)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                        try {
                            Files.delete(path);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            }
            Files.createDirectories(dataDir);
        } catch (IOException | UncheckedIOException e) {
            throw new StackException("Cannot prepare the data folder " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
