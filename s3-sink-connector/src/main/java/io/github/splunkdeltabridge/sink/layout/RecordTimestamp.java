package io.github.splunkdeltabridge.sink.layout;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The time of a record, as Confluent's {@code timestamp.extractor} defines it; used by the time-based partitioner
 * and by record-time rotation, so both see the same clock.
 */
public final class RecordTimestamp {

    /** Where the time comes from. */
    public enum Source {
        RECORD,
        RECORD_FIELD,
        WALLCLOCK
    }

    private final Source source;
    private final String timestampField;
    private final Clock clock;

    public RecordTimestamp(Source source, String timestampField, Clock clock) {
        if (source == Source.RECORD_FIELD && (timestampField == null || timestampField.isBlank())) {
            throw new IllegalArgumentException("timestamp.field is needed with timestamp.extractor=RecordField");
        }
        this.source = Objects.requireNonNull(source, "source");
        this.timestampField = timestampField;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The record's time; a {@link DataException} names the record when it has none. */
    public Instant of(SinkRecord record) {
        return switch (source) {
            case WALLCLOCK -> clock.instant();
            case RECORD -> {
                if (record.timestamp() == null) {
                    throw new DataException("Record in topic " + record.topic() + " at offset " + record.kafkaOffset()
                            + " has no timestamp; use timestamp.extractor=RecordField or Wallclock");
                }
                yield Instant.ofEpochMilli(record.timestamp());
            }
            case RECORD_FIELD -> fieldTimestamp(record);
        };
    }

    private Instant fieldTimestamp(SinkRecord record) {
        Object value = record.value();
        Object field = value instanceof Struct struct && struct.schema().field(timestampField) != null
                ? struct.get(timestampField)
                : value instanceof Map<?, ?> map ? map.get(timestampField) : null;
        if (field instanceof Date date) {
            return date.toInstant();
        }
        if (field instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        if (field instanceof String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new DataException("timestamp.field '" + timestampField + "' holds '" + text
                        + "', not an ISO-8601 time, in topic " + record.topic() + " at offset " + record.kafkaOffset());
            }
        }
        throw new DataException("timestamp.field '" + timestampField + "' is missing or not a time in topic "
                + record.topic() + " at offset " + record.kafkaOffset());
    }
}
