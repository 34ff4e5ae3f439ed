package io.github.splunkdeltabridge.client;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One export: an SPL search and optional event-time and index-time bounds (earliest inclusive,
 * latest exclusive), with the search options Splunk offers for it. Bounds travel as epoch seconds in the POST body,
 * never in the URL.
 */
public final class ExportRequest {

    private final String search;
    private final Instant earliest;
    private final Instant latest;
    private final Instant indexEarliest;
    private final Instant indexLatest;
    private final ExportPosition resumeFrom;
    private final boolean timeOrdered;
    private final boolean acceptIncompleteResults;
    private final SearchMode searchMode;
    private final Boolean enableLookups;

    private ExportRequest(Builder b, Instant latest) {
        this.search = b.search;
        this.earliest = b.earliest;
        this.latest = latest;
        this.indexEarliest = b.indexEarliest;
        this.indexLatest = b.indexLatest;
        this.resumeFrom = b.resumeFrom;
        this.timeOrdered = b.timeOrdered;
        this.acceptIncompleteResults = b.acceptIncompleteResults;
        this.searchMode = b.searchMode;
        this.enableLookups = b.enableLookups;
    }

    private ExportRequest(ExportRequest other, Instant latest) {
        this.search = other.search;
        this.earliest = other.earliest;
        this.latest = latest;
        this.indexEarliest = other.indexEarliest;
        this.indexLatest = other.indexLatest;
        this.resumeFrom = other.resumeFrom;
        this.timeOrdered = other.timeOrdered;
        this.acceptIncompleteResults = other.acceptIncompleteResults;
        this.searchMode = other.searchMode;
        this.enableLookups = other.enableLookups;
    }

    public static Builder builder(String search) {
        return new Builder(search);
    }

    /** The search as sent: {@code search } is prepended unless it starts with {@code search} or {@code |}. */
    public String search() {
        return search;
    }

    public Instant earliest() {
        return earliest;
    }

    public Instant latest() {
        return latest;
    }

    public Instant indexEarliest() {
        return indexEarliest;
    }

    public Instant indexLatest() {
        return indexLatest;
    }

    /** Where a previous run of the same export stopped; {@link ExportPosition#start()} for a fresh export. */
    public ExportPosition resumeFrom() {
        return resumeFrom;
    }

    /**
     * False when the search is known to return rows in another order than newest first (it sorts, reverses,
     * transforms): its position then never claims more than a row count, and a cut re-reads the range.
     */
    public boolean timeOrdered() {
        return timeOrdered;
    }

    /**
     * True when rows Splunk reports missing (a peer down, see {@link SplunkIncompleteResultsException}) are accepted:
     * the messages are logged and the stream goes on to its end. False (the default): the stream stops with
     * {@link SplunkIncompleteResultsException}.
     */
    public boolean acceptIncompleteResults() {
        return acceptIncompleteResults;
    }

    /** {@code adhoc_search_level}, or null for Splunk's default. */
    public SearchMode searchMode() {
        return searchMode;
    }

    /** {@code enable_lookups}, or null for Splunk's default (lookups on). */
    public Boolean enableLookups() {
        return enableLookups;
    }

    /** The same request with a narrower upper event-time bound, for resuming. */
    ExportRequest withLatest(Instant newLatest) {
        return new ExportRequest(this, newLatest);
    }

    static String normalizeSearch(String search) {
        String s = search.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        // The export endpoint, unlike the search bar, needs the leading command spelled out.
        boolean hasCommand = s.startsWith("|")
                || lower.equals("search")
                || lower.startsWith("search") && Character.isWhitespace(s.charAt(6));
        return hasCommand ? s : "search " + s;
    }

    @Override
    public String toString() {
        return "ExportRequest[search=" + search + ", earliest=" + earliest + ", latest=" + latest
                + (indexEarliest == null ? "" : ", indexEarliest=" + indexEarliest)
                + (indexLatest == null ? "" : ", indexLatest=" + indexLatest)
                + (resumeFrom.isStart() ? "" : ", resumeFrom=" + resumeFrom)
                + (timeOrdered ? "" : ", notTimeOrdered")
                + (searchMode == null ? "" : ", searchMode=" + searchMode.value())
                + (enableLookups == null ? "" : ", enableLookups=" + enableLookups) + "]";
    }

    public static final class Builder {
        private final String search;
        private Instant earliest;
        private Instant latest;
        private Instant indexEarliest;
        private Instant indexLatest;
        private ExportPosition resumeFrom = ExportPosition.start();
        private boolean timeOrdered = true;
        private boolean acceptIncompleteResults;
        private SearchMode searchMode;
        private Boolean enableLookups;

        private Builder(String search) {
            if (search == null || search.isBlank()) {
                throw new IllegalArgumentException("search must not be blank");
            }
            this.search = normalizeSearch(search);
        }

        /** Event time, inclusive; null for Splunk's default. */
        public Builder earliest(Instant earliest) {
            this.earliest = earliest;
            return this;
        }

        /** Event time, exclusive; null for Splunk's default (now). */
        public Builder latest(Instant latest) {
            this.latest = latest;
            return this;
        }

        /** Index time, inclusive; null for none. */
        public Builder indexEarliest(Instant indexEarliest) {
            this.indexEarliest = indexEarliest;
            return this;
        }

        /** Index time, exclusive; null for none. */
        public Builder indexLatest(Instant indexLatest) {
            this.indexLatest = indexLatest;
            return this;
        }

        /** Continue a previous run of this same export from its stored position. */
        public Builder resumeFrom(ExportPosition position) {
            this.resumeFrom = Objects.requireNonNull(position, "position");
            return this;
        }

        /** Whether the search returns events newest first, as event searches do; see {@link #timeOrdered()}. */
        public Builder timeOrdered(boolean timeOrdered) {
            this.timeOrdered = timeOrdered;
            return this;
        }

        /** See {@link ExportRequest#acceptIncompleteResults()}. */
        public Builder acceptIncompleteResults(boolean accept) {
            this.acceptIncompleteResults = accept;
            return this;
        }

        /** {@code adhoc_search_level}; null for Splunk's default. */
        public Builder searchMode(SearchMode searchMode) {
            this.searchMode = searchMode;
            return this;
        }

        /** {@code enable_lookups}; null for Splunk's default. */
        public Builder enableLookups(Boolean enableLookups) {
            this.enableLookups = enableLookups;
            return this;
        }

        public ExportRequest build() {
            if (earliest != null && latest != null && !earliest.isBefore(latest)) {
                throw new IllegalArgumentException("earliest must be before latest");
            }
            if (indexEarliest != null && indexLatest != null && !indexEarliest.isBefore(indexLatest)) {
                throw new IllegalArgumentException("indexEarliest must be before indexLatest");
            }
            return new ExportRequest(this, latest);
        }
    }
}
