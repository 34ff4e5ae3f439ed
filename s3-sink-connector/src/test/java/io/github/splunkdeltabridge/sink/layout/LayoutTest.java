package io.github.splunkdeltabridge.sink.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class LayoutTest {

    private static final Schema VALUE = SchemaBuilder.struct()
            .name("E")
            .field("index", Schema.STRING_SCHEMA)
            .field("event_time", Timestamp.SCHEMA)
            .build();
    private static final Instant EVENT_TIME = Instant.parse("2024-03-01T23:45:12.345Z");

    private static SinkRecord record(int partition, long offset, Long timestamp) {
        Struct value = new Struct(VALUE).put("index", "web").put("event_time", Date.from(EVENT_TIME));
        return new SinkRecord(
                "splunk.web",
                partition,
                Schema.STRING_SCHEMA,
                "id",
                VALUE,
                value,
                offset,
                timestamp,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME);
    }

    @Test
    void keysFollowConfluentsLayoutWithZeroPaddedStartOffsets() {
        ObjectKeys keys = new ObjectKeys("/topics/", ObjectKeys.parquetExtension("snappy"));
        assertThat(keys.key("splunk.web", "partition=3", 3, 42))
                .isEqualTo("topics/splunk.web/partition=3/splunk.web+3+0000000042.snappy.parquet");
        assertThat(new ObjectKeys("", ".avro").key("t", "partition=0", 0, 12_345_678_901L))
                .isEqualTo("t/partition=0/t+0+12345678901.avro");
        assertThat(ObjectKeys.parquetExtension("none")).isEqualTo(".parquet");
        assertThat(ObjectKeys.parquetExtension("zstd")).isEqualTo(".zstd.parquet");
    }

    @Test
    void defaultAndFieldPartitioners() {
        assertThat(new DefaultPartitioner().encodePartition(record(7, 1, null))).isEqualTo("partition=7");
        assertThat(new FieldPartitioner(List.of("index")).encodePartition(record(0, 1, null)))
                .isEqualTo("index=web");
        SinkRecord schemaless = new SinkRecord("t", 0, null, null, null, Map.of("index", "os", "host", "db-1"), 5);
        assertThat(new FieldPartitioner(List.of("index", "host")).encodePartition(schemaless))
                .isEqualTo("index=os/host=db-1");
        assertThatThrownBy(() -> new FieldPartitioner(List.of("nope")).encodePartition(record(0, 9, null)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("nope")
                .hasMessageContaining("offset 9");
    }

    @Test
    void timeBasedPartitionerUsesJodaLettersAsConfluentDoes() {
        TimeBasedPartitioner hourly = new TimeBasedPartitioner(
                "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH",
                3_600_000L,
                Locale.US,
                ZoneOffset.UTC,
                RecordTimestamp.Source.RECORD_FIELD,
                "event_time",
                Clock.systemUTC());
        assertThat(hourly.encodePartition(record(0, 1, null))).isEqualTo("year=2024/month=03/day=01/hour=23");

        // Record timestamps in a zone east of UTC move the event into the next local day.
        TimeBasedPartitioner daily = new TimeBasedPartitioner(
                "'dt'=YYYY-MM-dd",
                86_400_000L,
                Locale.US,
                ZoneId.of("Asia/Tokyo"),
                RecordTimestamp.Source.RECORD,
                null,
                Clock.systemUTC());
        assertThat(daily.encodePartition(record(0, 1, EVENT_TIME.toEpochMilli())))
                .isEqualTo("dt=2024-03-02");
        assertThat(daily.bucketStart(EVENT_TIME)).isEqualTo(Instant.parse("2024-03-01T15:00:00Z"));

        // Joda's Y is the year of the era; java.time's Y would be the week-based year (2025 on 2024-12-30).
        TimeBasedPartitioner yearly = new TimeBasedPartitioner(
                "YYYY",
                86_400_000L,
                Locale.US,
                ZoneOffset.UTC,
                RecordTimestamp.Source.WALLCLOCK,
                null,
                Clock.fixed(Instant.parse("2024-12-30T10:00:00Z"), ZoneOffset.UTC));
        assertThat(yearly.encodePartition(record(0, 1, null))).isEqualTo("2024");
    }

    @Test
    void badTimeSettingsAreClear() {
        assertThatThrownBy(() -> new TimeBasedPartitioner(
                        "'week'=ww",
                        1000,
                        Locale.US,
                        ZoneOffset.UTC,
                        RecordTimestamp.Source.RECORD,
                        null,
                        Clock.systemUTC()))
                .hasMessageContaining("'w'");
        assertThatThrownBy(() -> new TimeBasedPartitioner(
                        "YYYY", 0, Locale.US, ZoneOffset.UTC, RecordTimestamp.Source.RECORD, null, Clock.systemUTC()))
                .hasMessageContaining("partition.duration.ms");
        TimeBasedPartitioner byRecordTime = new TimeBasedPartitioner(
                "YYYY", 1000, Locale.US, ZoneOffset.UTC, RecordTimestamp.Source.RECORD, null, Clock.systemUTC());
        assertThatThrownBy(() -> byRecordTime.encodePartition(record(0, 4, null)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("no timestamp");
    }
}
