package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-01T12:00:00Z"), ZoneOffset.UTC);

    private static final RetryPolicy POLICY = RetryPolicy.builder()
            .maxAttempts(8)
            .initialBackoff(Duration.ofMillis(500))
            .maxBackoff(Duration.ofSeconds(60))
            .multiplier(2.0)
            .jitter(0.2)
            .build();

    private static Backoff backoff(double random) {
        return new Backoff(POLICY, () -> random, CLOCK);
    }

    @Test
    void growsExponentiallyWithoutJitterAtTheMidpoint() {
        Backoff b = backoff(0.5);
        assertThat(b.delay(1, null)).isEqualTo(Duration.ofMillis(500));
        assertThat(b.delay(2, null)).isEqualTo(Duration.ofMillis(1000));
        assertThat(b.delay(3, null)).isEqualTo(Duration.ofMillis(2000));
        assertThat(b.delay(7, null)).isEqualTo(Duration.ofMillis(32_000));
    }

    @Test
    void isCappedAtMaxBackoffEvenWithJitter() {
        assertThat(backoff(0.5).delay(8, null)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff(0.999).delay(30, null)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff(0.0).delay(30, null)).isEqualTo(Duration.ofSeconds(48));
    }

    @Test
    void jitterStaysWithinItsFraction() {
        assertThat(backoff(0.0).delay(2, null)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff(0.9999999).delay(2, null)).isEqualTo(Duration.ofMillis(1200));
        for (int i = 0; i < 1000; i++) {
            assertThat(new Backoff(POLICY).delay(3, null)).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
        }
    }

    @Test
    void retryAfterInSecondsWinsOverTheExponentialGuess() {
        assertThat(backoff(0.5).delay(1, "7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff(0.5).delay(1, " 0 ")).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterAsHttpDateIsTheTimeUntilThen() {
        assertThat(backoff(0.5).delay(1, "Fri, 01 Mar 2024 12:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff(0.5).delay(1, "Fri, 01 Mar 2024 11:00:00 GMT")).isEqualTo(Duration.ZERO);
    }

    @Test
    void absurdOrInvalidRetryAfterIsBoundedOrIgnored() {
        assertThat(backoff(0.5).delay(1, "86400")).isEqualTo(Backoff.MAX_RETRY_AFTER);
        assertThat(backoff(0.5).delay(2, "soon")).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff(0.5).delay(2, "-5")).isEqualTo(Duration.ofMillis(1000));
    }
}
