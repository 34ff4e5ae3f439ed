package io.github.splunkdeltabridge.emulator.data;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Events loaded from an NDJSON file, one Splunk result object per line ({@code {"_raw":…,"_time":…,"index":…}})
 * or one export line holding it under {@code result}. Held in memory: meant for fixtures and real samples,
 * not for millions of events (use {@link GeneratedDataset} for those).
 */
public final class NdjsonDataset implements Dataset {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METADATA = Set.of(
            "_raw",
            "_time",
            "_indextime",
            "_bkt",
            "_cd",
            "_serial",
            "_si",
            "_sourcetype",
            "index",
            "host",
            "source",
            "sourcetype",
            "splunk_server",
            "linecount",
            "punct");

    private final List<EmulatedEvent> events;

    private NdjsonDataset(List<EmulatedEvent> events) {
        events.sort(EmulatedEvent.NEWEST_FIRST);
        this.events = List.copyOf(events);
    }

    public static NdjsonDataset load(Path file) throws IOException {
        List<EmulatedEvent> events = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = JSON.readTree(line);
                    events.add(toEvent(node.has("result") ? node.get("result") : node, lineNumber));
                } catch (IOException | RuntimeException e) {
                    throw new IOException(file + " line " + lineNumber + ": " + e.getMessage(), e);
                }
            }
        }
        return new NdjsonDataset(events);
    }

    /** Saves events, e.g. a slice of a generated dataset, in the format {@link #load} reads. */
    public static void write(Path file, Iterator<EmulatedEvent> events) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                JsonGenerator g = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(new SerializedString("\n"));
            while (events.hasNext()) {
                g.writeObject(events.next().toResultFields());
            }
            g.writeRaw('\n');
        }
    }

    @Override
    public Iterator<EmulatedEvent> newestFirst(EventQuery query, Instant now) {
        return events.stream()
                .filter(e -> !e.indexTime().isAfter(now) && query.matches(e))
                .iterator();
    }

    @Override
    public Set<String> indexes() {
        Set<String> names = new LinkedHashSet<>();
        events.forEach(e -> names.add(e.index()));
        return names;
    }

    private static EmulatedEvent toEvent(JsonNode fields, int lineNumber) {
        JsonNode raw = fields.get("_raw");
        JsonNode time = fields.get("_time");
        if (raw == null || time == null) {
            throw new IllegalArgumentException("every event needs _raw and _time");
        }
        Instant eventTime = parseTime(time.asText());
        Instant indexTime = fields.has("_indextime")
                ? Instant.ofEpochSecond(fields.get("_indextime").asLong())
                : eventTime;
        String index = text(fields, "index", "main");
        Map<String, Object> extracted = new LinkedHashMap<>();
        fields.fields().forEachRemaining(field -> {
            if (!METADATA.contains(field.getKey())) {
                JsonNode v = field.getValue();
                if (v.isArray()) {
                    List<String> values = new ArrayList<>();
                    v.forEach(item -> values.add(item.asText()));
                    extracted.put(field.getKey(), values);
                } else {
                    extracted.put(field.getKey(), v.asText());
                }
            }
        });
        return new EmulatedEvent(
                eventTime,
                indexTime,
                index,
                text(fields, "host", "localhost"),
                text(fields, "source", "ndjson"),
                text(fields, "sourcetype", "ndjson"),
                text(fields, "splunk_server", "splunk-emulator"),
                text(fields, "_bkt", index + "~0~NDJSON"),
                text(fields, "_cd", "0:" + lineNumber),
                raw.asText(),
                extracted);
    }

    private static Instant parseTime(String value) {
        return value.matches("\\d+(\\.\\d+)?")
                ? Instant.ofEpochMilli(Math.round(Double.parseDouble(value) * 1000))
                : OffsetDateTime.parse(value).toInstant();
    }

    private static String text(JsonNode fields, String name, String fallback) {
        JsonNode v = fields.get(name);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    /** How many events the file held. */
    public int size() {
        return events.size();
    }
}
