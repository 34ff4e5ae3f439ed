package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoleLimitsTest {

    private static final UserContext USER = new UserContext("migrator", List.of("a", "b"), List.of());

    private static RoleSettings role(String name, List<Long> timeWin, List<String> indexes) {
        return new RoleSettings(name, timeWin, List.of(), List.of(), List.of(), indexes);
    }

    @Test
    void theLeastRestrictiveTimeWindowOfTheRolesApplies() {
        RoleLimits limits =
                RoleLimits.of(USER, List.of(role("a", List.of(30L), List.of()), role("b", List.of(3600L), List.of())));
        assertThat(limits.searchTimeWindow()).contains(new RoleLimits.Limit(3600, "b"));
    }

    @Test
    void zeroIsUnlimitedAndOverridesEveryOtherRole() {
        RoleLimits limits =
                RoleLimits.of(USER, List.of(role("a", List.of(30L), List.of()), role("b", List.of(0L), List.of())));
        assertThat(limits.searchTimeWindow()).isEmpty();
    }

    @Test
    void minusOneSetsNoLimitSoAnImportedValueCounts() {
        RoleLimits limits = RoleLimits.of(USER, List.of(role("a", List.of(-1L, 600L), List.of())));
        assertThat(limits.searchTimeWindow()).contains(new RoleLimits.Limit(600, "a"));
        assertThat(RoleLimits.of(USER, List.of(role("a", List.of(-1L), List.of())))
                        .searchTimeWindow())
                .isEmpty();
    }

    @Test
    void wildcardsMatchEitherTheInternalOrTheOtherIndexesNeverBoth() {
        RoleLimits star = RoleLimits.of(USER, List.of(role("a", List.of(), List.of("*"))));
        assertThat(star.allowsIndex("web")).isTrue();
        assertThat(star.allowsIndex("_internal")).isFalse();
        RoleLimits internal = RoleLimits.of(USER, List.of(role("a", List.of(), List.of("_*", "web_*"))));
        assertThat(internal.allowsIndex("_audit")).isTrue();
        assertThat(internal.allowsIndex("web_eu")).isTrue();
        assertThat(internal.allowsIndex("web")).isFalse();
        assertThat(internal.allowsIndex("os")).isFalse();
    }
}
