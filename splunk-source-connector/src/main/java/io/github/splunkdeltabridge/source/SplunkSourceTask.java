package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.SplunkClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a share of the backfill slices and the tails of some searches. Between backfill batches it gives the
 * tails their turn when they are due, so new events keep flowing during a long migration.
 */
public final class SplunkSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(SplunkSourceTask.class);
    private static final Duration LONGEST_IDLE_POLL = Duration.ofSeconds(1);

    private final Clock clock = Clock.systemUTC();
    private SplunkClient client;
    private SliceWork backfill;
    private TailWork tail;
    private final TaskMetrics metrics = new TaskMetrics();
    private TaskGauges gauges;
    private int batchSize;
    private volatile boolean stopping;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        SplunkSourceConfig config = new SplunkSourceConfig(props);
        TaskAssignment assignment = TaskAssignment.from(props);
        List<SearchSpec> searches = SearchSpec.from(config);
        String name = "task " + assignment.taskIndex() + "/" + assignment.taskCount();
        batchSize = config.batchSize();
        client = new SplunkClient(config.clientConfig());
        BackfillProgress progress = new BackfillProgress(name, clock, Duration.ofSeconds(30));
        backfill = new SliceWork(
                client,
                assignment.slices(searches, config.backfillStart(), config.sliceDuration()),
                context.offsetStorageReader(),
                assignment.backfillEnd(),
                progress,
                metrics,
                config.kafkaTimestamp());
        if (config.tailEnabled()) {
            tail = new TailWork(
                    client,
                    assignment.tails(searches),
                    context.offsetStorageReader(),
                    assignment.backfillEnd(),
                    config.tailLag(),
                    config.tailPollInterval(),
                    metrics,
                    config.kafkaTimestamp());
        }
        gauges = TaskGauges.forTask(context, props.getOrDefault("name", "unnamed"), assignment.taskIndex());
        metrics.register(gauges, client, progress, () -> tail, clock);
        LOG.info(
                "Splunk source {} started: backfill end {}, tail {}",
                name,
                assignment.backfillEnd(),
                config.tailEnabled() ? "on" : "off");
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        try {
            return nextBatch();
        } catch (RuntimeException e) {
            if (stopping) {
                // stop() closed the client under a running export: a shutdown, not a failure.
                LOG.debug("Export interrupted by shutdown: {}", e.toString());
                return null;
            }
            throw e;
        }
    }

    private List<SourceRecord> nextBatch() throws InterruptedException {
        Instant now = clock.instant();
        if (tail != null && tail.untilDue(now).isZero()) {
            List<SourceRecord> records = tail.poll(batchSize, now);
            if (!records.isEmpty()) {
                return records;
            }
        }
        if (backfill.hasWork()) {
            return backfill.poll(batchSize);
        }
        Duration idle = tail == null ? LONGEST_IDLE_POLL : tail.untilDue(clock.instant());
        Thread.sleep(Math.max(1, Math.min(idle.toMillis(), LONGEST_IDLE_POLL.toMillis())));
        return null;
    }

    @Override
    public void stop() {
        stopping = true;
        // Connect calls stop() from another thread; closing the client aborts a poll blocked on Splunk.
        if (client != null) {
            client.close();
        }
        if (gauges != null) {
            gauges.close();
        }
    }
}
