package io.github.splunkdeltabridge.emulator.faults;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Faults a test switches on to see how a client copes. Each counted fault applies to the next {@code times}
 * search requests (export, job creation, oneshot) and then disarms itself; {@link #slowStream} and
 * {@link #peerDown} stay until {@link #clear()} (or {@link #peerUp()}). Thread-safe.
 */
public final class FaultInjector {

    private final FaultState state;
    private final Runnable expireSessions;
    private final Consumer<Duration> outage;

    /** Made by the emulator; tests reach it through {@code SplunkEmulator.faults()}. */
    public FaultInjector(FaultState state, Runnable expireSessions, Consumer<Duration> outage) {
        this.state = state;
        this.expireSessions = expireSessions;
        this.outage = outage;
    }

    /** Next {@code times} search requests answer 503 with Splunk's concurrent-search quota message. */
    public FaultInjector quotaExceeded(int times) {
        state.quota.arm(true, times);
        return this;
    }

    /** Next {@code times} search requests answer 429 with {@code Retry-After} (whole seconds), as proxies do. */
    public FaultInjector tooManyRequests(int times, Duration retryAfter) {
        state.tooManyRequests.arm(retryAfter, times);
        return this;
    }

    /** Every session key handed out so far stops working now, as when sessions time out. Tokens are unaffected. */
    public FaultInjector expireSessions() {
        expireSessions.run();
        return this;
    }

    /** Next {@code times} requests authenticated by a token get 401, as for an expired or revoked token. */
    public FaultInjector rejectTokens(int times) {
        state.rejectTokens.arm(true, times);
        return this;
    }

    /** Next {@code times} exports are cut after {@code rows} rows, in the middle of a line, without ending the body. */
    public FaultInjector dropConnectionAfterRows(int rows, int times) {
        state.drop.arm(new FaultState.InStream(rows, 0, null), times);
        return this;
    }

    /** Every export row is delayed by {@code perRow} until {@link #clear()}. */
    public FaultInjector slowStream(Duration perRow) {
        state.slowStream.set(perRow);
        return this;
    }

    /** Next {@code times} exports write one line that is not JSON after {@code rows} rows, then go on. */
    public FaultInjector malformedLineAfterRows(int rows, int times) {
        state.malformed.arm(new FaultState.InStream(rows, 0, null), times);
        return this;
    }

    /** Next {@code times} exports write a FATAL {@code messages} object after {@code rows} rows and end. */
    public FaultInjector fatalMessageAfterRows(int rows, String text, int times) {
        state.fatal.arm(new FaultState.InStream(rows, 0, text), times);
        return this;
    }

    /**
     * A search peer goes down: a fixed {@code share} of the events (those {@link PeerDown#holds} picks) is missing
     * from every search, which carries Splunk's WARN about the peer, until {@link #peerUp()}.
     */
    public FaultInjector peerDown(String peerName, double share) {
        state.peerDown.set(new PeerDown(peerName, URI.create("https://" + peerName + ":8089"), share));
        return this;
    }

    /** The down peer is back: searches see every event again. */
    public FaultInjector peerUp() {
        state.peerDown.set(null);
        return this;
    }

    /**
     * The whole emulator goes away for {@code duration}: the listening socket closes (new connections are
     * refused), streams in flight are cut, and then it listens again on the same port. Returns at once.
     */
    public FaultInjector outage(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("an outage needs a positive duration, not " + duration);
        }
        outage.accept(duration);
        return this;
    }

    /**
     * Next {@code times} searches are auto-finalized after {@code rows} rows: the stream (or the job's results)
     * stops there with Splunk's auto-finalize WARN, as when a search reaches its time or event limit.
     */
    public FaultInjector autoFinalizeAfterRows(int rows, int times) {
        state.autoFinalize.arm(new FaultState.InStream(rows, 0, null), times);
        return this;
    }

    /**
     * Next {@code times} exports deliver {@code rows} rows, starting after {@code afterRows}, out of newest-first
     * order: as if two peers' streams were concatenated instead of merged. Every event still comes exactly once.
     */
    public FaultInjector outOfOrderDelivery(int afterRows, int rows, int times) {
        if (rows < 2) {
            throw new IllegalArgumentException("out-of-order delivery needs at least 2 rows, not " + rows);
        }
        state.outOfOrder.arm(new FaultState.InStream(afterRows, rows, null), times);
        return this;
    }

    /** Disarms every fault (a down peer comes back). */
    public FaultInjector clear() {
        state.clear();
        return this;
    }
}
