package io.github.splunkdeltabridge.reconcile;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How far the pipeline has read each index, as an index-time cut-off (exclusive): only events indexed before it are
 * expected in the Delta table. The connector's backfill reads events indexed before its backfill end and its tail
 * reads index-time windows after that, so the cut-off is the backfill end, or the end of the tail's last committed
 * window. Events indexed later (late arrivals, or simply new ones) are left out on both sides instead of being
 * reported as missing.
 */
public final class Cutoffs {

    private final Map<String, Instant> byIndex;
    private final String source;

    private Cutoffs(Map<String, Instant> byIndex, String source) {
        this.byIndex = Map.copyOf(byIndex);
        this.source = source;
    }

    /** One cut-off for every index, e.g. {@code --indexed-before}. */
    public static Cutoffs same(Iterable<String> indexes, Instant indexedBefore, String source) {
        Objects.requireNonNull(indexedBefore, "indexedBefore");
        Map<String, Instant> map = new TreeMap<>();
        indexes.forEach(index -> map.put(index, wholeSecond(indexedBefore)));
        return new Cutoffs(map, source);
    }

    /** A cut-off per index, e.g. read from the source connector's committed offsets. */
    public static Cutoffs perIndex(Map<String, Instant> byIndex, String source) {
        Map<String, Instant> map = new TreeMap<>();
        byIndex.forEach((index, cutoff) -> map.put(index, wholeSecond(cutoff)));
        return new Cutoffs(map, source);
    }

    /** _indextime is whole seconds; a fraction would make the two sides round differently. */
    private static Instant wholeSecond(Instant instant) {
        return Instant.ofEpochSecond(instant.getEpochSecond());
    }

    public Instant indexedBefore(String index) {
        Instant cutoff = byIndex.get(index);
        if (cutoff == null) {
            throw new IllegalArgumentException("no index-time cut-off for index " + index);
        }
        return cutoff;
    }

    /** Index name to cut-off, sorted by index. */
    public Map<String, Instant> byIndex() {
        return new TreeMap<>(byIndex);
    }

    /** Where the cut-offs came from, for the report ("--indexed-before", "connector splunk-source offsets"). */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return byIndex.values().stream().distinct().count() == 1
                ? byIndex.values().iterator().next() + " (" + source + ")"
                : new TreeMap<>(byIndex) + " (" + source + ")";
    }
}
