package io.github.splunkdeltabridge.client;

import java.util.Locale;
import java.util.Objects;

/**
 * A message Splunk streamed with the results ({@code {"messages":[{"type":"WARN","text":"…"}]}}), and what it means
 * for the completeness of the rows (see {@link #kind()}).
 */
public record SearchMessage(String type, String text) {

    /** What a message means for the rows around it. */
    public enum Kind {
        /** Informational (DEBUG, INFO, most WARN): the rows are unaffected. */
        INFORMATIONAL,
        /**
         * Rows are missing among those the search returns, although it goes on or ends normally: a search peer down,
         * unreachable or timed out.
         */
        INCOMPLETE_RESULTS,
        /**
         * The search stopped before its end (auto-finalized at a time, event or disk limit, cancelled): what it
         * returned is the newest part of its results, in order, and the rest is missing.
         */
        STOPPED_EARLY,
        /** The search failed (ERROR, FATAL): the rows cannot be trusted further. */
        SEARCH_FAILED
    }

    public SearchMessage {
        type = type == null ? "INFO" : type.toUpperCase(Locale.ROOT);
        text = Objects.requireNonNullElse(text, "");
    }

    /** Classified by {@link SearchMessages}. */
    public Kind kind() {
        return SearchMessages.classify(this);
    }

    @Override
    public String toString() {
        return type + ": " + text;
    }
}
