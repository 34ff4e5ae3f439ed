package io.github.splunkdeltabridge.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.delta.testkit.IngestRuns;
import io.github.splunkdeltabridge.delta.testkit.LandedObjects;
import io.github.splunkdeltabridge.delta.testkit.TestEvent;
import io.github.splunkdeltabridge.delta.testkit.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyst views of config/databricks/sql, run on a table the job wrote: the statements are valid Spark SQL
 * (ANSI mode, Spark 4's default) and the typed columns hold the expected values.
 */
class AnalystViewsIT {

    private static final Path SQL_DIR = Path.of("..", "config", "databricks", "sql");
    private static final Instant T0 = Instant.parse("2024-11-25T10:00:00Z");

    @TempDir
    Path work;

    private final SparkSession spark = TestSpark.session();

    @Test
    void viewsCreateAndReturnTypedSplunkFields() throws IOException {
        List<TestEvent> events = List.of(
                web("web:1", T0, "GET", "/cart", "200", "512"),
                web("web:2", T0.plusSeconds(60), "POST", "/checkout", "503", "0"),
                web("web:3", T0.plusSeconds(86_400), "GET", "/", "404", "12"),
                event(
                        "os:1",
                        "os",
                        T0,
                        Map.of("process", List.of("sshd"), "pid", List.of("4242"), "user", List.of("root"))),
                event(
                        "app:1",
                        "app",
                        T0,
                        Map.of("level", List.of("ERROR"), "user.name", List.of("ada"), "tags", List.of("a", "b"))));
        LandedObjects landed = new LandedObjects(work.resolve("bucket"));
        landed.writeParquet(
                LandedObjects.objectKey("topics", "splunk.mixed", "partition=0", 0, 0, "snappy.parquet"), events);
        String schema = "analyst_" + Math.abs(work.hashCode());
        spark.sql("CREATE SCHEMA " + schema);
        IngestRuns.run(
                landed.root().resolve("topics").toUri().toString(),
                work.resolve("checkpoint"),
                "--target-table",
                schema + ".splunk_events");

        for (Path file : sqlFiles()) {
            for (String statement : statements(file)) {
                // Databricks binds :schema; locally, Spark 4.1 with Delta's SQL extension leaves named parameters
                // unbound (even SELECT :x fails), so the test puts the schema's name in place of the marker.
                spark.sql(statement.replace("IDENTIFIER(:schema)", "`" + schema + "`"));
            }
        }

        Row web2 = spark.sql("SELECT * FROM " + schema + ".splunk_events_v WHERE event_id = 'web:2'")
                .first();
        assertThat(web2.<Integer>getAs("status")).isEqualTo(503);
        assertThat(web2.<Long>getAs("bytes")).isZero();
        assertThat(web2.<String>getAs("method")).isEqualTo("POST");
        assertThat(web2.<String>getAs("splunk_index")).isEqualTo("web");
        assertThat(web2.<Integer>getAs("event_hour")).isEqualTo(10);
        Row os = spark.sql(
                        "SELECT user, process, pid, status FROM " + schema + ".splunk_events_v WHERE event_id = 'os:1'")
                .first();
        assertThat(os.getString(0)).isEqualTo("root");
        assertThat(os.getString(1)).isEqualTo("sshd");
        assertThat(os.getInt(2)).isEqualTo(4242);
        assertThat(os.isNullAt(3)).isTrue();
        assertThat(spark.sql("SELECT user, level FROM " + schema + ".splunk_events_v WHERE event_id = 'app:1'")
                        .first()
                        .toSeq()
                        .mkString(","))
                .isEqualTo("ada,ERROR");

        List<Row> access = spark.sql("SELECT event_id, status_class, is_server_error FROM " + schema
                        + ".splunk_web_access_v ORDER BY event_id")
                .collectAsList();
        assertThat(access)
                .extracting(row -> row.mkString(","))
                .containsExactly("web:1,2xx,false", "web:2,5xx,true", "web:3,4xx,false");

        Map<String, Long> perDay = spark
                .sql("SELECT CAST(event_date AS STRING), sum(events) FROM " + schema
                        + ".splunk_daily_volume_v GROUP BY event_date")
                .collectAsList()
                .stream()
                .collect(Collectors.toMap(row -> row.getString(0), row -> row.getLong(1)));
        assertThat(perDay).containsExactlyInAnyOrderEntriesOf(Map.of("2024-11-25", 4L, "2024-11-26", 1L));

        List<Row> freshness = spark.sql("SELECT splunk_index, events, lag_seconds FROM " + schema
                        + ".splunk_ingest_freshness_v ORDER BY splunk_index")
                .collectAsList();
        assertThat(freshness)
                .extracting(row -> row.getString(0) + "=" + row.getLong(1))
                .containsExactly("app=1", "os=1", "web=3");
        // Indexed in 2024, ingested now: the lag is the time in between.
        assertThat(freshness).allSatisfy(row -> assertThat(row.getLong(2)).isGreaterThan(86_400L));
    }

    private static List<Path> sqlFiles() throws IOException {
        try (Stream<Path> files = Files.list(SQL_DIR)) {
            return files.filter(file -> file.toString().endsWith(".sql"))
                    .sorted()
                    .toList();
        }
    }

    /** Splits a file into statements: comment lines dropped, statements end with ';' at the end of a line. */
    private static List<String> statements(Path file) throws IOException {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        assertThat(current.toString().strip())
                .as("unterminated statement in " + file)
                .isEmpty();
        return statements;
    }

    private static TestEvent web(String id, Instant time, String method, String uri, String status, String bytes) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("clientip", List.of("10.1.1.1"));
        fields.put("method", List.of(method));
        fields.put("uri_path", List.of(uri));
        fields.put("status", List.of(status));
        fields.put("bytes", List.of(bytes));
        fields.put("useragent", List.of("curl/8"));
        return event(id, "web", time, fields);
    }

    private static TestEvent event(String id, String index, Instant time, Map<String, List<String>> fields) {
        return new TestEvent(
                id,
                time,
                time.plusSeconds(5),
                index,
                "host-1",
                "/var/log/" + index,
                index + "_log",
                "idx-1",
                String.join(" ", Arrays.asList(id, index, fields.toString())),
                fields,
                "splunk." + index,
                0,
                (long) Math.abs(id.hashCode()));
    }
}
