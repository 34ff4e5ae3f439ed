package io.github.splunkdeltabridge.reconcile;

import io.github.splunkdeltabridge.reconcile.delta.DeltaHourIds;
import io.github.splunkdeltabridge.reconcile.splunk.SplunkHourIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --ids}: for an hour that differs, reads the hour's event ids on both sides and tells which of Splunk's are
 * not in the table and which of the table's rows Splunk does not have (or that repeat an id). Both sets are held in
 * memory, so hours larger than {@code maxEventsPerHour} are skipped with a note.
 */
public final class EventIdLookup {

    private final SplunkHourIds splunk;
    private final DeltaHourIds delta;
    private final Cutoffs cutoffs;
    private final int limit;
    private final long maxEventsPerHour;

    public EventIdLookup(SplunkHourIds splunk, DeltaHourIds delta, Cutoffs cutoffs, int limit, long maxEventsPerHour) {
        this.splunk = splunk;
        this.delta = delta;
        this.cutoffs = cutoffs;
        this.limit = limit;
        this.maxEventsPerHour = maxEventsPerHour;
    }

    public EventIdDiff diff(HourResult hour) {
        long larger = Math.max(hour.splunk(), hour.delta().rows());
        if (larger > maxEventsPerHour) {
            return EventIdDiff.skipped(String.format(
                    "not read: %,d events is more than --ids-max-events-per-hour %,d", larger, maxEventsPerHour));
        }
        Set<String> inSplunk = splunk.ids(hour.index(), hour.from(), hour.to(), cutoffs.indexedBefore(hour.index()));
        List<String> inTable = delta.ids(hour.index(), hour.from(), hour.to(), cutoffs);
        return compare(inSplunk, inTable, limit);
    }

    static EventIdDiff compare(Set<String> inSplunk, List<String> inTable, int limit) {
        Map<String, Integer> tableCounts = new HashMap<>();
        inTable.forEach(id -> tableCounts.merge(id, 1, Integer::sum));
        TreeSet<String> missing = new TreeSet<>();
        for (String id : inSplunk) {
            if (!tableCounts.containsKey(id)) {
                missing.add(id);
            }
        }
        TreeSet<String> extraIds = new TreeSet<>();
        long extra = 0;
        for (Map.Entry<String, Integer> entry : tableCounts.entrySet()) {
            // Rows Splunk does not have, and every repeat of an id beyond its first row.
            int surplus = inSplunk.contains(entry.getKey()) ? entry.getValue() - 1 : entry.getValue();
            if (surplus > 0) {
                extra += surplus;
                extraIds.add(entry.getKey());
            }
        }
        return new EventIdDiff(missing.size(), first(missing, limit), extra, first(extraIds, limit), null);
    }

    private static List<String> first(TreeSet<String> ids, int limit) {
        List<String> first = new ArrayList<>(Math.min(ids.size(), limit));
        for (String id : ids) {
            if (first.size() == limit) {
                break;
            }
            first.add(id);
        }
        return first;
    }
}
