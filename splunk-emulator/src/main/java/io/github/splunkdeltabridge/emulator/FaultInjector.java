package io.github.splunkdeltabridge.emulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Faults a test switches on to see how a client copes. Each counted fault applies to the next {@code times}
 * search requests (export and job creation) and then disarms itself; {@link #slowStream} stays until
 * {@link #clear()}. Thread-safe.
 */
public final class FaultInjector {

    /** A fault that fires a limited number of times, with its settings. */
    private static final class Armed<T> {
        private final AtomicReference<T> settings = new AtomicReference<>();
        private final AtomicInteger remaining = new AtomicInteger();

        void arm(T value, int times) {
            if (times < 0) {
                throw new IllegalArgumentException("times must not be negative");
            }
            settings.set(value);
            remaining.set(times);
        }

        /** The settings when the fault fires for this request, else null. */
        T take() {
            T value = settings.get();
            return value != null && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? value : null;
        }

        void clear() {
            remaining.set(0);
            settings.set(null);
        }
    }

    record InStream(int afterRows, String text) {}

    private final Armed<Boolean> quota = new Armed<>();
    private final Armed<Duration> tooManyRequests = new Armed<>();
    private final Armed<Boolean> rejectTokens = new Armed<>();
    private final Armed<InStream> drop = new Armed<>();
    private final Armed<InStream> malformed = new Armed<>();
    private final Armed<InStream> fatal = new Armed<>();
    private final AtomicReference<Duration> slowStream = new AtomicReference<>(Duration.ZERO);
    private final Runnable expireSessions;

    FaultInjector(Runnable expireSessions) {
        this.expireSessions = expireSessions;
    }

    /** Next {@code times} search requests answer 503 with Splunk's concurrent-search quota message. */
    public FaultInjector quotaExceeded(int times) {
        quota.arm(true, times);
        return this;
    }

    /** Next {@code times} search requests answer 429 with {@code Retry-After} (whole seconds), as proxies do. */
    public FaultInjector tooManyRequests(int times, Duration retryAfter) {
        tooManyRequests.arm(retryAfter, times);
        return this;
    }

    /** Every session key handed out so far stops working now, as when sessions time out. Tokens are unaffected. */
    public FaultInjector expireSessions() {
        expireSessions.run();
        return this;
    }

    /** Next {@code times} requests authenticated by a token get 401, as for an expired or revoked token. */
    public FaultInjector rejectTokens(int times) {
        rejectTokens.arm(true, times);
        return this;
    }

    /** Next {@code times} exports are cut after {@code rows} rows, in the middle of a line, without ending the body. */
    public FaultInjector dropConnectionAfterRows(int rows, int times) {
        drop.arm(new InStream(rows, null), times);
        return this;
    }

    /** Every export row is delayed by {@code perRow} until {@link #clear()}. */
    public FaultInjector slowStream(Duration perRow) {
        slowStream.set(perRow);
        return this;
    }

    /** Next {@code times} exports write one line that is not JSON after {@code rows} rows, then go on. */
    public FaultInjector malformedLineAfterRows(int rows, int times) {
        malformed.arm(new InStream(rows, null), times);
        return this;
    }

    /** Next {@code times} exports write a FATAL {@code messages} object after {@code rows} rows and end. */
    public FaultInjector fatalMessageAfterRows(int rows, String text, int times) {
        fatal.arm(new InStream(rows, text), times);
        return this;
    }

    /** Disarms every fault. */
    public FaultInjector clear() {
        quota.clear();
        tooManyRequests.clear();
        rejectTokens.clear();
        drop.clear();
        malformed.clear();
        fatal.clear();
        slowStream.set(Duration.ZERO);
        return this;
    }

    boolean takeQuotaExceeded() {
        return quota.take() != null;
    }

    Duration takeTooManyRequests() {
        return tooManyRequests.take();
    }

    boolean takeRejectToken() {
        return rejectTokens.take() != null;
    }

    /** The in-stream faults one export request draws when it starts. */
    StreamFaults takeStreamFaults() {
        InStream dropAt = drop.take();
        InStream malformedAt = malformed.take();
        InStream fatalAt = fatal.take();
        return new StreamFaults(
                dropAt == null ? -1 : dropAt.afterRows(),
                malformedAt == null ? -1 : malformedAt.afterRows(),
                fatalAt == null ? -1 : fatalAt.afterRows(),
                fatalAt == null ? null : fatalAt.text(),
                slowStream.get());
    }

    /** In-stream faults of one export; a row count of -1 means off. */
    record StreamFaults(
            int dropAfterRows, int malformedAfterRows, int fatalAfterRows, String fatalText, Duration perRowDelay) {}
}
