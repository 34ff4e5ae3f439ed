package io.github.splunkdeltabridge.emulator.jobs;

import io.github.splunkdeltabridge.emulator.faults.RoleLimits;
import io.github.splunkdeltabridge.emulator.search.SearchMessages;
import io.github.splunkdeltabridge.emulator.search.SplunkRequestException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Splunk's search quotas at dispatch: the instance-wide concurrent historical search limit, the user's role
 * quota ({@code srchJobsQuota}) and disk quota ({@code srchDiskQuota}). Running exports and running jobs share
 * the concurrency limits; a search beyond them is refused with a 503 and Splunk's message instead of being queued.
 */
public final class SearchQuota {

    private final int limit;
    private final SearchJobs jobs;
    private final Map<String, Integer> runningExports = new HashMap<>();

    public SearchQuota(int limit, SearchJobs jobs) {
        if (limit < 1) {
            throw new IllegalArgumentException("maxConcurrentSearches must be at least 1, not " + limit);
        }
        this.limit = limit;
        this.jobs = jobs;
    }

    /** Takes a slot for an export, or refuses it as Splunk does. Pair with {@link #exportFinished(String)}. */
    public synchronized void startExport(String user, RoleLimits role) {
        checkRoom(user, role);
        runningExports.merge(user, 1, Integer::sum);
    }

    public synchronized void exportFinished(String user) {
        runningExports.computeIfPresent(user, (u, n) -> n > 1 ? n - 1 : null);
    }

    /** Creates a job while holding the quota lock, so two creations cannot both take the last slot. */
    public synchronized <T> T startJob(String user, RoleLimits role, Supplier<T> create) {
        checkRoom(user, role);
        return create.get();
    }

    /** The refusal Splunk answers when the instance quota is reached (also used by the quota fault). */
    public SplunkRequestException refusal() {
        return new SplunkRequestException(503, "WARN", SearchMessages.instanceQuota(limit));
    }

    private void checkRoom(String user, RoleLimits role) {
        int exports =
                runningExports.values().stream().mapToInt(Integer::intValue).sum();
        if (exports + jobs.runningCount() >= limit) {
            throw refusal();
        }
        if (role.srchJobsQuota() > 0
                && runningExports.getOrDefault(user, 0) + jobs.runningCount(user) >= role.srchJobsQuota()) {
            throw new SplunkRequestException(503, "WARN", SearchMessages.userQuota(role.srchJobsQuota()));
        }
        if (role.srchDiskQuotaMb() > 0) {
            long usageMb = (jobs.diskUsageBytes(user) + (1 << 20) - 1) >> 20;
            if (usageMb >= role.srchDiskQuotaMb()) {
                throw new SplunkRequestException(
                        503, "WARN", SearchMessages.diskQuota(usageMb, role.srchDiskQuotaMb(), SearchJobs.newSid()));
            }
        }
    }
}
