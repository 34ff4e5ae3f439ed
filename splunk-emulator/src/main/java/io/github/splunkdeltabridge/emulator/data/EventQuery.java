package io.github.splunkdeltabridge.emulator.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a search asks of the data: which indexes, which metadata and terms, and which event-time and
 * index-time ranges (earliest inclusive, latest exclusive, as Splunk's time modifiers are).
 *
 * @param indexes       index names to search; empty means every index (as {@code index=*})
 * @param fieldMatches  {@code field=value} terms (value may hold {@code *} wildcards), matched case-insensitively
 * @param rawTerms      bare words and quoted phrases that {@code _raw} must contain, case-insensitively
 */
public record EventQuery(
        Set<String> indexes,
        Map<String, String> fieldMatches,
        Set<String> rawTerms,
        Instant earliest,
        Instant latest,
        Instant indexEarliest,
        Instant indexLatest) {

    public EventQuery {
        indexes = Set.copyOf(indexes);
        fieldMatches = Map.copyOf(fieldMatches);
        rawTerms = Set.copyOf(rawTerms);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when the event falls in the ranges and matches every term; visibility is the dataset's concern. */
    public boolean matches(EmulatedEvent event) {
        if (!indexes.isEmpty() && !indexes.contains(event.index())) {
            return false;
        }
        if (!within(event.time(), earliest, latest) || !within(event.indexTime(), indexEarliest, indexLatest)) {
            return false;
        }
        for (Map.Entry<String, String> match : fieldMatches.entrySet()) {
            if (!event.fieldMatches(match.getKey(), match.getValue())) {
                return false;
            }
        }
        String raw = event.raw().toLowerCase(Locale.ROOT);
        for (String term : rawTerms) {
            if (!raw.contains(term.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private static boolean within(Instant t, Instant from, Instant until) {
        return (from == null || !t.isBefore(from)) && (until == null || t.isBefore(until));
    }

    public static final class Builder {
        private Set<String> indexes = Set.of();
        private Map<String, String> fieldMatches = Map.of();
        private Set<String> rawTerms = Set.of();
        private Instant earliest;
        private Instant latest;
        private Instant indexEarliest;
        private Instant indexLatest;

        public Builder indexes(Set<String> indexes) {
            this.indexes = indexes;
            return this;
        }

        public Builder fieldMatches(Map<String, String> fieldMatches) {
            this.fieldMatches = fieldMatches;
            return this;
        }

        /** Only events of this sourcetype ({@code *} wildcards allowed), as {@code sourcetype=…} in SPL. */
        public Builder sourcetype(String sourcetype) {
            return fieldMatch("sourcetype", sourcetype);
        }

        /** Only events from this host ({@code *} wildcards allowed), as {@code host=…} in SPL. */
        public Builder host(String host) {
            return fieldMatch("host", host);
        }

        /** Only events from this source ({@code *} wildcards allowed), as {@code source=…} in SPL. */
        public Builder source(String source) {
            return fieldMatch("source", source);
        }

        /** Adds one {@code field=value} term to those already set. */
        public Builder fieldMatch(String field, String value) {
            Map<String, String> matches = new LinkedHashMap<>(fieldMatches);
            matches.put(field, value);
            this.fieldMatches = matches;
            return this;
        }

        public Builder rawTerms(Set<String> rawTerms) {
            this.rawTerms = rawTerms;
            return this;
        }

        public Builder earliest(Instant earliest) {
            this.earliest = earliest;
            return this;
        }

        public Builder latest(Instant latest) {
            this.latest = latest;
            return this;
        }

        public Builder indexEarliest(Instant indexEarliest) {
            this.indexEarliest = indexEarliest;
            return this;
        }

        public Builder indexLatest(Instant indexLatest) {
            this.indexLatest = indexLatest;
            return this;
        }

        public EventQuery build() {
            return new EventQuery(indexes, fieldMatches, rawTerms, earliest, latest, indexEarliest, indexLatest);
        }
    }
}
