package io.github.splunkdeltabridge.emulator.data;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One indexed event as Splunk stores it: its times, metadata, bucket address ({@code _bkt}, {@code _cd}) and
 * search-time extracted fields (a value is a {@code String} or, when multivalued, a {@code List<String>}).
 */
public record EmulatedEvent(
        Instant time,
        Instant indexTime,
        String index,
        String host,
        String source,
        String sourcetype,
        String splunkServer,
        String bucket,
        String cd,
        String raw,
        Map<String, Object> extractedFields) {

    /** Splunk's order within a result set: newest first, then a fixed tie-break. */
    public static final Comparator<EmulatedEvent> NEWEST_FIRST = Comparator.comparing(EmulatedEvent::time)
            .thenComparing(EmulatedEvent::index)
            .thenComparing(EmulatedEvent::cd)
            .reversed();

    private static final DateTimeFormatter SPLUNK_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);

    public EmulatedEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(indexTime, "indexTime");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(raw, "raw");
        extractedFields = Map.copyOf(extractedFields);
    }

    /**
     * {@code _time} in Splunk's ISO-8601 rendering ({@code %Y-%m-%dT%H:%M:%S.%3N%:z}) in {@code zone}, e.g.
     * {@code 2024-03-01T12:34:56.789+00:00}: what the jobs API's results show by default.
     */
    public static String formatTime(Instant time, ZoneId zone) {
        return SPLUNK_TIME.format(time.atZone(zone));
    }

    /** The result object of this event as Splunk's results show it, {@code _time} in ISO-8601 for a UTC user. */
    public Map<String, Object> toResultFields() {
        return toResultFields(ZoneId.of("UTC"), 0);
    }

    /** The result object, {@code _time} in ISO-8601 in {@code zone}; {@code serial} is the row's number in the result set. */
    public Map<String, Object> toResultFields(ZoneId zone, long serial) {
        return toResultFields(time -> formatTime(time, zone), serial);
    }

    /**
     * The result object with {@code _time} rendered by {@code renderTime} (the request's {@code output_time_format}
     * in the user's time zone). Fields are in the order Splunk lists them: sorted by name, internal fields first.
     */
    public Map<String, Object> toResultFields(Function<Instant, String> renderTime, long serial) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("_bkt", bucket);
        fields.put("_cd", cd);
        fields.put("_indextime", Long.toString(indexTime.getEpochSecond()));
        fields.put("_raw", raw);
        fields.put("_serial", Long.toString(serial));
        fields.put("_si", List.of(splunkServer, index));
        fields.put("_sourcetype", sourcetype);
        fields.put("_time", renderTime.apply(time));
        fields.put("host", host);
        fields.put("index", index);
        fields.put("linecount", Long.toString(raw.lines().count()));
        fields.put("punct", punct(raw));
        fields.put("source", source);
        fields.put("sourcetype", sourcetype);
        fields.put("splunk_server", splunkServer);
        fields.putAll(extractedFields);
        return fields;
    }

    /** Whether {@code field} (metadata or extracted) has a value matching {@code pattern} ({@code *} wildcards, any case). */
    public boolean fieldMatches(String field, String pattern) {
        Object value = switch (field) {
            case "index" -> index;
            case "host" -> host;
            case "source" -> source;
            case "sourcetype" -> sourcetype;
            case "splunk_server" -> splunkServer;
            default -> extractedFields.get(field);
        };
        if (value == null) {
            return false;
        }
        Pattern regex = Wildcards.toRegex(pattern);
        if (value instanceof List<?> values) {
            return values.stream()
                    .anyMatch(v -> regex.matcher(String.valueOf(v)).matches());
        }
        return regex.matcher(value.toString()).matches();
    }

    /** Splunk's {@code punct}: the first 30 punctuation characters of the event, spaces as {@code _}, tabs as {@code t}. */
    private static String punct(String raw) {
        StringBuilder punct = new StringBuilder(30);
        for (int i = 0; i < raw.length() && punct.length() < 30; i++) {
            char c = raw.charAt(i);
            if (c == ' ') {
                punct.append('_');
            } else if (c == '\t') {
                punct.append('t');
            } else if (c != '\n' && c != '\r' && !Character.isLetterOrDigit(c)) {
                punct.append(c);
            }
        }
        return punct.toString();
    }
}
