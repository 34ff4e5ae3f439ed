package io.github.splunkdeltabridge.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Computes the wait before the next attempt from a {@link RetryPolicy}, honouring a server's
 * {@code Retry-After}. Randomness and the clock are injectable for tests.
 */
final class Backoff {

    /** A Retry-After beyond this is treated as this: a proxy's hour-long hint must not park the task. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    private final RetryPolicy policy;
    private final DoubleSupplier random;
    private final Clock clock;

    Backoff(RetryPolicy policy) {
        this(policy, () -> ThreadLocalRandom.current().nextDouble(), Clock.systemUTC());
    }

    /** @param random uniform values in [0, 1) */
    Backoff(RetryPolicy policy, DoubleSupplier random, Clock clock) {
        this.policy = policy;
        this.random = random;
        this.clock = clock;
    }

    /**
     * The wait after failed attempt {@code attempt} (1-based).
     *
     * @param retryAfter the raw {@code Retry-After} header value, or null
     */
    Duration delay(int attempt, String retryAfter) {
        Duration hinted = parseRetryAfter(retryAfter);
        if (hinted != null) {
            // Splunk or the proxy knows when capacity returns better than our exponential guess.
            return hinted.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : hinted;
        }
        double base = policy.initialBackoff().toMillis() * Math.pow(policy.multiplier(), Math.max(0, attempt - 1));
        double capped = Math.min(base, policy.maxBackoff().toMillis());
        double factor = 1.0 + policy.jitter() * (2.0 * random.getAsDouble() - 1.0);
        // Jitter spreads simultaneous tasks apart; the cap still holds after it.
        long millis = Math.round(Math.min(capped * factor, policy.maxBackoff().toMillis()));
        return Duration.ofMillis(Math.max(0, millis));
    }

    /** Retry-After is either delta-seconds or an HTTP date (RFC 9110 section 10.2.3); null when absent or invalid. */
    Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
