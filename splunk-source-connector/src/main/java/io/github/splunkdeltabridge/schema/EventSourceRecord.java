package io.github.splunkdeltabridge.schema;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A source record whose hash code covers its topic and key (the event id) only. With exactly-once support Connect
 * keeps every sent record as a {@code HashMap} key until its transaction commits, and {@code SourceRecord}'s own
 * hash code hashes the whole value (every string of the event, the schema twice, the map of other fields): in a
 * profile of the connector that was two thirds of the producer's network thread, which runs those callbacks.
 * Equality stays {@code SourceRecord}'s, so equal records still have equal hash codes.
 */
final class EventSourceRecord extends SourceRecord {

    EventSourceRecord(
            Map<String, ?> sourcePartition,
            Map<String, ?> sourceOffset,
            String topic,
            Schema keySchema,
            Object key,
            Schema valueSchema,
            Object value,
            Long timestamp,
            Headers headers) {
        super(sourcePartition, sourceOffset, topic, null, keySchema, key, valueSchema, value, timestamp, headers);
    }

    /** {@code SourceRecord}'s: every part compared. */
    @Override
    public boolean equals(Object o) {
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic(), key());
    }
}
