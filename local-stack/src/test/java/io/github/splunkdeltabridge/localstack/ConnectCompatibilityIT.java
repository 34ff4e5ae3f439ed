package io.github.splunkdeltabridge.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import io.github.splunkdeltabridge.s3testkit.FakeSts;
import io.github.splunkdeltabridge.s3testkit.S3TestServer;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both plugins, installed from their zips through {@code plugin.path} as users install them, on Connect workers of
 * the oldest and the newest supported Kafka releases (every supported minor release with {@code -Pcompat-matrix}).
 * Each worker is a JVM of its own on that release's jars from Maven Central, so no class of this JVM's Kafka leaks
 * into it. Each runs the shipped connector files on a short backfill, checked exactly: every event once in Kafka,
 * and as many Parquet rows in S3.
 *
 * <p>The oldest release's worker runs as in an EKS pod with IRSA (the release MSK Connect and many Strimzi installs
 * run): no keys in the sink's config, only {@code AWS_ROLE_ARN} and {@code AWS_WEB_IDENTITY_TOKEN_FILE} in the
 * environment, so the AWS SDK's default chain must build its web-identity provider, whose STS part it loads by
 * reflection, from the sink plugin's own class loader.
 */
class ConnectCompatibilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONFIG = Path.of("..", "config");
    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private static final Instant START = END.minus(Duration.ofMinutes(30));

    private static Path dir;
    private static LocalSecrets secrets;
    private static SplunkEmulator emulator;
    private static S3TestServer s3;
    private static KafkaBroker broker;
    private static GeneratedDataset dataset;
    private static TreeSet<String> expected;
    private static FakeSts sts;

    /** The worker that runs with IRSA's environment instead of keys. */
    private static final String IRSA_WORKER = "kafka-3.7";

    private static final String IRSA_ROLE = "arn:aws:iam::123456789012:role/splunk-archive-writer";

    static Stream<String> workers() {
        return Stream.of(System.getProperty("compat.workers", "kafka-3.7,kafka-4.4")
                        .split(","))
                .map(String::trim);
    }

    @BeforeAll
    static void startSplunkS3AndBroker() throws IOException {
        // Absolute: s3proxy's file-system store lists nothing under a relative root (objects are written, but a
        // listing of the bucket comes back empty).
        dir = Files.createDirectories(Path.of("target", "compat-it")).toAbsolutePath();
        secrets = LocalSecrets.loadOrCreate(dir);
        dataset = GeneratedDataset.builder()
                .seed(7)
                .start(START.minus(Duration.ofMinutes(10)))
                .end(END.plus(Duration.ofMinutes(10)))
                .eventsPerMinute(10)
                .build();
        emulator = SplunkEmulator.builder()
                .token(secrets.emulatorToken())
                .dataset(dataset)
                .clock(Clock.fixed(END, ZoneOffset.UTC))
                .build()
                .start();
        s3 = LocalPipeline.startS3Server(dir.resolve("s3-" + System.nanoTime()), PortCheck.anyFree(), secrets);
        try (S3Objects landing = new S3Objects(s3.endpoint(), secrets, sinkSetting("s3.bucket.name"))) {
            landing.createBucketIfMissing();
        }
        // STS hands out the keys the S3 server accepts, as the role's session keys.
        sts = new FakeSts(secrets.s3AccessKeyId(), secrets.s3SecretAccessKey());
        broker = KafkaBroker.start(
                dir.resolve("kafka-" + System.nanoTime()),
                Uuid.randomUuid().toString(),
                PortCheck.anyFree(),
                PortCheck.anyFree());
        expected = EmulatorEvents.eventIds(emulator.baseUri(), secrets.emulatorToken(), dataset.indexes(), START, END);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (sts != null) {
            sts.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workers")
    void bothPluginsInstallFromTheirZipsAndCopyABackfillExactly(String worker) throws Exception {
        Path libs = Path.of(System.getProperty("compat.workers.dir"), worker, "target", "libs");
        assertThat(libs)
                .as("jars of the %s worker, resolved by the build (maven-invoker-plugin)", worker)
                .isDirectory();
        String kafkaVersion = kafkaVersion(libs);
        int restPort = PortCheck.anyFree();
        Map<String, String> settings = ConnectWorker.localSettings(
                workerProperties(),
                Path.of(System.getProperty("connect.plugins.dir")),
                broker.bootstrapServers(),
                restPort);
        // A Connect cluster of its own per worker release, on the one broker.
        settings.put("group.id", "compat-" + worker);
        settings.put("config.storage.topic", "compat-" + worker + "-configs");
        settings.put("offset.storage.topic", "compat-" + worker + "-offsets");
        settings.put("status.storage.topic", "compat-" + worker + "-status");
        String topicPrefix = worker.replace("kafka-", "compat");

        boolean irsa = worker.equals(IRSA_WORKER);
        try (ChildConnectWorker child = new ChildConnectWorker(
                dir.resolve("worker-" + worker), settings, restPort, libs.toAbsolutePath() + "/*")) {
            if (irsa) {
                Path token = Files.writeString(dir.resolve("irsa-token"), "eyJ.compat.irsa-token");
                child.environment(Map.of(
                        "AWS_ROLE_ARN",
                        IRSA_ROLE,
                        "AWS_WEB_IDENTITY_TOKEN_FILE",
                        token.toString(),
                        "AWS_REGION",
                        "us-east-1",
                        "AWS_ENDPOINT_URL_STS",
                        sts.endpoint().toString()));
            }
            child.start();
            JsonNode root = get(child.restUri(), "");
            assertThat(root.path("version").asText())
                    .as("the worker's Kafka release")
                    .isEqualTo(kafkaVersion);
            assertThat(pluginVersions(child.restUri()))
                    .as("plugins loaded from plugin.path")
                    .containsKeys(
                            "io.github.splunkdeltabridge.source.SplunkSourceConnector",
                            "io.github.splunkdeltabridge.sink.S3SinkConnector");

            ConnectorDeployer deployer = new ConnectorDeployer(child.restUri());
            Map<String, String> source = ConnectorOverrides.source(
                    ConnectorOverrides.SplunkEndpoint.emulator(
                            emulator.baseUri(), List.copyOf(new TreeSet<>(dataset.indexes())), secrets),
                    START,
                    END,
                    false);
            source.put("topic.template", topicPrefix + ".${index}");
            String sourceName = deployer.deploy(CONFIG.resolve("splunk-source.json"), source);
            Map<String, String> sink = new HashMap<>(ConnectorOverrides.sink(s3.endpoint(), secrets));
            sink.put("topics.regex", topicPrefix + "\\..*");
            sink.put("topics.dir", "compat/" + worker);
            if (irsa) {
                sink.remove("aws.access.key.id");
                sink.remove("aws.secret.access.key");
            }
            String sinkName = deployer.deploy(CONFIG.resolve("s3-sink.json"), sink);

            List<String> keys = awaitKafka(deployer, sourceName, sinkName, topicPrefix);
            assertThat(keys).as("records in Kafka (read_committed)").hasSize(expected.size());
            assertThat(new TreeSet<>(keys)).isEqualTo(expected);
            try (LandedParquet landed = new LandedParquet(s3.endpoint(), secrets, sinkSetting("s3.bucket.name"))) {
                long rows = awaitRows(deployer, sinkName, landed, "compat/" + worker + "/");
                assertThat(rows).as("Parquet rows in S3").isEqualTo(expected.size());
            }
            if (irsa) {
                assertThat(sts.requests)
                        .as("STS calls of the sink's default credentials chain")
                        .isNotEmpty()
                        .allSatisfy(request -> assertThat(request.parameters())
                                .containsEntry("Action", "AssumeRoleWithWebIdentity")
                                .containsEntry("RoleArn", IRSA_ROLE)
                                .containsEntry("WebIdentityToken", "eyJ.compat.irsa-token"));
            }
            assertThat(deployer.status(sourceName).running()).isTrue();
            assertThat(deployer.status(sinkName).running()).isTrue();
            String log = Files.readString(child.logFile());
            assertThat(log).as("worker log").doesNotContain("NoSuchMethodError").doesNotContain("NoClassDefFoundError");
            // Plugin metrics came with Kafka 4.1; before, the task registers its metrics itself.
            assertThat(log.contains("predates plugin metrics"))
                    .as("the source registered its own metrics")
                    .isEqualTo(!atLeast(kafkaVersion, 4, 1));
        }
    }

    private static List<String> awaitKafka(ConnectorDeployer deployer, String source, String sink, String topicPrefix)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        List<String> keys = List.of();
        while (System.nanoTime() < deadline) {
            deployer.status(source); // Throws with the task's trace if it failed.
            deployer.status(sink);
            List<String> read = new ArrayList<>();
            CommittedRecords.forEach(
                    broker.bootstrapServers(), topic -> topic.startsWith(topicPrefix + "."), r -> read.add(r.key()));
            keys = read;
            if (keys.size() >= expected.size()) {
                Thread.sleep(2000); // Room for duplicates to show.
                List<String> settled = new ArrayList<>();
                CommittedRecords.forEach(
                        broker.bootstrapServers(),
                        topic -> topic.startsWith(topicPrefix + "."),
                        r -> settled.add(r.key()));
                return settled;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("Only " + keys.size() + " of " + expected.size() + " events reached Kafka");
    }

    private static long awaitRows(ConnectorDeployer deployer, String sink, LandedParquet landed, String prefix)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long rows = 0;
        while (System.nanoTime() < deadline) {
            deployer.status(sink);
            rows = landed.rows(prefix);
            if (rows >= expected.size()) {
                Thread.sleep(2000);
                return landed.rows(prefix);
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("Only " + rows + " of " + expected.size() + " rows landed in S3 under " + prefix + " ("
                + landed.describeBucket() + ")");
    }

    private static boolean atLeast(String version, int major, int minor) {
        String[] parts = version.split("\\.");
        int actualMajor = Integer.parseInt(parts[0]);
        return actualMajor > major || (actualMajor == major && Integer.parseInt(parts[1]) >= minor);
    }

    /** The release of the worker's jars, from kafka-clients-VERSION.jar. */
    private static String kafkaVersion(Path libs) throws IOException {
        try (Stream<Path> jars = Files.list(libs)) {
            return jars.map(jar -> jar.getFileName().toString())
                    .filter(name -> name.matches("kafka-clients-[0-9.]+\\.jar"))
                    .map(name -> name.substring("kafka-clients-".length(), name.length() - ".jar".length()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("No kafka-clients jar in " + libs));
        }
    }

    private static Map<String, String> pluginVersions(URI restUri) throws Exception {
        Map<String, String> versions = new HashMap<>();
        for (JsonNode plugin : get(restUri, "connector-plugins")) {
            versions.put(plugin.path("class").asText(), plugin.path("version").asText());
        }
        return versions;
    }

    private static JsonNode get(URI restUri, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(restUri.resolve(path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /%s", path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Properties workerProperties() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(CONFIG.resolve(LocalPipeline.WORKER_FILE))) {
            properties.load(reader);
        }
        return properties;
    }

    private static String sinkSetting(String name) {
        return ConnectorFiles.setting(CONFIG.resolve(LocalPipeline.SINK_FILE), name);
    }
}
