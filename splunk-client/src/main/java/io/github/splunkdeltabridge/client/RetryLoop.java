package io.github.splunkdeltabridge.client;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the failed attempts of one operation and waits between them. Failures count while no progress is
 * made; {@link #progressed()} (an event delivered) resets the count, so a long export that is cut now and
 * then keeps going while one that fails repeatedly at the same point gives up.
 */
final class RetryLoop {

    private static final Logger LOG = LoggerFactory.getLogger(RetryLoop.class);

    private final RetryPolicy policy;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Supplier<String> path;
    private final LongAdder retryCounter;
    private int failures;

    RetryLoop(RetryPolicy policy, Backoff backoff, Sleeper sleeper, String path) {
        this(policy, backoff, sleeper, () -> path, new LongAdder());
    }

    /**
     * @param path the endpoint, for messages; asked when a message is written (an export's path is known once its
     *     search API version is)
     * @param retryCounter counts every retry, for the client's metrics
     */
    RetryLoop(RetryPolicy policy, Backoff backoff, Sleeper sleeper, Supplier<String> path, LongAdder retryCounter) {
        this.policy = policy;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.path = path;
        this.retryCounter = retryCounter;
    }

    void progressed() {
        failures = 0;
    }

    /**
     * Records a retryable failure and waits before the next attempt.
     *
     * @param cause an {@link IOException} or {@link RetryableHttpException}
     * @throws SplunkUnavailableException when no attempt is left
     */
    void failed(Exception cause) {
        failures++;
        int status = cause instanceof SplunkException se ? se.status() : 0;
        String what = describe(cause);
        if (failures >= policy.maxAttempts()) {
            throw new SplunkUnavailableException(
                    "Splunk " + path.get() + " still unavailable after " + failures
                            + (failures == 1 ? " attempt" : " attempts") + "; last failure: " + what,
                    status,
                    cause);
        }
        String retryAfter = cause instanceof RetryableHttpException r ? r.retryAfter() : null;
        Duration wait = backoff.delay(failures, retryAfter);
        retryCounter.increment();
        LOG.warn(
                "Splunk {} failed (attempt {} of {}): {}; retrying in {} ms",
                path.get(),
                failures,
                policy.maxAttempts(),
                what,
                wait.toMillis());
        sleeper.sleep(wait);
    }

    static String describe(Exception cause) {
        if (cause instanceof SplunkException) {
            return cause.getMessage();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
