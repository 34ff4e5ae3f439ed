package io.github.splunkdeltabridge.client;

import java.util.Locale;

/**
 * Splunk's search mode, sent as {@code adhoc_search_level}. It decides which fields an event search returns (Splunk's
 * Search Manual, "Search modes"): fast turns field discovery off, so events carry their default fields ({@code _raw},
 * {@code _time}, {@code host}, {@code source}, {@code sourcetype}, {@code index}, ...) and the fields the search names
 * (for example in {@code | fields}); smart turns field discovery on for event searches, so search-time extractions
 * arrive too; verbose returns all field and event data.
 */
public enum SearchMode {
    FAST,
    SMART,
    VERBOSE;

    /** The parameter value: {@code fast}, {@code smart} or {@code verbose}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a setting value in any case. */
    public static SearchMode fromValue(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
