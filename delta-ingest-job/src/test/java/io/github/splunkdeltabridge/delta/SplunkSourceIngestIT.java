package io.github.splunkdeltabridge.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.SplunkAuth;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkClientConfig;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import io.github.splunkdeltabridge.delta.DeltaIngestJob.IngestSummary;
import io.github.splunkdeltabridge.delta.options.IngestCommand;
import io.github.splunkdeltabridge.delta.source.SplunkEvents;
import io.github.splunkdeltabridge.delta.testkit.TestSpark;
import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job with --source-reader splunk: a backfill straight from Splunk into the table, through the same MERGE. */
class SplunkSourceIngestIT {

    private static final String TOKEN = "delta-splunk-it-token-4410";
    private static final List<String> INDEXES = List.of("web", "os", "app");
    private static final Instant DAY = Instant.parse("2024-03-01T00:00:00Z");
    private static final Instant NEXT_DAY = Instant.parse("2024-03-02T00:00:00Z");

    @TempDir
    Path work;

    private final SparkSession spark = TestSpark.session();
    private SplunkEmulator emulator;
    private String table;

    @BeforeEach
    void startSplunk() {
        emulator = SplunkEmulator.builder()
                .token(TOKEN)
                .dataset(GeneratedDataset.builder()
                        .seed(1804)
                        .start(DAY)
                        .end(NEXT_DAY)
                        .indexes(INDEXES.toArray(String[]::new))
                        .eventsPerMinute(2)
                        .build())
                .build()
                .start();
        table = work.resolve("delta/events").toUri().toString();
    }

    @AfterEach
    void stopSplunk() {
        emulator.close();
    }

    private IngestSummary backfill(String checkpoint) {
        try {
            return DeltaIngestJob.run(
                    spark,
                    IngestCommand.parse(
                            "--source-reader",
                            "splunk",
                            "--source-option",
                            "splunk.url=" + emulator.baseUri(),
                            "--source-option",
                            "splunk.token=" + TOKEN,
                            "--source-option",
                            "splunk.indexes=" + String.join(",", INDEXES),
                            "--source-option",
                            "splunk.backfill.start=" + DAY,
                            "--source-option",
                            "splunk.backfill.end=" + NEXT_DAY,
                            "--checkpoint-location",
                            work.resolve(checkpoint).toUri().toString(),
                            "--target-path",
                            table));
        } catch (StreamingQueryException e) {
            throw new AssertionError("the ingest query failed", e);
        }
    }

    /** The day as Splunk holds it, read by the client directly, one export per index, indexed before the day's end. */
    private List<String> splunkIds() {
        List<String> ids = new ArrayList<>();
        try (SplunkClient client = new SplunkClient(SplunkClientConfig.builder(emulator.baseUri())
                .auth(SplunkAuth.bearerToken(TOKEN))
                .build())) {
            for (String index : INDEXES) {
                try (SplunkEventStream events = client.export(ExportRequest.builder("search index=" + index)
                        .earliest(DAY)
                        .latest(NEXT_DAY)
                        .indexLatest(NEXT_DAY)
                        .build())) {
                    events.forEachRemaining(event -> ids.add(event.eventId()));
                }
            }
        }
        return ids.stream().sorted().toList();
    }

    private List<String> tableIds() {
        return spark
                .read()
                .format("delta")
                .load(table)
                .select(SplunkEventColumns.EVENT_ID)
                .as(Encoders.STRING())
                .collectAsList()
                .stream()
                .sorted()
                .toList();
    }

    @Test
    void aBackfillFromSplunkLandsInTheTableExactlyAndReRunsAddNothing() {
        List<String> expected = splunkIds();

        IngestSummary first = backfill("checkpoint");
        // 24 hourly slices: one micro-batch at the default splunk.max.slices.per.batch.
        assertThat(first.batches()).isEqualTo(1);
        assertThat(first.rowsInserted()).isEqualTo(expected.size());
        assertThat(tableIds()).isEqualTo(expected);
        assertThat(spark.read()
                        .format("delta")
                        .load(table)
                        .where(SplunkEventColumns.SOURCE_FILE + " = '" + SplunkEvents.LINEAGE + "'")
                        .count())
                .isEqualTo(expected.size());

        // The same checkpoint: the stream is done, nothing is read.
        emulator.stats().reset();
        IngestSummary again = backfill("checkpoint");
        assertThat(again.rowsInserted()).isZero();
        assertThat(emulator.stats().exportRequests()).isZero();

        // A repair of the same range with a new checkpoint reads everything again; the MERGE adds nothing.
        IngestSummary repair = backfill("repair-checkpoint");
        assertThat(repair.eventsRead()).isEqualTo(expected.size());
        assertThat(repair.rowsInserted()).isZero();
        assertThat(tableIds()).isEqualTo(expected);
    }

    @Test
    void rowsOutOfOrderCutMidSliceAreReadAgainWholeAndTheTableHoldsEachEventOnce() {
        List<String> expected = splunkIds();
        // The first two exports: rows 20-49 as two peers' streams concatenated, then the connection cut at row 80.
        // The client sees the order broken, so it reads the slice again whole instead of below its lowest time.
        emulator.faults().outOfOrderDelivery(20, 30, 2).dropConnectionAfterRows(80, 2);

        IngestSummary summary = backfill("checkpoint");

        assertThat(summary.eventsRead())
                .as("the rows before each cut come twice")
                .isBetween((long) expected.size() + 1, (long) expected.size() + 2 * 80);
        assertThat(summary.rowsInserted()).isEqualTo(expected.size());
        assertThat(tableIds()).isEqualTo(expected);
    }
}
