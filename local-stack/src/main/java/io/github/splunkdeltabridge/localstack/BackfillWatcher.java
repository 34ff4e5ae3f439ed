package io.github.splunkdeltabridge.localstack;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Waits until the backfill has been read from Splunk and every record of it has landed in S3, printing a progress
 * line every few seconds (slices, events, rate, records in Kafka, objects in S3). Fails early when a connector or
 * task fails, and when nothing moves for a long time.
 */
final class BackfillWatcher {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration STALL_LIMIT = Duration.ofMinutes(5);

    private final PrintStream out;
    private final ConnectorDeployer connect;
    private final SourceMetrics metrics;
    private final KafkaTopicsView topics;
    private final S3Objects landing;
    private final String topicsDir;

    BackfillWatcher(
            PrintStream out,
            ConnectorDeployer connect,
            SourceMetrics metrics,
            KafkaTopicsView topics,
            S3Objects landing,
            String topicsDir) {
        this.out = out;
        this.connect = connect;
        this.metrics = metrics;
        this.topics = topics;
        this.landing = landing;
        this.topicsDir = topicsDir;
    }

    /** What had landed when the watcher returned. */
    /** What landed, and how many events the source read in this run (0 when a stored offset said all were done). */
    record Result(long kafkaRecords, S3Objects.Listing objects, long eventsRead) {}

    Result awaitLanded(String source, String sink, String sinkGroup) {
        long started = System.nanoTime();
        long lastChange = started;
        String lastState = "";
        long previousEvents = 0;
        while (true) {
            sleep();
            ConnectorDeployer.ConnectorStatus sourceStatus = connect.status(source);
            ConnectorDeployer.ConnectorStatus sinkStatus = connect.status(sink);
            SourceMetrics.Snapshot backfill = metrics.read();
            long records = topics.countRecords();
            S3Objects.Listing objects = landing.list(topicsDir + "/");
            double seconds = (System.nanoTime() - started) / 1e9;
            long rate = Math.round((backfill.events() - previousEvents) / (double) INTERVAL.toSeconds());
            previousEvents = backfill.events();
            out.printf(
                    "  [%4.0fs] backfill %d/%d slices, %,d events read (%,d/s) | Kafka %,d records | S3 %,d objects%n",
                    seconds,
                    backfill.slicesDone(),
                    backfill.slicesTotal(),
                    backfill.events(),
                    rate,
                    records,
                    objects.objects());

            boolean running = sourceStatus.running() && sinkStatus.running();
            if (running && backfill.backfillDone(sourceStatus.taskStates().size()) && topics.landedBy(sinkGroup)) {
                out.printf("Backfill read and landed in %.0f s.%n", seconds);
                return new Result(records, objects, backfill.events());
            }
            String state = backfill + "/" + records + "/" + objects;
            if (!state.equals(lastState)) {
                lastState = state;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STALL_LIMIT.toNanos()) {
                throw new StackException("Nothing moved for " + STALL_LIMIT.toMinutes() + " minutes (source "
                        + sourceStatus.connectorState() + " " + sourceStatus.taskStates() + ", sink "
                        + sinkStatus.connectorState() + " " + sinkStatus.taskStates() + ")");
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for the backfill", e);
        }
    }
}
