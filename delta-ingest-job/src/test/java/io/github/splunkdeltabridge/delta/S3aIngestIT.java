package io.github.splunkdeltabridge.delta;

import static io.github.splunkdeltabridge.delta.LocalFilesIngestIT.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.delta.DeltaIngestJob.IngestSummary;
import io.github.splunkdeltabridge.delta.testkit.IngestRuns;
import io.github.splunkdeltabridge.delta.testkit.LandedObjects;
import io.github.splunkdeltabridge.delta.testkit.TestEvent;
import io.github.splunkdeltabridge.delta.testkit.TestEvents;
import io.github.splunkdeltabridge.delta.testkit.TestSpark;
import io.github.splunkdeltabridge.s3testkit.S3TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job reading through s3a from an in-process S3-compatible server, as it would read the sink's bucket. */
class S3aIngestIT {

    private static final String BUCKET = "landing";
    private static final Instant START = Instant.parse("2026-11-25T13:00:00Z");

    @TempDir
    static Path work;

    private static S3TestServer s3;
    private final SparkSession spark = TestSpark.session();

    @BeforeAll
    static void startS3() throws Exception {
        // In a JVM of its own: s3proxy cannot share Spark's class path.
        s3 = S3TestServer.builder(work.resolve("s3-storage")).inChildJvm().start();
        s3.createBucket(BUCKET);
        Configuration hadoop = TestSpark.session().sparkContext().hadoopConfiguration();
        s3.s3aSettings(BUCKET).forEach(hadoop::set);
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void ingestsObjectsFromS3AndOnTheNextRunOnlyNewOnes() {
        LandedObjects staged = new LandedObjects(work.resolve("staged-1"));
        List<TestEvent> web = TestEvents.of("web", 0, 0, 25, START);
        List<TestEvent> os = TestEvents.of("os", 2, 0, 10, START);
        staged.writeParquet(
                LandedObjects.objectKey("topics", "splunk.web", "partition=0", 0, 0, "snappy.parquet"), web);
        staged.writeParquet(
                LandedObjects.objectKey(
                        "topics", "splunk.os", "year=2026/month=11/day=25/hour=13", 2, 0, "snappy.parquet"),
                os);
        s3.uploadTree(BUCKET, staged.root());
        Path checkpoint = work.resolve("checkpoint");
        String table = work.resolve("delta/events").toUri().toString();

        IngestSummary first = IngestRuns.run("s3a://" + BUCKET + "/topics", checkpoint, "--target-path", table);

        List<String> expected = new ArrayList<>(ids(web));
        expected.addAll(ids(os));
        assertThat(first.rowsInserted()).isEqualTo(expected.size());
        assertThat(ids(spark.read().format("delta").load(table))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(spark.read()
                        .format("delta")
                        .load(table)
                        .where("source_file NOT LIKE 's3a://landing/topics/%'")
                        .count())
                .isZero();

        // Next: one new object, and one already ingested uploaded again under a new key.
        LandedObjects next = new LandedObjects(work.resolve("staged-2"));
        List<TestEvent> newer = TestEvents.of("web", 0, 25, 6, START.plusSeconds(3 * 3600));
        next.writeParquet(
                LandedObjects.objectKey("topics", "splunk.web", "partition=0", 0, 25, "snappy.parquet"), newer);
        next.writeParquet(LandedObjects.objectKey("topics", "splunk.os", "partition=2", 2, 0, "snappy.parquet"), os);
        s3.uploadTree(BUCKET, next.root());

        IngestSummary second = IngestRuns.run("s3a://" + BUCKET + "/topics", checkpoint, "--target-path", table);

        assertThat(second.eventsRead()).isEqualTo(newer.size() + os.size());
        assertThat(second.rowsInserted()).isEqualTo(newer.size());
        expected.addAll(ids(newer));
        assertThat(ids(spark.read().format("delta").load(table))).containsExactlyInAnyOrderElementsOf(expected);
    }
}
