package io.github.splunkdeltabridge.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts a task's backfill progress and logs a line now and then: slices done, events, rate, time left. */
final class BackfillProgress {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillProgress.class);

    private final String taskName;
    private final Clock clock;
    private final Duration logEvery;
    private int slicesTotal;
    private int slicesDone;
    private int slicesDoneAtStart;
    private long events;
    private Instant started;
    private Instant lastLog;

    BackfillProgress(String taskName, Clock clock, Duration logEvery) {
        this.taskName = taskName;
        this.clock = clock;
        this.logEvery = logEvery;
    }

    void start(int total, int alreadyDone, int resumedMidSlice) {
        slicesTotal = total;
        slicesDone = alreadyDone;
        slicesDoneAtStart = alreadyDone;
        started = clock.instant();
        lastLog = started;
        LOG.info(
                "{}: backfill of {} slices, {} already done, {} resumed from a stored position",
                taskName,
                total,
                alreadyDone,
                resumedMidSlice);
    }

    void event() {
        events++;
        maybeLog();
    }

    void sliceDone() {
        slicesDone++;
        if (slicesDone == slicesTotal) {
            LOG.info("{}: backfill finished: {} slices, {} events in this run", taskName, slicesTotal, events);
        } else {
            maybeLog();
        }
    }

    int slicesDone() {
        return slicesDone;
    }

    int slicesTotal() {
        return slicesTotal;
    }

    long events() {
        return events;
    }

    private void maybeLog() {
        Instant now = clock.instant();
        if (Duration.between(lastLog, now).compareTo(logEvery) < 0) {
            return;
        }
        lastLog = now;
        double seconds = Math.max(1, Duration.between(started, now).toMillis()) / 1000.0;
        int doneThisRun = slicesDone - slicesDoneAtStart;
        String eta = doneThisRun == 0
                ? "unknown"
                : Duration.ofSeconds((long) (seconds / doneThisRun * (slicesTotal - slicesDone)))
                        .toString();
        LOG.info(
                "{}: backfill {}/{} slices, {} events, {} events/s, about {} left",
                taskName,
                slicesDone,
                slicesTotal,
                events,
                String.format("%.0f", events / seconds),
                eta);
    }
}
