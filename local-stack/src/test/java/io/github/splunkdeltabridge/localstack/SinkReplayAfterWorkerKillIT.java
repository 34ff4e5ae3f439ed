package io.github.splunkdeltabridge.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import io.github.splunkdeltabridge.s3testkit.ObjectWrite;
import io.github.splunkdeltabridge.s3testkit.S3TestServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 sink with wall-clock rotation on, in a Connect worker SIGKILLed twice while objects land faster than Connect
 * commits: each restarted worker replays records whose objects are already in S3, cut elsewhere by the wall clock.
 * The S3 server must have accepted each key once (the replays were refused at taken keys), and the Delta table must
 * hold exactly the emulator's events.
 */
@Tag("soak")
class SinkReplayAfterWorkerKillIT {

    private static final String BUCKET = "splunk-archive";
    private final PrintStream out = System.out;

    @TempDir
    Path dir;

    @Test
    void aWorkerKilledWithWallClockRotationOnNeverWritesAKeyTwiceAndTheDeltaTableIsExact() throws Exception {
        long began = System.nanoTime();
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofMinutes(30));
        GeneratedDataset dataset = SoakWorkers.dataset(16, start, end);
        LocalSecrets secrets = LocalSecrets.loadOrCreate(dir);

        try (SplunkEmulator emulator = SoakWorkers.startEmulator(dataset, secrets, end);
                S3TestServer s3 = LocalPipeline.startS3Server(dir.resolve("s3"), PortCheck.anyFree(), secrets);
                KafkaBroker broker = KafkaBroker.start(
                        dir.resolve("kafka"),
                        org.apache.kafka.common.Uuid.randomUuid().toString(),
                        PortCheck.anyFree(),
                        PortCheck.anyFree());
                KafkaTopicsView topics =
                        new KafkaTopicsView(broker.bootstrapServers(), Pattern.compile("splunk\\..*"))) {
            s3.createBucket(BUCKET);
            TreeSet<String> expected =
                    EmulatorEvents.eventIds(emulator.baseUri(), secrets.emulatorToken(), dataset.indexes(), start, end);

            int restPort = PortCheck.anyFree();
            Map<String, String> settings = SoakWorkers.workerSettings(broker.bootstrapServers(), restPort);
            // Objects land every 2 s (below) but offsets are committed every 30 s, so a kill finds landed objects
            // whose offsets Kafka does not have: the restarted worker replays them.
            settings.put("offset.flush.interval.ms", "30000");
            Path workerDir = Path.of("target", "sink-replay-worker");
            try (ChildConnectWorker worker = new ChildConnectWorker(workerDir, settings, restPort)) {
                worker.start();
                out.printf("worker started %d s into the run%n", secondsSince(began));
                ConnectorDeployer deployer = new ConnectorDeployer(worker.restUri());
                Map<String, String> source = SoakWorkers.sourceSettings(emulator, dataset, secrets, start, end);
                deployer.deploy(Path.of("..", "config", "splunk-source.json"), source);
                Map<String, String> sink = ConnectorOverrides.sink(s3.endpoint(), secrets);
                sink.put("rotate.schedule.interval.ms", "2000");
                deployer.deploy(Path.of("..", "config", "s3-sink.json"), sink);
                // Slow rows keep the backfill going long enough for both kills to land in the middle of it.
                emulator.faults().slowStream(Duration.ofMillis(3));

                for (int kill = 1; kill <= 2; kill++) {
                    int landed = awaitMoreWrites(s3, s3.writes().size() + 2);
                    worker.kill();
                    out.printf(
                            "kill %d: SIGKILLed the worker after %d objects landed, %d s into the run%n",
                            kill, landed, secondsSince(began));
                    worker.start();
                }
                emulator.faults().clear();
                SoakWorkers.awaitLanded(topics, expected.size(), Duration.ofMinutes(5));
                out.printf("everything landed %d s into the run%n", secondsSince(began));
            }

            List<String> keysWritten = s3.writes().stream()
                    .filter(write -> write.bucket().equals(BUCKET))
                    .map(ObjectWrite::key)
                    .toList();
            out.printf(
                    "S3 accepted %d writes and refused %d at taken keys%n",
                    keysWritten.size(), s3.refusedWrites().size());
            assertThat(keysWritten).as("keys written").doesNotHaveDuplicates();
            assertThat(s3.keys(BUCKET)).containsExactlyInAnyOrderElementsOf(keysWritten);
            assertThat(s3.refusedWrites())
                    .as("replayed uploads refused because their keys were taken")
                    .isNotEmpty();
            assertThat(landedEventIds(s3))
                    .as("each event in exactly one object")
                    .hasSize(expected.size())
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);

            out.printf("S3 checked %d s into the run%n", secondsSince(began));
            try (DeltaStep delta = new DeltaStep(dir.resolve("delta"), s3.endpoint(), secrets, BUCKET, "topics", out)) {
                DeltaStep.TableSummary table = delta.ingestAndReport();
                assertThat(table.rows()).isEqualTo(expected.size());
                assertThat(table.distinctIds()).isEqualTo(expected.size());
                assertThat(table.idsDigest()).isEqualTo(EmulatorEvents.digest(expected));
            }
            out.printf("Delta table checked %d s into the run%n", secondsSince(began));
        }
    }

    private static long secondsSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toSeconds();
    }

    /** The event ids of every landed object, one entry per row. */
    private List<String> landedEventIds(S3TestServer s3) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        Path downloads = java.nio.file.Files.createDirectories(dir.resolve("downloads"));
        for (String key : s3.keys(BUCKET)) {
            Path file = downloads.resolve(ids.size() + "-" + key.substring(key.lastIndexOf('/') + 1));
            s3.download(BUCKET, key, file);
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                            new LocalInputFile(file))
                    .build()) {
                for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                    ids.add(row.get("event_id").toString());
                }
            }
        }
        return ids;
    }

    /** Waits until the server has accepted at least {@code writes} writes (or two minutes pass); answers the count. */
    private static int awaitMoreWrites(S3TestServer s3, int writes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (s3.writes().size() < writes && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return s3.writes().size();
    }
}
