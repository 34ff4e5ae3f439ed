package io.github.splunkdeltabridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventIdLookupTest {

    @Test
    void missingIdsAreSplunksNotInTheTableAndExtraAreUnknownOrRepeatedRows() {
        Set<String> splunk = Set.of("web:b~1~g:4", "web:b~1~g:1", "web:b~1~g:2", "web:b~1~g:3");
        List<String> table = List.of("web:b~1~g:1", "web:b~1~g:1", "web:b~1~g:9");

        EventIdDiff diff = EventIdLookup.compare(splunk, table, 100);

        assertThat(diff.missing()).isEqualTo(3);
        assertThat(diff.missingIds()).containsExactly("web:b~1~g:2", "web:b~1~g:3", "web:b~1~g:4");
        assertThat(diff.extra()).isEqualTo(2);
        assertThat(diff.extraIds()).containsExactly("web:b~1~g:1", "web:b~1~g:9");
    }

    @Test
    void theListsStopAtTheLimitButTheCountsDoNot() {
        EventIdDiff diff = EventIdLookup.compare(Set.of("a", "b", "c", "d"), List.of(), 2);
        assertThat(diff.missing()).isEqualTo(4);
        assertThat(diff.missingIds()).containsExactly("a", "b");
    }
}
