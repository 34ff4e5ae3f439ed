package io.github.splunkdeltabridge.emulator;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs API's memory: each created job keeps its search so its results can be paged. Results are computed
 * again for each page rather than stored, which keeps the emulator's memory flat for any result size.
 */
final class SearchJobs {

    /** How long a new job reports RUNNING before DONE, so clients exercise their status polling. */
    static final Duration RUN_TIME = Duration.ofMillis(150);

    static final class Job {
        final String sid;
        final SearchRun run;
        final long createdNanos;
        final boolean blocking;
        private volatile Long resultCount;

        Job(String sid, SearchRun run, boolean blocking) {
            this.sid = sid;
            this.run = run;
            this.createdNanos = System.nanoTime();
            this.blocking = blocking;
        }

        boolean isDone() {
            return blocking || System.nanoTime() - createdNanos >= RUN_TIME.toNanos();
        }

        String dispatchState() {
            return isDone() ? "DONE" : "RUNNING";
        }

        long resultCount() {
            if (resultCount == null) {
                long count = 0;
                for (Iterator<Map<String, Object>> rows = run.rows(); rows.hasNext(); rows.next()) {
                    count++;
                }
                resultCount = count;
            }
            return resultCount;
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    Job create(SearchRun run, boolean blocking) {
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
            throw new SplunkRequestException(404, "FATAL", "Unknown sid.");
        }
        return job;
    }

    void cancel(String sid) {
        if (jobs.remove(sid) == null) {
            throw new SplunkRequestException(404, "FATAL", "Unknown sid.");
        }
    }
}
