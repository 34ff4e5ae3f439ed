package io.github.splunkdeltabridge.emulator.search;

import io.github.splunkdeltabridge.emulator.data.EventQuery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of SPL the emulator understands: the base {@code search} terms, then an optional {@code fields}
 * selection, {@code stats count [by field]} and {@code head N}; or one of the generating commands the
 * reconcile command runs, {@code | tstats count where … [by _time span=…]} and {@code | eventcount}.
 *
 * @param fieldsKept     {@code | fields a, b}: the fields to keep (internal {@code _*} fields stay, as in Splunk); null when absent
 * @param fieldsRemoved  {@code | fields - a, b}: fields to drop
 * @param statsBy        for {@code | stats count by f}: {@code f}; empty string for {@code stats count}; null when not a stats search
 * @param head           {@code | head N}: most rows to return; null when absent
 * @param generating     {@code tstats} or {@code eventcount}; null for a search that starts with {@code search}
 */
public record ParsedSearch(
        Set<String> indexes,
        Map<String, String> fieldMatches,
        Set<String> rawTerms,
        List<String> fieldsKept,
        List<String> fieldsRemoved,
        String statsBy,
        Integer head,
        Generating generating) {

    /** A generating command that produces report rows instead of events. */
    public sealed interface Generating permits Tstats, EventCount {}

    /**
     * {@code | tstats count where <terms> [by <fields> [span=<span>]]}.
     *
     * @param by             group-by fields ({@code _time}, {@code index}, {@code sourcetype}, {@code host}, {@code source})
     * @param span           bucket width of {@code _time}; null when not grouped by time
     * @param timeModifiers  {@code earliest}, {@code latest}, {@code index_earliest}, {@code index_latest} given in the where clause
     */
    public record Tstats(List<String> by, Duration span, Map<String, String> timeModifiers) implements Generating {}

    /** {@code | eventcount [index=…] [summarize=true|false]}: events in each index, whatever the time range. */
    public record EventCount(boolean summarize) implements Generating {}

    /** Transforming searches produce report rows (final only when every event was seen). */
    public boolean isTransforming() {
        return statsBy != null || generating != null;
    }

    public EventQuery.Builder query() {
        return EventQuery.builder().indexes(indexes).fieldMatches(fieldMatches).rawTerms(rawTerms);
    }
}
