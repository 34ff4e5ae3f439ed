package io.github.splunkdeltabridge.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.SplunkAuth;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkClientConfig;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reader in local Spark against the Splunk emulator: what a user reads equals what Splunk holds for the range,
 * event for event, under the search cap and through Splunk's faults.
 */
class SplunkSourceIT {

    private static final String TOKEN = "spark-it-token-93c1";
    private static final List<String> INDEXES = List.of("web", "os", "app");
    private static final Instant DAY = Instant.parse("2024-03-01T00:00:00Z");
    private static final Instant NEXT_DAY = Instant.parse("2024-03-02T00:00:00Z");

    private final SparkSession spark = TestSpark.session();
    private SplunkEmulator emulator;

    @BeforeEach
    void resetCounters() {
        TestSpark.TASKS.reset();
    }

    @AfterEach
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private SplunkEmulator start(int quota) {
        emulator = SplunkEmulator.builder()
                .token(TOKEN)
                .maxConcurrentSearches(quota)
                .dataset(GeneratedDataset.builder()
                        .seed(18)
                        .start(DAY)
                        .end(NEXT_DAY)
                        .indexes(INDEXES.toArray(String[]::new))
                        .eventsPerMinute(5)
                        .build())
                .build()
                .start();
        return emulator;
    }

    private Map<String, String> options(Instant start, Instant end) {
        Map<String, String> options = new HashMap<>();
        options.put("splunk.url", emulator.baseUri().toString());
        options.put("splunk.token", TOKEN);
        options.put("splunk.indexes", String.join(",", INDEXES));
        options.put("splunk.backfill.start", start.toString());
        options.put("splunk.backfill.end", end.toString());
        options.put("splunk.retry.backoff.initial", "20ms");
        options.put("splunk.retry.backoff.max", "200ms");
        return options;
    }

    private List<String> readIds(Map<String, String> options) {
        return spark
                .read()
                .format("splunk")
                .options(options)
                .load()
                .select("event_id")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList()
                .stream()
                .sorted()
                .toList();
    }

    /** What Splunk holds: one export per index straight from the client, event time in range, indexed before the end. */
    private List<String> splunkIds(Instant start, Instant end, boolean cutAtEnd) {
        List<String> ids = new ArrayList<>();
        try (SplunkClient client = new SplunkClient(SplunkClientConfig.builder(emulator.baseUri())
                .auth(SplunkAuth.bearerToken(TOKEN))
                .build())) {
            for (String index : INDEXES) {
                ExportRequest.Builder request = ExportRequest.builder("search index=" + index)
                        .earliest(start)
                        .latest(end);
                if (cutAtEnd) {
                    request.indexLatest(end);
                }
                try (SplunkEventStream events = client.export(request.build())) {
                    events.forEachRemaining(event -> ids.add(event.eventId()));
                }
            }
        }
        emulator.stats().reset();
        return ids.stream().sorted().toList();
    }

    @Test
    void threeIndexesOverADayAreReadAsSeveralPartitionsInParallelAndEqualSplunksRangeExactly() {
        start(50);
        List<String> expected = splunkIds(DAY, NEXT_DAY, true);
        Map<String, String> options = options(DAY, NEXT_DAY);
        options.put("splunk.max.concurrent.searches", "4");

        Dataset<Row> events = spark.read().format("splunk").options(options).load();
        assertThat(events.rdd().getNumPartitions()).isEqualTo(4);
        List<String> ids = readIds(options);

        assertThat(expected).hasSizeGreaterThan(20_000);
        assertThat(ids).isEqualTo(expected);
        // Two cores: partitions ran side by side (the listener may see a task start before the previous one's end).
        assertThat(TestSpark.TASKS.mostAtOnce()).isGreaterThanOrEqualTo(2);
        // 3 indexes x 24 hourly slices, each exported once.
        assertThat(emulator.stats().exportRequests()).isEqualTo(72);
        assertThat(events.schema().fieldNames())
                .containsExactly(
                        "event_id",
                        "event_time",
                        "index_time",
                        "index",
                        "host",
                        "source",
                        "sourcetype",
                        "splunk_server",
                        "raw",
                        "fields");
    }

    @Test
    void neverMoreSearchesAtOnceThanTheCapThoughSparkHasMoreCores() {
        start(1);
        Instant end = DAY.plusSeconds(6 * 3600);
        List<String> expected = splunkIds(DAY, end, true);
        Map<String, String> options = options(DAY, end);
        options.put("splunk.max.concurrent.searches", "1");

        assertThat(readIds(options)).isEqualTo(expected);
        // Splunk's quota is one search: a second one at any moment would have been answered 503.
        assertThat(emulator.stats().rejectedRequests()).isZero();
    }

    @Test
    void aCapAboveSplunksQuotaMeets503sThatAreRetriedWithoutLoss() {
        start(1);
        Instant end = DAY.plusSeconds(6 * 3600);
        List<String> expected = splunkIds(DAY, end, true);
        Map<String, String> options = options(DAY, end);
        options.put("splunk.max.concurrent.searches", "2");
        options.put("splunk.retry.max.attempts", "50");
        emulator.faults().quotaExceeded(3);

        assertThat(readIds(options)).isEqualTo(expected);
        assertThat(emulator.stats().rejectedRequests()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void streamsCutMidwayAreResumedWithoutLossOrDuplicates() {
        start(50);
        Instant end = DAY.plusSeconds(6 * 3600);
        List<String> expected = splunkIds(DAY, end, true);
        emulator.faults().dropConnectionAfterRows(40, 5);

        assertThat(readIds(options(DAY, end))).isEqualTo(expected);
        // 3 x 6 slices, plus one resumed export per cut.
        assertThat(emulator.stats().exportRequests()).isEqualTo(18 + 5);
    }

    @Test
    void aPartitionTheClientGivesUpOnIsReadAgainBySparksTaskRetry() {
        start(50);
        Instant end = DAY.plusSeconds(6 * 3600);
        List<String> expected = splunkIds(DAY, end, true);
        Map<String, String> options = options(DAY, end);
        options.put("splunk.retry.max.attempts", "1");
        emulator.faults().dropConnectionAfterRows(40, 1);

        assertThat(readIds(options)).isEqualTo(expected);
        assertThat(TestSpark.TASKS.failed()).isEqualTo(1);
    }

    @Test
    void badOptionsFailAtLoadWithAMessageNamingTheOption() {
        start(50);
        Map<String, String> options = options(DAY, NEXT_DAY);
        options.put("splunk.slice.duration", "hourly");
        assertThatThrownBy(() -> spark.read().format("splunk").options(options).load())
                .hasMessageContaining("splunk.slice.duration: not a duration")
                .hasMessageContaining("'hourly'");

        Map<String, String> noStart = options(DAY, NEXT_DAY);
        noStart.remove("splunk.backfill.start");
        noStart.remove("splunk.backfill.end");
        assertThatThrownBy(() ->
                        spark.read().format("splunk").options(noStart).load().count())
                .hasMessageContaining("splunk.backfill.start: required for spark.read");
    }

    @Test
    void aWrongTokenFailsTheReadWithSplunksAnswerAndNotTheToken() {
        start(50);
        Map<String, String> options = options(DAY, DAY.plusSeconds(3600));
        options.put("splunk.token", "not-the-token-5521");
        assertThatThrownBy(() -> readIds(options))
                .hasStackTraceContaining("401")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("not-the-token-5521"));
    }

    @Test
    void theTokenCanComeFromTheSessionsSparkDatasourceSettingAsASecretReferenceWould() {
        start(50);
        Instant end = DAY.plusSeconds(3600);
        List<String> expected = splunkIds(DAY, end, true);
        Map<String, String> options = options(DAY, end);
        options.remove("splunk.token");
        spark.conf().set("spark.datasource.splunk.splunk.token", TOKEN);
        try {
            assertThat(readIds(options)).isEqualTo(expected);
        } finally {
            spark.conf().unset("spark.datasource.splunk.splunk.token");
        }
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    /** Collects the ids of every micro-batch. */
    private static final ConcurrentLinkedQueue<String> STREAMED = new ConcurrentLinkedQueue<>();

    private static final ConcurrentLinkedQueue<Long> BATCHES = new ConcurrentLinkedQueue<>();

    private long stream(Map<String, String> options, Path checkpoint) throws Exception {
        long before = BATCHES.size();
        StreamingQuery query = spark.readStream()
                .format("splunk")
                .options(options)
                .load()
                .writeStream()
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> {
                    batch.select("event_id")
                            .as(org.apache.spark.sql.Encoders.STRING())
                            .collectAsList()
                            .forEach(STREAMED::add);
                    BATCHES.add(id);
                })
                .option("checkpointLocation", checkpoint.toString())
                .trigger(Trigger.AvailableNow())
                .start();
        query.awaitTermination();
        return BATCHES.size() - before;
    }

    @Test
    void aStreamReadsTheBackfillInMicroBatchesAndARestartFromItsCheckpointReadsNothingAgain() throws Exception {
        start(50);
        List<String> expected = splunkIds(DAY, NEXT_DAY, true);
        Map<String, String> options = options(DAY, NEXT_DAY);
        options.put("splunk.max.slices.per.batch", "6");
        Path checkpoint = Files.createTempDirectory("splunk-stream-checkpoint");
        STREAMED.clear();

        assertThat(stream(options, checkpoint)).isEqualTo(4);
        assertThat(STREAMED.stream().sorted().toList()).isEqualTo(expected);

        emulator.stats().reset();
        assertThat(stream(options, checkpoint)).isZero();
        assertThat(emulator.stats().exportRequests()).isZero();
        assertThat(STREAMED).hasSize(expected.size());
    }

    @Test
    void theTailPicksUpWhereTheBackfillEndsSoTogetherTheyReadEveryEventOnce() throws Exception {
        start(50);
        // Everything in the emulator: the whole day, however late it was indexed.
        List<String> everything = splunkIds(DAY, NEXT_DAY, false);
        Map<String, String> options = options(DAY, DAY.plusSeconds(12 * 3600));
        options.put("splunk.tail.enabled", "true");
        options.put("splunk.slice.duration", "6h");
        Path checkpoint = Files.createTempDirectory("splunk-tail-checkpoint");
        STREAMED.clear();

        stream(options, checkpoint);

        assertThat(STREAMED.stream().sorted().toList()).isEqualTo(everything);
    }
}
