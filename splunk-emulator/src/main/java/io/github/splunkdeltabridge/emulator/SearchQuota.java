package io.github.splunkdeltabridge.emulator;

import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Splunk's concurrent historical search quota: running exports and running jobs share it, and a search
 * beyond it is refused with a 503 and Splunk's quota message instead of being queued.
 */
final class SearchQuota {

    private final int limit;
    private final IntSupplier runningJobs;
    private int runningExports;

    SearchQuota(int limit, IntSupplier runningJobs) {
        if (limit < 1) {
            throw new IllegalArgumentException("maxConcurrentSearches must be at least 1, not " + limit);
        }
        this.limit = limit;
        this.runningJobs = runningJobs;
    }

    /** Takes a slot for an export, or refuses it as Splunk does. Pair with {@link #exportFinished()}. */
    synchronized void startExport() {
        checkRoom();
        runningExports++;
    }

    synchronized void exportFinished() {
        runningExports--;
    }

    /** Creates a job while holding the quota lock, so two creations cannot both take the last slot. */
    synchronized <T> T startJob(Supplier<T> create) {
        checkRoom();
        return create.get();
    }

    /** The refusal Splunk answers when the quota is reached (also used by the quota fault). */
    SplunkRequestException refusal() {
        return new SplunkRequestException(503, SplunkMessages.QUOTA_MESSAGE_TYPE, SplunkMessages.quotaMessage(limit));
    }

    private void checkRoom() {
        if (runningExports + runningJobs.getAsInt() >= limit) {
            throw refusal();
        }
    }
}
