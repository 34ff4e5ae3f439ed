package io.github.splunkdeltabridge.emulator;

import io.github.splunkdeltabridge.emulator.http.RequestCounters;

/** Counts of what the emulator was asked and did, for tests to assert retries and resumes. Thread-safe. */
public final class EmulatorStats {

    private final RequestCounters counters;

    EmulatorStats(RequestCounters counters) {
        this.counters = counters;
    }

    /** Requests to an export endpoint, including refused ones. */
    public long exportRequests() {
        return counters.exportRequests();
    }

    /** Requests to {@code /services/auth/login}, including failed ones. */
    public long loginRequests() {
        return counters.loginRequests();
    }

    /** Requests to the jobs API. */
    public long jobRequests() {
        return counters.jobRequests();
    }

    /** Result rows written by exports. */
    public long rowsStreamed() {
        return counters.rowsStreamed();
    }

    /** Requests answered with an error status. */
    public long rejectedRequests() {
        return counters.rejectedRequests();
    }

    /** Exports that stopped early with Splunk's auto-finalize message (a fault drawn by an export that had no more
     * rows than its limit does not count). */
    public long autoFinalizedExports() {
        return counters.autoFinalizedExports();
    }

    public void reset() {
        counters.reset();
    }
}
