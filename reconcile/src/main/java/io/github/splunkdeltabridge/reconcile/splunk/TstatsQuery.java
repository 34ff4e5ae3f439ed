package io.github.splunkdeltabridge.reconcile.splunk;

import io.github.splunkdeltabridge.client.ExportRequest;
import java.time.Duration;
import java.time.Instant;

/**
 * The count searches of one index: {@code | tstats count where index=<index> by _time span=<span>}, over the
 * event-time range and below the index-time cut-off.
 *
 * <p>The bounds travel as the export's {@code earliest_time}, {@code latest_time} and {@code index_latest}
 * parameters, exactly as the connector's backfill sends them for its own exports: both sides of the comparison then
 * apply Splunk's index-time bound the same way. (Splunk's time modifiers {@code _index_earliest} and
 * {@code _index_latest} also work inside a tstats where clause, as Splunk's own cluster health dashboards use them;
 * the REST parameters are the connector's mechanism, so they are the one used here.)
 *
 * <p>The rows are marked not time-ordered (tstats answers buckets oldest first): a cut stream is then read again
 * from the start, and {@link SplunkHourlyCounts} refuses a bucket delivered twice rather than add it twice.
 *
 * <p>tstats counts from the index files (tsidx) of every bucket, hot ones included. Buckets whose tsidx files were
 * reduced are left out unless tstats is given {@code include_reduced_buckets=t} (Splunk's tstats reference), and
 * events hidden with {@code | delete} may still be counted: docs/reconcile.md lists these limits.
 */
public final class TstatsQuery {

    /** The bucket sizes used: hours, and quarter hours when Splunk aligns hours to a non-UTC zone (see below). */
    public enum Span {
        HOUR("1h", Duration.ofHours(1)),
        /**
         * Every time zone in use today is offset from UTC by a whole number of quarter hours (+05:30 India,
         * +05:45 Nepal, +08:45 Eucla, +12:45 Chatham), so quarter-hour buckets start on UTC quarter hours whether
         * Splunk aligns them to the epoch or to the user's local time, and add up to UTC hours.
         */
        QUARTER_HOUR("15m", Duration.ofMinutes(15));

        private final String spl;
        private final Duration length;

        Span(String spl, Duration length) {
            this.spl = spl;
            this.length = length;
        }

        public String spl() {
            return spl;
        }

        public Duration length() {
            return length;
        }
    }

    private TstatsQuery() {}

    /** The SPL of the count search (for logs and the report). */
    public static String spl(String index, Span span) {
        return "| tstats count where index=" + index + " by _time span=" + span.spl();
    }

    public static ExportRequest request(String index, Instant from, Instant to, Instant indexedBefore, Span span) {
        return ExportRequest.builder(spl(index, span))
                .earliest(from)
                .latest(to)
                .indexLatest(indexedBefore)
                .timeOrdered(false)
                .build();
    }
}
