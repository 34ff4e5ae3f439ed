package io.github.splunkdeltabridge.emulator.faults;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The faults armed through {@link FaultInjector}, as the emulator's HTTP layer draws them for each request.
 * Each counted fault applies to the next {@code times} requests that draw it and then disarms itself;
 * slow streaming and a down peer stay until cleared. Thread-safe. Tests use {@link FaultInjector}, not this.
 */
public final class FaultState {

    /** A fault that fires a limited number of times, with its settings. */
    static final class Armed<T> {
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

    record InStream(int afterRows, int rows, String text) {}

    final Armed<Boolean> quota = new Armed<>();
    final Armed<Duration> tooManyRequests = new Armed<>();
    final Armed<Boolean> rejectTokens = new Armed<>();
    final Armed<InStream> drop = new Armed<>();
    final Armed<InStream> malformed = new Armed<>();
    final Armed<InStream> fatal = new Armed<>();
    final Armed<InStream> autoFinalize = new Armed<>();
    final Armed<InStream> outOfOrder = new Armed<>();
    final AtomicReference<Duration> slowStream = new AtomicReference<>(Duration.ZERO);
    final AtomicReference<PeerDown> peerDown = new AtomicReference<>();

    void clear() {
        quota.clear();
        tooManyRequests.clear();
        rejectTokens.clear();
        drop.clear();
        malformed.clear();
        fatal.clear();
        autoFinalize.clear();
        outOfOrder.clear();
        slowStream.set(Duration.ZERO);
        peerDown.set(null);
    }

    public boolean takeQuotaExceeded() {
        return quota.take() != null;
    }

    /** The wait a proxy's 429 asks for, or null when the fault does not fire. */
    public Duration takeTooManyRequests() {
        return tooManyRequests.take();
    }

    public boolean takeRejectToken() {
        return rejectTokens.take() != null;
    }

    /** The peer that is down now, or null. */
    public PeerDown peerDown() {
        return peerDown.get();
    }

    /** For a search job: the rows after which it auto-finalizes, or -1. */
    public int takeAutoFinalizeAfterRows() {
        InStream at = autoFinalize.take();
        return at == null ? -1 : at.afterRows();
    }

    /** The faults one export draws when it starts. */
    public StreamFaults takeStreamFaults() {
        InStream dropAt = drop.take();
        InStream malformedAt = malformed.take();
        InStream fatalAt = fatal.take();
        InStream finalizeAt = autoFinalize.take();
        InStream reorder = outOfOrder.take();
        return new StreamFaults(
                dropAt == null ? -1 : dropAt.afterRows(),
                malformedAt == null ? -1 : malformedAt.afterRows(),
                fatalAt == null ? -1 : fatalAt.afterRows(),
                fatalAt == null ? null : fatalAt.text(),
                slowStream.get(),
                finalizeAt == null ? -1 : finalizeAt.afterRows(),
                reorder == null ? -1 : reorder.afterRows(),
                reorder == null ? 0 : reorder.rows());
    }

    /**
     * In-stream faults of one search; a row count of -1 means off.
     *
     * @param autoFinalizeAfterRows  the search stops after this many rows, as when Splunk auto-finalizes it
     * @param outOfOrderAfterRows    from this row on, {@code outOfOrderRows} rows come unordered (two peers merged)
     */
    public record StreamFaults(
            int dropAfterRows,
            int malformedAfterRows,
            int fatalAfterRows,
            String fatalText,
            Duration perRowDelay,
            int autoFinalizeAfterRows,
            int outOfOrderAfterRows,
            int outOfOrderRows) {

        /** No faults: what replayed or internal renderings use. */
        public static final StreamFaults NONE = new StreamFaults(-1, -1, -1, null, Duration.ZERO, -1, -1, 0);
    }
}
