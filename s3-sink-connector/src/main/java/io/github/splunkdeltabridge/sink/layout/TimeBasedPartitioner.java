package io.github.splunkdeltabridge.sink.layout;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.Map;

/**
 * Directories by time, like Confluent's {@code TimeBasedPartitioner}: the record's timestamp is floored to a
 * multiple of {@code partition.duration.ms} in the configured time zone and rendered with {@code path.format}.
 */
public final class TimeBasedPartitioner implements Partitioner {

    /** Where the timestamp comes from ({@code timestamp.extractor}). */
    public enum TimestampSource { RECORD, RECORD_FIELD, WALLCLOCK }

    private final DateTimeFormatter format;
    private final long durationMillis;
    private final ZoneId zone;
    private final TimestampSource source;
    private final String timestampField;
    private final Clock clock;

    public TimeBasedPartitioner(String pathFormat, long durationMillis, Locale locale, ZoneId zone,
                                TimestampSource source, String timestampField, Clock clock) {
        if (durationMillis <= 0) {
            throw new IllegalArgumentException("partition.duration.ms must be positive, not " + durationMillis);
        }
        if (source == TimestampSource.RECORD_FIELD && (timestampField == null || timestampField.isBlank())) {
            throw new IllegalArgumentException("timestamp.field is needed with timestamp.extractor=RecordField");
        }
        this.format = JodaPathFormat.toFormatter(pathFormat, locale).withZone(zone);
        this.durationMillis = durationMillis;
        this.zone = zone;
        this.source = source;
        this.timestampField = timestampField;
        this.clock = clock;
    }

    @Override
    public String encodePartition(SinkRecord record) {
        return format.format(bucketStart(timestamp(record)));
    }

    /** The start of the time bucket holding {@code t}, with buckets aligned in local time as Confluent aligns them. */
    Instant bucketStart(Instant t) {
        ZoneOffset offset = zone.getRules().getOffset(t);
        long localMillis = t.toEpochMilli() + offset.getTotalSeconds() * 1000L;
        long flooredLocal = Math.floorDiv(localMillis, durationMillis) * durationMillis;
        LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(flooredLocal, 1000L),
                (int) Math.floorMod(flooredLocal, 1000L) * 1_000_000, ZoneOffset.UTC);
        return ZonedDateTime.ofLocal(local, zone, offset).toInstant();
    }

    private Instant timestamp(SinkRecord record) {
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
