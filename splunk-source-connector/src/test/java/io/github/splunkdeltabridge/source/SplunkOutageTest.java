package io.github.splunkdeltabridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SplunkOutageTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2024-03-01T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theWaitDoublesUpToTheCapAndTheOutageIsMeasuredUntilSplunkAnswers() {
        MovingClock clock = new MovingClock();
        SplunkOutage outage = new SplunkOutage(clock, Duration.ofSeconds(1), Duration.ofMinutes(5));
        assertThat(outage.remainingWait()).isZero();
        assertThat(outage.unavailableSeconds()).isZero();

        RuntimeException refused = new RuntimeException("Connection refused");
        Duration[] waits = new Duration[11];
        for (int i = 0; i < waits.length; i++) {
            outage.failed(refused);
            waits[i] = outage.remainingWait();
            clock.now = clock.now.plus(waits[i]);
        }
        assertThat(waits[0]).isEqualTo(Duration.ofSeconds(1));
        assertThat(waits[1]).isEqualTo(Duration.ofSeconds(2));
        assertThat(waits[8]).isEqualTo(Duration.ofSeconds(256));
        assertThat(waits[9]).isEqualTo(Duration.ofMinutes(5));
        assertThat(waits[10]).isEqualTo(Duration.ofMinutes(5));
        assertThat(outage.unavailableSeconds()).isEqualTo(1 + 2 + 4 + 8 + 16 + 32 + 64 + 128 + 256 + 300 + 300);

        outage.recovered();
        assertThat(outage.unavailableSeconds()).isZero();
        assertThat(outage.remainingWait()).isZero();
        outage.failed(refused);
        assertThat(outage.remainingWait()).isEqualTo(Duration.ofSeconds(1));
    }
}
