package io.github.splunkdeltabridge.reconcile.splunk;

import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import io.github.splunkdeltabridge.client.SplunkProtocolException;
import io.github.splunkdeltabridge.reconcile.ReconcileRange;
import io.github.splunkdeltabridge.reconcile.splunk.TstatsQuery.Span;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts one index's events per UTC hour with tstats.
 *
 * <p>Splunk renders a bucket's {@code _time} in the user's time zone and aligns time bins to it: its search manual
 * says bins of a day or more follow the local day, and its timechart reference gives no guarantee that shorter bins
 * start where the user expects. Hours in a zone offset by a whole number of hours (New York, Tokyo) are UTC hours
 * too; in a zone such as Asia/Kolkata (+05:30) an hour bin may start at half past a UTC hour. So every bucket's start
 * is checked: when an hourly bucket does not start on a UTC hour, the index is counted again in quarter hours, which
 * start on UTC quarter hours in every zone in use, and those are added up into UTC hours. A quarter-hour bucket
 * that is not on a UTC quarter hour stops the reconcile with the value Splunk sent.
 */
public final class SplunkHourlyCounts {

    private static final Logger LOG = LoggerFactory.getLogger(SplunkHourlyCounts.class);

    private final SplunkClient client;

    public SplunkHourlyCounts(SplunkClient client) {
        this.client = client;
    }

    /** Events of {@code index} per UTC hour of {@code _time} in the range, indexed before {@code indexedBefore}. */
    public Map<Instant, Long> count(String index, ReconcileRange range, Instant indexedBefore) {
        Map<Instant, Long> hourly = countBy(index, range, indexedBefore, Span.HOUR);
        if (hourly != null) {
            return hourly;
        }
        LOG.info(
                "Splunk's hourly buckets of index {} do not start on UTC hours (the Splunk user's time zone is not a"
                        + " whole number of hours from UTC); counting quarter hours instead",
                index);
        return countBy(index, range, indexedBefore, Span.QUARTER_HOUR);
    }

    /** Counts per UTC hour; null when hourly buckets are not UTC hours (quarter hours that are not throw). */
    private Map<Instant, Long> countBy(String index, ReconcileRange range, Instant indexedBefore, Span span) {
        Map<Instant, Long> counts = new TreeMap<>();
        Set<Instant> buckets = new HashSet<>();
        Instant firstHour = ReconcileRange.hourOf(range.from());
        try (SplunkEventStream rows =
                client.export(TstatsQuery.request(index, range.from(), range.to(), indexedBefore, span))) {
            while (rows.hasNext()) {
                SplunkEvent row = rows.next();
                Instant bucket = bucketStart(row, index, span);
                if (!alignedTo(bucket, span)) {
                    if (span == Span.HOUR) {
                        return null;
                    }
                    throw new SplunkProtocolException("Splunk's " + span.spl() + " bucket of index " + index
                            + " starts at " + row.field("_time") + " (" + bucket + "), not on a UTC quarter hour: the"
                            + " Splunk user's time zone is not a whole number of quarter hours from UTC. Reconcile"
                            + " with a user whose time zone is UTC.");
                }
                if (!buckets.add(bucket)) {
                    // A bucket counted twice would be added twice: never guess which count is right.
                    throw new SplunkProtocolException("Splunk sent the " + span.spl() + " bucket " + row.field("_time")
                            + " of index " + index + " twice in one count; run the reconcile again");
                }
                Instant hour = ReconcileRange.hourOf(bucket);
                if (hour.isBefore(firstHour) || !hour.isBefore(range.to())) {
                    throw new SplunkProtocolException("Splunk counted index " + index + " in a bucket at "
                            + row.field("_time") + " (" + bucket + "), outside the range " + range);
                }
                counts.merge(hour, count(row, index), Long::sum);
            }
        }
        return counts;
    }

    private static Instant bucketStart(SplunkEvent row, String index, Span span) {
        Instant time = row.time();
        if (time == null) {
            throw new SplunkProtocolException("A tstats row of index " + index + " (span " + span.spl()
                    + ") has no readable _time: " + row.field("_time") + " in " + row.fields());
        }
        return time;
    }

    private static boolean alignedTo(Instant bucket, Span span) {
        return bucket.getNano() == 0 && bucket.getEpochSecond() % span.length().toSeconds() == 0;
    }

    private static long count(SplunkEvent row, String index) {
        String value = row.field("count");
        try {
            long count = Long.parseLong(value);
            if (count < 0) {
                throw new NumberFormatException("negative");
            }
            return count;
        } catch (NumberFormatException e) {
            throw new SplunkProtocolException(
                    "A tstats row of index " + index + " has no count Splunk could mean: " + row.fields());
        }
    }
}
