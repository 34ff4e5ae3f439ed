package io.github.splunkdeltabridge.emulator;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of SPL the emulator understands: the base {@code search} terms, then an optional {@code fields}
 * selection, {@code stats count [by field]} and {@code head N}.
 *
 * @param fieldsKept     {@code | fields a, b}: the fields to keep (internal {@code _*} fields stay, as in Splunk); null when absent
 * @param fieldsRemoved  {@code | fields - a, b}: fields to drop
 * @param statsBy        for {@code | stats count by f}: {@code f}; empty string for {@code stats count}; null when not a stats search
 * @param head           {@code | head N}: most rows to return; null when absent
 */
record ParsedSearch(
        Set<String> indexes,
        Map<String, String> fieldMatches,
        Set<String> rawTerms,
        List<String> fieldsKept,
        List<String> fieldsRemoved,
        String statsBy,
        Integer head) {

    boolean isTransforming() {
        return statsBy != null;
    }

    EventQuery.Builder query() {
        return EventQuery.builder().indexes(indexes).fieldMatches(fieldMatches).rawTerms(rawTerms);
    }
}
