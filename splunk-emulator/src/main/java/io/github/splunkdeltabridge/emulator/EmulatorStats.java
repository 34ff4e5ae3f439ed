package io.github.splunkdeltabridge.emulator;

import java.util.concurrent.atomic.AtomicLong;

/** Counts of what the emulator was asked and did, for tests to assert retries and resumes. Thread-safe. */
public final class EmulatorStats {

    private final AtomicLong exportRequests = new AtomicLong();
    private final AtomicLong loginRequests = new AtomicLong();
    private final AtomicLong jobRequests = new AtomicLong();
    private final AtomicLong rowsStreamed = new AtomicLong();
    private final AtomicLong rejectedRequests = new AtomicLong();

    /** Requests to an export endpoint, including refused ones. */
    public long exportRequests() {
        return exportRequests.get();
    }

    /** Requests to {@code /services/auth/login}, including failed ones. */
    public long loginRequests() {
        return loginRequests.get();
    }

    /** Requests to the jobs API. */
    public long jobRequests() {
        return jobRequests.get();
    }

    /** Result rows written by exports. */
    public long rowsStreamed() {
        return rowsStreamed.get();
    }

    /** Requests answered with an error status. */
    public long rejectedRequests() {
        return rejectedRequests.get();
    }

    public void reset() {
        exportRequests.set(0);
        loginRequests.set(0);
        jobRequests.set(0);
        rowsStreamed.set(0);
        rejectedRequests.set(0);
    }

    void export() {
        exportRequests.incrementAndGet();
    }

    void login() {
        loginRequests.incrementAndGet();
    }

    void job() {
        jobRequests.incrementAndGet();
    }

    void row() {
        rowsStreamed.incrementAndGet();
    }

    void rejected() {
        rejectedRequests.incrementAndGet();
    }
}
