package io.github.splunkdeltabridge.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One result row of an export: an event (event searches) or a row of a transforming search.
 * Immutable. {@link #fields()} holds every field Splunk sent, in Splunk's order; the typed accessors
 * are shortcuts for the well-known ones and return null when the field is absent.
 */
public final class SplunkEvent {

    private final Map<String, List<String>> fields;
    private final Instant time;
    private final Instant indexTime;
    private final String eventId;

    private SplunkEvent(Map<String, List<String>> fields) {
        this.fields = fields;
        this.time = TimeFormats.parseTime(field("_time"));
        this.indexTime = TimeFormats.parseEpochSeconds(field("_indextime"));
        this.eventId = EventIds.of(fields, time);
    }

    /**
     * Builds an event from field values as Splunk's JSON carries them: a String, or a collection of
     * Strings for a multivalue field (other values are turned into strings, nulls are dropped).
     *
     * @throws IllegalArgumentException when {@code _time} is present but not a time Splunk renders
     */
    public static SplunkEvent fromFields(Map<String, ?> fields) {
        Objects.requireNonNull(fields, "fields");
        FieldMap copy = new FieldMap(fields.size());
        fields.forEach((name, value) -> {
            if (value instanceof Collection<?> values) {
                List<String> list = new ArrayList<>(values.size());
                for (Object v : values) {
                    if (v != null) {
                        list.add(v.toString());
                    }
                }
                copy.add(name, MultiValue.of(list));
            } else if (value != null) {
                copy.add(name, List.of(value.toString()));
            }
        });
        return new SplunkEvent(copy);
    }

    /** For the parser, which already built unmodifiable lists into a map nobody else holds. */
    static SplunkEvent ofParsed(FieldMap fields) {
        return new SplunkEvent(fields);
    }

    /** Event time from {@code _time}, sub-second digits kept (Splunk keeps microseconds); null for rows without it. */
    public Instant time() {
        return time;
    }

    /** Index time from {@code _indextime}; null when absent. */
    public Instant indexTime() {
        return indexTime;
    }

    public String index() {
        return field("index");
    }

    public String host() {
        return field("host");
    }

    public String source() {
        return field("source");
    }

    public String sourcetype() {
        return field("sourcetype");
    }

    public String splunkServer() {
        return field("splunk_server");
    }

    /** The event text {@code _raw}; null for rows of transforming searches. */
    public String raw() {
        return field("_raw");
    }

    /** {@code _cd}: {@code <bucket id>:<offset>}, the event's address in its bucket. */
    public String cd() {
        return field("_cd");
    }

    /** {@code _bkt}: {@code <index>~<bucket number>~<guid>}. */
    public String bkt() {
        return field("_bkt");
    }

    /** Every field, in Splunk's order; single values are one-element lists. Unmodifiable. */
    public Map<String, List<String>> fields() {
        return fields;
    }

    /** The first value of a field, or null when absent. */
    public String field(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** True when Splunk sent the field as a JSON array (a multivalue field), even with one value. */
    public boolean isMultivalue(String name) {
        List<String> values = fields.get(name);
        return values instanceof MultiValue || values != null && values.size() > 1;
    }

    /** Deterministic id, stable across runs; see {@link EventIds} for the scheme. */
    public String eventId() {
        return eventId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SplunkEvent other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        // _raw can be megabytes; keep log lines readable.
        return "SplunkEvent[id=" + eventId + ", time=" + time + ", index=" + index() + ", sourcetype=" + sourcetype()
                + ", fields=" + fields.size() + "]";
    }

    /** Marks a value list that came from a JSON array, so a one-element array still reads as multivalue. */
    static final class MultiValue extends java.util.AbstractList<String> {
        private final List<String> values;

        private MultiValue(List<String> values) {
            this.values = values;
        }

        /** Takes {@code values} over (no copy): the caller must not change or hand it out afterwards. */
        static MultiValue of(List<String> values) {
            return new MultiValue(values);
        }

        @Override
        public String get(int index) {
            return values.get(index);
        }

        @Override
        public int size() {
            return values.size();
        }
    }
}
