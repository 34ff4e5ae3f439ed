package io.github.splunkdeltabridge.emulator;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs API's memory: each created job keeps its search so its results can be paged. Results are computed
 * again for each page rather than stored, which keeps the emulator's memory flat for any result size.
 * A job walks through Splunk's dispatch states (QUEUED, PARSING, RUNNING, FINALIZING, DONE) over
 * {@link #RUN_TIME}, so clients exercise their status polling; {@code exec_mode=blocking} jobs are DONE at once.
 */
final class SearchJobs {

    /** How long a new job takes from QUEUED to DONE: long enough for a client (or test) to see it unfinished. */
    static final Duration RUN_TIME = Duration.ofMillis(250);

    /** Splunk keeps an ad hoc job's artifacts this long after it was last touched (the default {@code ttl}). */
    static final Duration JOB_TTL = Duration.ofMinutes(10);

    static final class Job {
        final String sid;
        final SearchRun run;
        private final long createdNanos;
        private final boolean blocking;
        private volatile long lastTouchedNanos;
        private volatile long[] counts;

        Job(String sid, SearchRun run, boolean blocking) {
            this.sid = sid;
            this.run = run;
            this.createdNanos = System.nanoTime();
            this.lastTouchedNanos = createdNanos;
            this.blocking = blocking;
        }

        /** Share of the run time elapsed, 0..1. */
        double progress() {
            if (blocking) {
                return 1.0;
            }
            return Math.min(1.0, (double) (System.nanoTime() - createdNanos) / RUN_TIME.toNanos());
        }

        boolean isDone() {
            return progress() >= 1.0;
        }

        String dispatchState() {
            double p = progress();
            if (p >= 1.0) {
                return "DONE";
            }
            return p < 0.1 ? "QUEUED" : p < 0.2 ? "PARSING" : p < 0.85 ? "RUNNING" : "FINALIZING";
        }

        /** Events the search matched. */
        long eventCount() {
            return counts()[0];
        }

        /** Rows the search produced (the event count for event searches). */
        long resultCount() {
            return counts()[1];
        }

        /** Counted once, on first request: the dataset is deterministic, so the counts cannot change. */
        private long[] counts() {
            long[] known = counts;
            if (known == null) {
                long events = count(run.events());
                known = new long[] {events, run.isTransforming() ? count(run.rows()) : events};
                counts = known;
            }
            return known;
        }

        private static long count(Iterator<?> rows) {
            long count = 0;
            for (; rows.hasNext(); rows.next()) {
                count++;
            }
            return count;
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    Job create(SearchRun run, boolean blocking) {
        forgetExpired();
        // Splunk's sids for ad hoc searches look like "1709296496.123"; a UUID keeps ours unique.
        String sid = "emulator__" + UUID.randomUUID();
        Job job = new Job(sid, run, blocking);
        jobs.put(sid, job);
        return job;
    }

    /** The job, or a 404 as Splunk answers for an unknown sid. */
    Job get(String sid) {
        Job job = jobs.get(sid);
        if (job == null) {
            throw unknownSid();
        }
        job.lastTouchedNanos = System.nanoTime();
        return job;
    }

    void cancel(String sid) {
        if (jobs.remove(sid) == null) {
            throw unknownSid();
        }
    }

    /** Jobs that still hold a slot of the concurrent search quota. */
    int runningCount() {
        int running = 0;
        for (Job job : jobs.values()) {
            if (!job.isDone()) {
                running++;
            }
        }
        return running;
    }

    private void forgetExpired() {
        long now = System.nanoTime();
        jobs.values().removeIf(job -> now - job.lastTouchedNanos > JOB_TTL.toNanos());
    }

    private static SplunkRequestException unknownSid() {
        return new SplunkRequestException(404, "FATAL", "Unknown sid.");
    }
}
