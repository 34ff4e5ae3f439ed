package io.github.splunkdeltabridge.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.apache.spark.sql.connector.read.streaming.Offset;

/**
 * How far a stream has planned, as Spark stores it in the checkpoint's offset log: the backfill's end (fixed at the
 * stream's first start, so restarts never move the cut-off between backfill and tail), the event time up to which
 * backfill slices are planned, and the index time up to which the tail is planned. Times are ISO-8601 so that a
 * checkpoint can be read by a person.
 *
 * <pre>{"version":1,"backfill_end":"2024-03-02T00:00:00Z","backfill_done":"2024-03-01T06:00:00Z",
 * "tail_done":"2024-03-02T00:00:00Z"}</pre>
 */
final class SplunkStreamOffset extends Offset {

    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Instant backfillEnd;
    private final Instant backfillDone;
    private final Instant tailDone;

    SplunkStreamOffset(Instant backfillEnd, Instant backfillDone, Instant tailDone) {
        this.backfillEnd = Objects.requireNonNull(backfillEnd, "backfillEnd");
        this.backfillDone = Objects.requireNonNull(backfillDone, "backfillDone");
        this.tailDone = Objects.requireNonNull(tailDone, "tailDone");
        if (backfillDone.isAfter(backfillEnd) || tailDone.isBefore(backfillEnd)) {
            throw new IllegalArgumentException("Inconsistent Splunk stream offset: " + json());
        }
    }

    /** End of the backfill's event time and its index-time cut-off; the tail starts there. */
    Instant backfillEnd() {
        return backfillEnd;
    }

    /** Backfill slices before this event time are planned. */
    Instant backfillDone() {
        return backfillDone;
    }

    /** Tail windows before this index time are planned. */
    Instant tailDone() {
        return tailDone;
    }

    boolean backfillFinished() {
        return !backfillDone.isBefore(backfillEnd);
    }

    SplunkStreamOffset withBackfillDone(Instant done) {
        return new SplunkStreamOffset(backfillEnd, done, tailDone);
    }

    SplunkStreamOffset withTailDone(Instant done) {
        return new SplunkStreamOffset(backfillEnd, backfillDone, done);
    }

    @Override
    public String json() {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", VERSION);
        node.put("backfill_end", backfillEnd.toString());
        node.put("backfill_done", backfillDone.toString());
        node.put("tail_done", tailDone.toString());
        return node.toString();
    }

    /** Reads an offset from a checkpoint; fails with the offending text rather than guessing. */
    static SplunkStreamOffset fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            int version = node.path("version").asInt(-1);
            if (version != VERSION) {
                throw new IllegalStateException("Splunk stream offset of version " + node.path("version")
                        + " in the checkpoint; this reader knows version " + VERSION + ": " + json);
            }
            return new SplunkStreamOffset(
                    instant(node, "backfill_end", json),
                    instant(node, "backfill_done", json),
                    instant(node, "tail_done", json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Splunk stream offset in the checkpoint is not JSON: " + json, e);
        }
    }

    private static Instant instant(JsonNode node, String field, String json) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalStateException("Splunk stream offset without " + field + " in the checkpoint: " + json);
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(
                    "Splunk stream offset with an unreadable " + field + " in the checkpoint: " + json, e);
        }
    }
}
