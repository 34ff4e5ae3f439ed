package io.github.splunkdeltabridge.schema;

import io.github.splunkdeltabridge.client.SplunkEvent;
import java.util.Map;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Builds the Connect record of one Splunk event: key = event id, value = {@link SplunkEventSchema}, timestamp as
 * {@link KafkaTimestamp} says.
 */
public final class SplunkRecords {

    /** Header naming the search the event came from (the index name for index searches). */
    public static final String SEARCH_HEADER = "splunk.search";
    /** Header naming the backfill slice ({@code <start>/<end>}) or {@code tail}. */
    public static final String SOURCE_HEADER = "splunk.source";

    private SplunkRecords() {}

    public static SourceRecord toRecord(
            SplunkEvent event,
            String topic,
            String searchName,
            String sourceLabel,
            Map<String, ?> partition,
            Map<String, ?> offset,
            KafkaTimestamp timestamp) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(SEARCH_HEADER, searchName);
        headers.addString(SOURCE_HEADER, sourceLabel);
        return new EventSourceRecord(
                partition,
                offset,
                topic,
                SplunkEventSchema.KEY_SCHEMA,
                event.eventId(),
                SplunkEventSchema.VALUE_SCHEMA,
                SplunkEventSchema.toStruct(event),
                timestamp.of(event),
                headers);
    }
}
