package io.github.splunkdeltabridge.source;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.splunkdeltabridge.client.RoleLimits;
import io.github.splunkdeltabridge.client.RoleSettings;
import io.github.splunkdeltabridge.client.TimeSlice;
import io.github.splunkdeltabridge.client.UserContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** The checks made as each export starts, when the clock has moved since validate. */
class RoleLimitCheckTest {

    private static final Instant NOW = Instant.parse("2024-03-31T12:00:00Z");
    private static final SearchSpec WEB = new SearchSpec("web", "search index=web", "splunk.web");

    private static RoleLimitCheck check(long timeWin, long timeEarliest) {
        UserContext user = new UserContext("migrator", List.of("migration"), List.of());
        return new RoleLimitCheck(RoleLimits.of(
                user,
                List.of(new RoleSettings(
                        "migration", List.of(timeWin), List.of(timeEarliest), List.of(), List.of(), List.of("*")))));
    }

    @Test
    void aSliceThatStartsBeforeTheEarliestSearchableTimeIsRefusedWhenItsTurnComes() {
        RoleLimitCheck check = check(-1, Duration.ofDays(10).toSeconds());
        TimeSlice recent = new TimeSlice(
                NOW.minus(Duration.ofDays(9)), NOW.minus(Duration.ofDays(9)).plusSeconds(3600));
        assertThatCode(() -> check.checkSlice(WEB, recent, NOW)).doesNotThrowAnyException();
        // Two days later the same slice reaches beyond the role's limit.
        assertThatThrownBy(() -> check.checkSlice(WEB, recent, NOW.plus(Duration.ofDays(2))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("starts before the earliest time the role may search")
                .hasMessageContaining("srchTimeEarliest = 864000 s")
                .hasMessageContaining("splunk.backfill.start");
    }

    @Test
    void aTailFarBehindIsRefusedRatherThanNarrowedBySplunk() {
        RoleLimitCheck check = check(Duration.ofDays(7).toSeconds(), -1);
        assertThatCode(() -> check.checkTail(WEB, NOW.minus(Duration.ofDays(6)), NOW))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> check.checkTail(WEB, NOW.minus(Duration.ofDays(8)), NOW))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("The tail of search web")
                .hasMessageContaining("srchTimeWin = 604800 s");
        assertThatThrownBy(() -> check.checkTail(WEB, null, NOW))
                .hasMessageContaining("searches all event time")
                .hasMessageContaining("splunk.tail.max.event.age");
    }
}
