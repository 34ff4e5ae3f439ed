package io.github.splunkdeltabridge.emulator.http;

import java.util.concurrent.atomic.AtomicLong;

/** What the HTTP layer counts; {@code SplunkEmulator.stats()} reads it. Thread-safe. */
public final class RequestCounters {

    private final AtomicLong exportRequests = new AtomicLong();
    private final AtomicLong loginRequests = new AtomicLong();
    private final AtomicLong jobRequests = new AtomicLong();
    private final AtomicLong rowsStreamed = new AtomicLong();
    private final AtomicLong rejectedRequests = new AtomicLong();
    private final AtomicLong autoFinalizedExports = new AtomicLong();

    public long exportRequests() {
        return exportRequests.get();
    }

    public long loginRequests() {
        return loginRequests.get();
    }

    public long jobRequests() {
        return jobRequests.get();
    }

    public long rowsStreamed() {
        return rowsStreamed.get();
    }

    public long rejectedRequests() {
        return rejectedRequests.get();
    }

    public long autoFinalizedExports() {
        return autoFinalizedExports.get();
    }

    public void reset() {
        exportRequests.set(0);
        loginRequests.set(0);
        jobRequests.set(0);
        rowsStreamed.set(0);
        rejectedRequests.set(0);
        autoFinalizedExports.set(0);
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

    void rows(long n) {
        rowsStreamed.addAndGet(n);
    }

    void autoFinalized() {
        autoFinalizedExports.incrementAndGet();
    }

    void rejected() {
        rejectedRequests.incrementAndGet();
    }
}
