package io.github.splunkdeltabridge.spark;

import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.TimeSlice;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One export: a search over a backfill slice of event time (with the backfill's index-time cut-off) or over a window
 * of index time (the tail). Its bounds are fixed on the driver when the read is planned, so a retried task asks
 * Splunk for exactly the same events.
 *
 * @param earliest event time, inclusive, or null
 * @param latest event time, exclusive, or null
 * @param indexEarliest index time, inclusive, or null
 * @param indexLatest index time, exclusive, or null
 */
record ExportUnit(SplunkSearch search, Instant earliest, Instant latest, Instant indexEarliest, Instant indexLatest)
        implements Serializable {

    ExportUnit {
        Objects.requireNonNull(search, "search");
    }

    /** A backfill slice: events of {@code slice} (event time) indexed before {@code indexLatest}. */
    static ExportUnit backfillSlice(SplunkSearch search, TimeSlice slice, Instant indexLatest) {
        return new ExportUnit(search, slice.start(), slice.end(), null, indexLatest);
    }

    /** A tail window: events indexed in {@code window}, whatever their event time. */
    static ExportUnit indexWindow(SplunkSearch search, TimeSlice window) {
        return new ExportUnit(search, null, null, window.start(), window.end());
    }

    /** The export as the options ask for it (search mode, lookups, missing rows), bounded to this unit. */
    ExportRequest request(SplunkReadOptions options) {
        return options.request(search.spl())
                .earliest(earliest)
                .latest(latest)
                .indexEarliest(indexEarliest)
                .indexLatest(indexLatest)
                .build();
    }

    /** For logs and errors: the search and its range. */
    @Override
    public String toString() {
        return earliest != null
                ? search.name() + " _time " + earliest + "/" + latest + " indexed before " + indexLatest
                : search.name() + " _indextime " + indexEarliest + "/" + indexLatest;
    }
}
