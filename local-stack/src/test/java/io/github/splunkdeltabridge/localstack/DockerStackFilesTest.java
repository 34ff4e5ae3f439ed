package io.github.splunkdeltabridge.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Keeps {@code docker/} in step with {@code config/} and the build: the Docker stack cannot run in CI (no Docker
 * there), so these are the checks a user would otherwise only make when {@code docker compose up} goes wrong.
 */
class DockerStackFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCKER = ROOT.resolve("docker");
    private static final Path CONFIG = ROOT.resolve("config");
    private static final List<String> PLUGIN_MODULES = List.of("splunk-source-connector", "s3-sink-connector");

    private static JsonNode services;

    @BeforeAll
    static void readCompose() throws IOException {
        JsonNode compose =
                new YAMLMapper().readTree(DOCKER.resolve("docker-compose.yml").toFile());
        services = compose.path("services");
        assertThat(services.size()).as("services in docker-compose.yml").isPositive();
    }

    @Test
    void everyConnectorFileTheScriptRegistersExistsAndIsAConnectorConfig() throws IOException {
        String script = Files.readString(DOCKER.resolve("register-connectors.sh"));
        Set<String> files = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$ROOT/(config/[\\w.-]+\\.json)").matcher(script);
        while (matcher.find()) {
            files.add(matcher.group(1));
        }
        assertThat(files)
                .containsExactlyInAnyOrder(
                        "config/splunk-source.json", "config/s3-sink.json", "config/confluent-s3-sink.json");
        for (String file : files) {
            JsonNode root = new ObjectMapper().readTree(ROOT.resolve(file).toFile());
            assertThat(root.path("name").asText()).as(file + ": name").isNotBlank();
            assertThat(root.path("config").path("connector.class").asText())
                    .as(file + ": connector.class")
                    .isNotBlank();
        }
        assertThat(DOCKER.resolve("register-connectors.sh")).isExecutable();
    }

    @Test
    void composeCreatesTheTopicsTheSourceWritesAndTheSinksRead() throws IOException {
        Map<String, String> source = connectorConfig("splunk-source.json");
        Set<String> created = new LinkedHashSet<>(words(env("kafka-init", "TOPICS")));
        List<String> sourceTopics = Arrays.stream(source.get("splunk.indexes").split(","))
                .map(index -> source.get("topic.template").replace("${index}", index.strip()))
                .toList();
        assertThat(created)
                .as("kafka-init TOPICS vs splunk.indexes and topic.template of splunk-source.json")
                .containsAll(sourceTopics);

        Set<String> expected = new LinkedHashSet<>(sourceTopics);
        for (String file : List.of("s3-sink.json", "confluent-s3-sink.json")) {
            Map<String, String> sink = connectorConfig(file);
            Pattern topics = Pattern.compile(sink.get("topics.regex"));
            assertThat(sourceTopics)
                    .as(file + ": topics.regex reads every source topic")
                    .allMatch(topic -> topics.matcher(topic).matches());
            String dlq = sink.get("errors.deadletterqueue.topic.name");
            assertThat(created).as(file + ": dead letter queue").contains(dlq);
            assertThat(topics.matcher(dlq).matches())
                    .as(file + ": the sink must not read its own DLQ")
                    .isFalse();
            expected.add(dlq);
        }
        assertThat(created).as("topics created by kafka-init").containsExactlyInAnyOrderElementsOf(expected);

        // The sample events go to the indexes the source reads.
        assertThat(words(env("splunk-sample-events", "SPLUNK_INDEXES")))
                .containsExactlyElementsOf(
                        Arrays.stream(source.get("splunk.indexes").split(","))
                                .map(String::strip)
                                .toList());
    }

    @Test
    void composeCreatesTheBucketBothSinksWriteToAndTheDeltaJobReads() throws IOException {
        String bucket = env("minio-init", "LANDING_BUCKET");
        for (String file : List.of("s3-sink.json", "confluent-s3-sink.json")) {
            Map<String, String> sink = connectorConfig(file);
            assertThat(sink.get("s3.bucket.name")).as(file + ": s3.bucket.name").isEqualTo(bucket);
            assertThat(env("delta-job", "SOURCE_PATH"))
                    .as("delta-job SOURCE_PATH vs " + file + " topics.dir")
                    .isEqualTo("s3a://" + bucket + "/" + sink.get("topics.dir"));
        }
    }

    @Test
    void theConfluentSinksSchemaRegistryIsTheComposeService() throws IOException {
        URI registry = URI.create(connectorConfig("confluent-s3-sink.json").get("value.converter.schema.registry.url"));
        JsonNode service = services.path(registry.getHost());
        assertThat(service.isMissingNode())
                .as("compose service " + registry.getHost())
                .isFalse();
        assertThat(service.path("image").asText()).startsWith("confluentinc/cp-schema-registry:");
        assertThat(env(registry.getHost(), "SCHEMA_REGISTRY_LISTENERS")).endsWith(":" + registry.getPort());
    }

    @Test
    void connectWorkerSettingsAreThoseOfConnectWorkerProperties() throws IOException {
        Properties worker = new Properties();
        try (Reader reader = Files.newBufferedReader(CONFIG.resolve("connect-worker.properties"))) {
            worker.load(reader);
        }
        for (String key : worker.stringPropertyNames()) {
            String variable = connectVariable(key);
            String value = env("connect", variable);
            switch (key) {
                // Inside the stack the broker is the kafka service, on its listener for other containers.
                case "bootstrap.servers" ->
                    assertThat(env("kafka", "KAFKA_ADVERTISED_LISTENERS"))
                            .as(variable)
                            .contains("//" + value);
                // The image's own plugin directories come first; this project's plugins are unpacked in the file's.
                case "plugin.path" -> assertThat(value.split(",")).as(variable).contains(worker.getProperty(key));
                default -> assertThat(value).as(variable + " (" + key + ")").isEqualTo(worker.getProperty(key));
            }
        }
        assertThat(volumeTargets("connect"))
                .as("connect volumes")
                .containsEntry("connect-plugins", worker.getProperty("plugin.path"));
        assertThat(volumeTargets("connect-plugins")).containsEntry("connect-plugins", "/plugins");

        // Every ${env:NAME} a connector config refers to must be in the worker's environment.
        Set<String> referenced = new TreeSet<>();
        for (Path file : List.of(
                CONFIG.resolve("splunk-source.json"),
                CONFIG.resolve("s3-sink.json"),
                CONFIG.resolve("confluent-s3-sink.json"),
                DOCKER.resolve("register-connectors.sh"))) {
            Matcher matcher = Pattern.compile("\\$\\{env:(\\w+)}").matcher(Files.readString(file));
            while (matcher.find()) {
                referenced.add(matcher.group(1));
            }
        }
        assertThat(referenced).contains("SPLUNK_TOKEN", "SPLUNK_PASSWORD");
        for (String name : referenced) {
            assertThat(services.path("connect").path("environment").has(name))
                    .as("connect environment " + name)
                    .isTrue();
        }
    }

    @Test
    void theUnpackedPluginZipsAreTheOnesTheBuildProduces() throws Exception {
        String script = Files.readString(DOCKER.resolve("connect/install-plugins.sh"));
        Matcher matcher = Pattern.compile("\"([\\w.-]+/target/[^\"]+\\.zip)\"").matcher(script);
        List<String> globs = new ArrayList<>();
        while (matcher.find()) {
            globs.add(matcher.group(1));
        }
        assertThat(globs).hasSize(PLUGIN_MODULES.size());
        for (String module : PLUGIN_MODULES) {
            String zip =
                    module + "/target/" + assemblyFinalName(ROOT.resolve(module).resolve("pom.xml")) + ".zip";
            List<String> matching = globs.stream()
                    .filter(glob -> glob(glob).matches(Path.of(zip)))
                    .toList();
            assertThat(matching).as("install-plugins.sh pattern for " + zip).hasSize(1);
            // After a build, the pattern finds the zip the build wrote.
            Path built = ROOT.resolve(zip);
            if (Files.exists(built)) {
                assertThat(glob(matching.get(0)).matches(ROOT.relativize(built)))
                        .as(built.toString())
                        .isTrue();
            }
        }
        // The script reads the repository mounted at /src and is what the one-shot service runs.
        assertThat(bindMounts("connect-plugins")).containsEntry("..", "/src");
        assertThat(services.path("connect-plugins").path("command").toString())
                .contains("/src/docker/connect/install-plugins.sh");
    }

    @Test
    void theSparkImageRunsTheSparkAndDeltaVersionsOfTheDeltaJob() throws Exception {
        Map<String, String> properties = pomProperties(ROOT.resolve("pom.xml"));
        String spark = properties.get("spark.version");
        assumeTrue(spark != null, "the parent pom has no spark.version yet (delta-ingest-job not merged)");

        String image = services.path("delta-job").path("image").asText();
        assertThat(image).startsWith("apache/spark:");
        String tag = image.substring("apache/spark:".length());
        assertThat(tag.equals(spark) || tag.startsWith(spark + "-"))
                .as(image + " vs spark.version " + spark)
                .isTrue();

        List<String> packages = List.of(env("delta-job", "SPARK_PACKAGES").split(","));
        String sparkMinor = spark.substring(0, spark.lastIndexOf('.'));
        assertThat(packages).contains("org.apache.spark:spark-avro_2.13:" + spark);
        assertThat(packages).anyMatch(p -> p.startsWith("io.delta:delta-spark_" + sparkMinor + "_2.13:"));
        Optional.ofNullable(properties.get("delta.version"))
                .ifPresent(delta ->
                        assertThat(packages).contains("io.delta:delta-spark_" + sparkMinor + "_2.13:" + delta));
        // hadoop-aws must match the Hadoop inside Spark, not the S3 sink's newer one.
        Optional.ofNullable(properties.get("spark.hadoop.version"))
                .ifPresent(hadoop -> assertThat(packages).contains("org.apache.hadoop:hadoop-aws:" + hadoop));

        Path module = ROOT.resolve("delta-ingest-job");
        if (Files.isDirectory(module)) {
            Element build = firstChild(parse(module.resolve("pom.xml")).getDocumentElement(), "build");
            Element finalName = build == null ? null : firstChild(build, "finalName");
            if (finalName != null) {
                assertThat(env("delta-job", "JOB_JAR"))
                        .isEqualTo("/src/delta-ingest-job/target/"
                                + finalName.getTextContent().strip() + "-all.jar");
            }
        }
    }

    @Test
    void versionsThatMustMoveTogetherDo() throws Exception {
        for (String service : iterable(services.fieldNames())) {
            String image = services.path(service).path("image").asText();
            assertThat(image)
                    .as(service + " image is pinned")
                    .matches(".+:[^:]+")
                    .doesNotEndWith(":latest");
        }
        // The broker runs the Kafka the project builds and tests its plugins against.
        String kafka = pomProperties(ROOT.resolve("pom.xml")).get("kafka.version");
        for (String service : List.of("kafka", "kafka-init")) {
            assertThat(services.path(service).path("image").asText())
                    .as(service + " image vs kafka.version")
                    .isEqualTo("apache/kafka:" + kafka);
        }
        // Confluent's parts: one Confluent Platform version.
        String platform = tag(services.path("connect").path("image").asText());
        assertThat(tag(services.path("schema-registry").path("image").asText()))
                .as("Schema Registry vs Connect")
                .isEqualTo(platform);
        assertThat(words(env("connect", "CONFLUENT_HUB_COMPONENTS")))
                .as("Confluent Hub components vs " + platform)
                .contains("confluentinc/kafka-connect-avro-converter:" + platform)
                .anyMatch(component -> component.matches("confluentinc/kafka-connect-s3:\\d+\\.\\d+\\.\\d+"));
    }

    @Test
    void theScriptsTheStackRunsExistAndParse() throws Exception {
        Map<String, String> shells = Map.of(
                "register-connectors.sh", "bash",
                "connect/start-worker.sh", "bash",
                "spark/delta-job.sh", "bash",
                "connect/install-plugins.sh", "sh",
                "splunk/send-sample-events.sh", "sh");
        String compose = Files.readString(DOCKER.resolve("docker-compose.yml"));
        for (String script : shells.keySet()) {
            assertThat(DOCKER.resolve(script)).exists();
            if (!script.equals("register-connectors.sh")) {
                assertThat(compose).as("docker-compose.yml runs " + script).contains(script);
            }
        }
        for (Map.Entry<String, String> script : shells.entrySet()) {
            assumeTrue(onPath(script.getValue()), script.getValue() + " is not installed");
            Process check = new ProcessBuilder(
                            script.getValue(),
                            "-n",
                            DOCKER.resolve(script.getKey()).toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(check.getInputStream().readAllBytes());
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as(script.getKey() + ": " + output).isZero();
        }
    }

    // --- helpers

    private static Map<String, String> connectorConfig(String file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(CONFIG.resolve(file).toFile());
        Map<String, String> config = new HashMap<>();
        root.path("config")
                .fields()
                .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return config;
    }

    private static String env(String service, String variable) {
        JsonNode value = services.path(service).path("environment").path(variable);
        assertThat(value.isMissingNode())
                .as(service + " environment " + variable)
                .isFalse();
        return value.asText();
    }

    /** The Confluent images' variable for a worker setting: CONNECT_ + upper case, '.' to '_', '_' to '__'. */
    private static String connectVariable(String key) {
        return "CONNECT_"
                + key.replace("_", "__").replace("-", "___").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** Named volumes of a service: volume name to mount point. */
    private static Map<String, String> volumeTargets(String service) {
        Map<String, String> mounts = new HashMap<>();
        for (JsonNode volume : services.path(service).path("volumes")) {
            if (volume.isTextual()) {
                String[] parts = volume.asText().split(":");
                mounts.put(parts[0], parts[1]);
            } else {
                mounts.put(volume.path("source").asText(), volume.path("target").asText());
            }
        }
        return mounts;
    }

    /** Bind mounts given in the long form: host path to mount point, read-only ones only. */
    private static Map<String, String> bindMounts(String service) {
        Map<String, String> mounts = new HashMap<>();
        for (JsonNode volume : services.path(service).path("volumes")) {
            if (volume.path("type").asText().equals("bind")
                    && volume.path("read_only").asBoolean()) {
                mounts.put(volume.path("source").asText(), volume.path("target").asText());
            }
        }
        return mounts;
    }

    private static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }

    private static String tag(String image) {
        return image.substring(image.lastIndexOf(':') + 1);
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }

    /** The module's zip name: the maven-assembly-plugin's finalName with the project version filled in. */
    private static String assemblyFinalName(Path pom) throws Exception {
        Document document = parse(pom);
        String version = firstChild(firstChild(document.getDocumentElement(), "parent"), "version")
                .getTextContent()
                .strip();
        NodeList plugins = document.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            Element artifact = firstChild(plugin, "artifactId");
            if (artifact != null && artifact.getTextContent().strip().equals("maven-assembly-plugin")) {
                NodeList names = plugin.getElementsByTagName("finalName");
                assertThat(names.getLength()).as(pom + " assembly finalName").isEqualTo(1);
                return names.item(0).getTextContent().strip().replace("${project.version}", version);
            }
        }
        throw new AssertionError(pom + " has no maven-assembly-plugin");
    }

    private static Map<String, String> pomProperties(Path pom) throws Exception {
        Element properties = firstChild(parse(pom).getDocumentElement(), "properties");
        Map<String, String> values = new HashMap<>();
        if (properties != null) {
            for (Node node = properties.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element) {
                    values.put(element.getTagName(), element.getTextContent().strip());
                }
            }
        }
        return values;
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static Element firstChild(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }
}
