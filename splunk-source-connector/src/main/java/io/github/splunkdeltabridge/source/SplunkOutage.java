package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.FailureKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's view of Splunk being unavailable beyond the client's retries (a maintenance window, a network change): the
 * task does not fail for it ({@link FailureKind#TRANSIENT}), it waits, doubling the wait up to a cap, and tries again
 * indefinitely. A WARN line every few minutes and the {@code splunk-unavailable-seconds} metric show it.
 */
final class SplunkOutage {

    private static final Logger LOG = LoggerFactory.getLogger(SplunkOutage.class);
    static final Duration WARN_EVERY = Duration.ofMinutes(5);

    private final Clock clock;
    private final Duration initialWait;
    private final Duration maxWait;
    private Instant since;
    private Instant lastWarning;
    private Instant nextAttempt;
    private int failures;

    SplunkOutage(Clock clock, Duration initialWait, Duration maxWait) {
        this.clock = clock;
        this.initialWait = initialWait.isZero() ? Duration.ofMillis(100) : initialWait;
        this.maxWait = maxWait;
    }

    /** How long the task should still wait before trying Splunk again; zero when it may try now. */
    Duration remainingWait() {
        if (nextAttempt == null) {
            return Duration.ZERO;
        }
        Duration d = Duration.between(clock.instant(), nextAttempt);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Records a transient failure whose retries are spent, and when to try next. */
    void failed(RuntimeException failure) {
        Instant now = clock.instant();
        failures++;
        Duration wait = wait(failures);
        nextAttempt = now.plus(wait);
        if (since == null) {
            since = now;
            lastWarning = now;
            LOG.warn(
                    "Splunk is unavailable: {}. The task keeps its positions and tries again in {}, then at growing"
                            + " intervals up to {}; it does not fail for this",
                    failure.getMessage(),
                    wait,
                    maxWait);
        } else if (!now.isBefore(lastWarning.plus(WARN_EVERY))) {
            lastWarning = now;
            LOG.warn(
                    "Splunk still unavailable since {} ({}): {}; next attempt in {}",
                    since,
                    Duration.between(since, now).withNanos(0),
                    failure.getMessage(),
                    wait);
        } else {
            LOG.debug("Splunk still unavailable: {}; next attempt in {}", failure.getMessage(), wait);
        }
    }

    /** A poll went through without an outage: the outage, if any, is over. */
    void recovered() {
        if (since != null) {
            LOG.info(
                    "Splunk is available again after {} of outage",
                    Duration.between(since, clock.instant()).withNanos(0));
        }
        since = null;
        lastWarning = null;
        nextAttempt = null;
        failures = 0;
    }

    /** Seconds since the outage began; 0 when Splunk is available. */
    long unavailableSeconds() {
        Instant s = since;
        return s == null ? 0 : Duration.between(s, clock.instant()).toSeconds();
    }

    private Duration wait(int attempt) {
        Duration wait = initialWait;
        for (int i = 1; i < attempt && wait.compareTo(maxWait) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
}
