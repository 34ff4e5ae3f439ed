package io.github.splunkdeltabridge.schema;

import io.github.splunkdeltabridge.client.SplunkEvent;
import java.util.Locale;

/**
 * Which time a record carries as its Kafka timestamp. Kafka's time-based retention ({@code retention.ms}) counts
 * from the newest timestamp of a log segment, so records stamped with an event time older than the retention are
 * deleted at the broker's next retention check, whether or not a sink has read them: a backfill of history must not
 * carry event times into a topic with the default 7-day retention.
 */
public enum KafkaTimestamp {

    /** No timestamp on the record: the producer stamps the time it sends it, as for any new message. */
    INGEST,
    /** The event's {@code _time}: only for topics with {@code retention.ms=-1} (or log-append time). */
    EVENT_TIME;

    /** The setting's value for this choice: {@code ingest} or {@code event_time}. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a setting value, in any case. */
    public static KafkaTimestamp fromSetting(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The timestamp to give the record of {@code event}, or null to let the producer stamp it. */
    Long of(SplunkEvent event) {
        if (this == INGEST || event.time() == null) {
            return null;
        }
        return event.time().toEpochMilli();
    }
}
