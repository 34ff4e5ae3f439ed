package io.github.splunkdeltabridge.reconcile.repair;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.splunkdeltabridge.reconcile.Cutoffs;
import io.github.splunkdeltabridge.reconcile.ReconcileUsageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads how far the source connector has read each index from its committed offsets (the shape its class
 * {@code SourceOffsets} documents): the tail of index {@code web} is the partition
 * {@code {"search": "web", "tail": "index_time"}}, whose offset holds the index-time window being read,
 * {@code [window_start_ms, window_end_ms)}, and {@code done} once that window is read; every offset holds the
 * resolved {@code backfill_end_ms}.
 *
 * <p>Per index: a finished tail window has read everything indexed before its end; an unfinished one everything
 * indexed before its start. Without a tail offset (tail off, or not started) the backfill's end is the cut-off: the
 * backfill reads what was indexed before it. Committed offsets are what Kafka holds; run the S3 sink and the Delta
 * job to the same point before reconciling, or the hours still in flight show as missing.
 */
public final class ConnectorCutoffs {

    static final String SEARCH = "search";
    static final String TAIL = "tail";
    static final String DONE = "done";
    static final String BACKFILL_END_MS = "backfill_end_ms";
    static final String WINDOW_START_MS = "window_start_ms";
    static final String WINDOW_END_MS = "window_end_ms";

    private ConnectorCutoffs() {}

    public static Cutoffs from(String connector, JsonNode offsetsResponse, List<String> indexes) {
        Map<String, Instant> tails = new TreeMap<>();
        Map<String, Instant> backfillEnds = new TreeMap<>();
        for (JsonNode entry : offsetsResponse.path("offsets")) {
            JsonNode partition = entry.path("partition");
            JsonNode offset = entry.path("offset");
            String search = partition.path(SEARCH).asText(null);
            if (search == null || offset.isMissingNode() || offset.isNull()) {
                continue;
            }
            if (offset.hasNonNull(BACKFILL_END_MS)) {
                backfillEnds.putIfAbsent(
                        search, Instant.ofEpochMilli(offset.get(BACKFILL_END_MS).asLong()));
            }
            if (partition.has(TAIL)) {
                String key = offset.path(DONE).asBoolean(false) ? WINDOW_END_MS : WINDOW_START_MS;
                if (offset.hasNonNull(key)) {
                    tails.put(search, Instant.ofEpochMilli(offset.get(key).asLong()));
                }
            }
        }
        Map<String, Instant> byIndex = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        for (String index : indexes) {
            Instant cutoff = tails.containsKey(index) ? tails.get(index) : backfillEnds.get(index);
            if (cutoff == null) {
                unknown.add(index);
            } else {
                byIndex.put(index, cutoff);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ReconcileUsageException("--connector " + connector + " has no committed offsets for index "
                    + String.join(", ", unknown) + " (does it read that index, and has it committed a record yet?);"
                    + " give --indexed-before instead");
        }
        return Cutoffs.perIndex(byIndex, "offsets of connector " + connector);
    }
}
