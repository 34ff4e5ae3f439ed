package io.github.splunkdeltabridge.client;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One export: an SPL search and optional event-time and index-time bounds (earliest inclusive,
 * latest exclusive). Bounds travel as epoch seconds in the POST body, never in the URL.
 */
public final class ExportRequest {

    private final String search;
    private final Instant earliest;
    private final Instant latest;
    private final Instant indexEarliest;
    private final Instant indexLatest;
    private final ExportPosition resumeFrom;
    private final boolean transforming;

    private ExportRequest(
            String search,
            Instant earliest,
            Instant latest,
            Instant indexEarliest,
            Instant indexLatest,
            ExportPosition resumeFrom,
            boolean transforming) {
        this.search = search;
        this.earliest = earliest;
        this.latest = latest;
        this.indexEarliest = indexEarliest;
        this.indexLatest = indexLatest;
        this.resumeFrom = resumeFrom;
        this.transforming = transforming;
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

    /** True for a transforming search, whose cut stream is resumed by row count: see {@link Builder#transforming()}. */
    public boolean transforming() {
        return transforming;
    }

    /** The same request with a narrower upper event-time bound, for resuming. */
    ExportRequest withLatest(Instant newLatest) {
        return new ExportRequest(search, earliest, newLatest, indexEarliest, indexLatest, resumeFrom, transforming);
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
                + (transforming ? ", transforming" : "") + "]";
    }

    public static final class Builder {
        private final String search;
        private Instant earliest;
        private Instant latest;
        private Instant indexEarliest;
        private Instant indexLatest;
        private ExportPosition resumeFrom = ExportPosition.start();
        private boolean transforming;

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

        /**
         * Marks a transforming search ({@code | tstats}, {@code | stats}, {@code | timechart}): the {@code _time} of
         * its rows is the start of a bucket, not an event's time, and its rows are not newest first. A cut stream is
         * then resumed by running the search again and skipping the rows already delivered; resuming below the
         * oldest {@code _time}, as for events, would deliver a bucket again with part of its count.
         */
        public Builder transforming() {
            this.transforming = true;
            return this;
        }

        public ExportRequest build() {
            if (earliest != null && latest != null && !earliest.isBefore(latest)) {
                throw new IllegalArgumentException("earliest must be before latest");
            }
            if (indexEarliest != null && indexLatest != null && !indexEarliest.isBefore(indexLatest)) {
                throw new IllegalArgumentException("indexEarliest must be before indexLatest");
            }
            return new ExportRequest(search, earliest, latest, indexEarliest, indexLatest, resumeFrom, transforming);
        }
    }
}
