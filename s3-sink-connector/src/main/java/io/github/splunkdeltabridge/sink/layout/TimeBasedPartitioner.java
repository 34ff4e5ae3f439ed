package io.github.splunkdeltabridge.sink.layout;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Directories by time, like Confluent's {@code TimeBasedPartitioner}: the record's timestamp is floored to a
 * multiple of {@code partition.duration.ms} in the configured time zone and rendered with {@code path.format}.
 */
public final class TimeBasedPartitioner implements Partitioner {

    private final DateTimeFormatter format;
    private final long durationMillis;
    private final ZoneId zone;
    private final RecordTimestamp timestamp;

    public TimeBasedPartitioner(
            String pathFormat,
            long durationMillis,
            Locale locale,
            ZoneId zone,
            RecordTimestamp.Source source,
            String timestampField,
            Clock clock) {
        if (durationMillis <= 0) {
            throw new IllegalArgumentException("partition.duration.ms must be positive, not " + durationMillis);
        }
        this.format = JodaPathFormat.toFormatter(pathFormat, locale).withZone(zone);
        this.durationMillis = durationMillis;
        this.zone = zone;
        this.timestamp = new RecordTimestamp(source, timestampField, clock);
    }

    @Override
    public String encodePartition(SinkRecord record) {
        return format.format(bucketStart(timestamp.of(record)));
    }

    /** The start of the time bucket holding {@code t}, with buckets aligned in local time as Confluent aligns them. */
    Instant bucketStart(Instant t) {
        ZoneOffset offset = zone.getRules().getOffset(t);
        long localMillis = t.toEpochMilli() + offset.getTotalSeconds() * 1000L;
        long flooredLocal = Math.floorDiv(localMillis, durationMillis) * durationMillis;
        LocalDateTime local = LocalDateTime.ofEpochSecond(
                Math.floorDiv(flooredLocal, 1000L),
                (int) Math.floorMod(flooredLocal, 1000L) * 1_000_000,
                ZoneOffset.UTC);
        return ZonedDateTime.ofLocal(local, zone, offset).toInstant();
    }
}
