package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.FailureKind;
import io.github.splunkdeltabridge.client.SplunkClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a share of the backfill slices and the tails of some searches. Between backfill batches it gives the
 * tails their turn when they are due, so new events keep flowing during a long migration.
 *
 * <p>Before its first export the task reads what the Splunk server is ({@code server/info}: version, search API) and
 * what the user's roles allow, and refuses a configuration the roles would silently narrow. Failures are sorted by
 * {@link FailureKind}: when Splunk stays unavailable beyond a request's retries the task waits and tries again
 * indefinitely ({@link SplunkOutage}); only permanent failures fail it.
 */
public final class SplunkSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(SplunkSourceTask.class);
    private static final Duration LONGEST_IDLE_POLL = Duration.ofSeconds(1);

    private final Clock clock = Clock.systemUTC();
    private SplunkSourceConfig config;
    private SplunkClient client;
    private SliceWork backfill;
    private TailWork tail;
    private SplunkOutage outage;
    private final TaskMetrics metrics = new TaskMetrics();
    private TaskGauges gauges;
    private int batchSize;
    private boolean connected;
    private volatile boolean stopping;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new SplunkSourceConfig(props);
        TaskAssignment assignment = TaskAssignment.from(props);
        List<SearchSpec> searches = SearchSpec.from(config);
        String name = "task " + assignment.taskIndex() + "/" + assignment.taskCount();
        batchSize = config.batchSize();
        client = new SplunkClient(config.clientConfig());
        SearchOptions options = SearchOptions.from(config);
        BackfillProgress progress = new BackfillProgress(name, clock, Duration.ofSeconds(30));
        Instant indexLatest = config.backfillIndexLatestOrNull();
        backfill = new SliceWork(
                client,
                assignment.slices(searches, config.backfillStart(), config.sliceDuration()),
                context.offsetStorageReader(),
                assignment.backfillEnd(),
                indexLatest != null ? indexLatest : assignment.backfillEnd(),
                progress,
                metrics,
                config.kafkaTimestamp(),
                options);
        if (config.tailEnabled()) {
            tail = new TailWork(
                    client,
                    assignment.tails(searches),
                    context.offsetStorageReader(),
                    assignment.backfillEnd(),
                    config.tailLag(),
                    config.tailPollInterval(),
                    metrics,
                    config.kafkaTimestamp(),
                    options,
                    config.tailMaxEventAge());
        }
        outage = new SplunkOutage(clock, config.retryInitialBackoff(), config.outageMaxBackoff());
        gauges = TaskGauges.forTask(context, props.getOrDefault("name", "unnamed"), assignment.taskIndex());
        metrics.register(gauges, client, progress, () -> tail, outage, clock);
        LOG.info(
                "Splunk source {} started: backfill end {}, tail {}",
                name,
                assignment.backfillEnd(),
                config.tailEnabled() ? "on" : "off");
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Duration wait = outage.remainingWait();
        if (!wait.isZero()) {
            Thread.sleep(Math.max(1, Math.min(wait.toMillis(), LONGEST_IDLE_POLL.toMillis())));
            return null;
        }
        try {
            connectOnce();
            List<SourceRecord> records = nextBatch();
            RuntimeException down = backfill.takeUnavailable();
            if (tail != null && down == null) {
                down = tail.takeUnavailable();
            }
            if (down != null) {
                outage.failed(down);
            } else {
                outage.recovered();
            }
            return records;
        } catch (RuntimeException e) {
            if (stopping) {
                // stop() closed the client under a running export: a shutdown, not a failure.
                LOG.debug("Export interrupted by shutdown: {}", e.toString());
                return null;
            }
            if (FailureKind.of(e) == FailureKind.TRANSIENT) {
                outage.failed(e);
                return null;
            }
            throw e instanceof ConnectException ce ? ce : new ConnectException(e.getMessage(), e);
        }
    }

    /** Server version and search API, then the roles' limits: once, before the first export. */
    private void connectOnce() {
        if (connected) {
            return;
        }
        client.connect();
        RoleLimitCheck check = new RoleLimitCheck(client.roleLimits());
        Map<String, String> errors = check.errors(config, clock.instant());
        // A backfill start older than srchTimeEarliest matters for the slices still to read; each is checked as it
        // starts. The slice length matters only while slices remain.
        errors.remove(SplunkSourceConfig.BACKFILL_START);
        if (!backfill.hasWork()) {
            errors.remove(SplunkSourceConfig.SLICE_DURATION);
        }
        if (!errors.isEmpty()) {
            throw new ConnectException(
                    "The Splunk user's roles do not allow this configuration: " + String.join("; ", errors.values()));
        }
        LOG.info("Splunk role limits: {}", check.limits());
        backfill.checkAgainst(check);
        if (tail != null) {
            tail.checkAgainst(check);
        }
        connected = true;
    }

    private List<SourceRecord> nextBatch() throws InterruptedException {
        Instant now = clock.instant();
        if (tail != null && tail.untilDue(now).isZero()) {
            List<SourceRecord> records = tail.poll(batchSize, now);
            if (!records.isEmpty() || tail.stoppedByOutage()) {
                return records;
            }
        }
        if (backfill.hasWork() && backfill.untilReady(now).isZero()) {
            return backfill.poll(batchSize, now);
        }
        Duration idle = LONGEST_IDLE_POLL;
        if (tail != null) {
            idle = min(idle, tail.untilDue(clock.instant()));
        }
        if (backfill.hasWork()) {
            idle = min(idle, backfill.untilReady(clock.instant()));
        }
        Thread.sleep(Math.max(1, idle.toMillis()));
        return null;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
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
