package io.github.splunkdeltabridge.emulator.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.splunkdeltabridge.emulator.search.SplunkRequestException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One page of search results in the output modes Splunk's results, events, results_preview and oneshot
 * endpoints offer (REST API Reference, "search/jobs/{search_id}/results": {@code output_mode} atom, csv, json,
 * json_cols, json_rows, raw, xml; the emulator has all but atom). XML is Splunk's default. The forms follow
 * captures in the Splunk SDK for Java's test data ({@code results/*.xml}, {@code results5.json},
 * {@code resultsMVOneshot.csv}).
 */
final class ResultsDocument {

    static final Set<String> MODES = Set.of("xml", "json", "json_rows", "json_cols", "csv", "raw");

    /** Splunk quotes CSV cells and names that are not plain letters and digits (resultsMVOneshot.csv). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9]+");

    private ResultsDocument() {}

    static String checkedMode(RequestParameters params) {
        String mode = params.outputMode();
        if (!MODES.contains(mode)) {
            throw SplunkRequestException.badRequest(
                    mode.equals("atom")
                            ? "The Splunk emulator does not render results in output_mode=atom; use xml, json, json_rows,"
                                    + " json_cols, csv or raw."
                            : "Invalid output_mode: '" + params.get("output_mode") + "'");
        }
        return mode;
    }

    static String contentType(String mode) {
        return switch (mode) {
            case "json", "json_rows", "json_cols" -> "application/json; charset=UTF-8";
            case "csv" -> "text/csv; charset=UTF-8";
            case "raw" -> "text/plain; charset=UTF-8";
            default -> "text/xml; charset=UTF-8";
        };
    }

    static String render(
            String mode,
            boolean preview,
            int initOffset,
            List<String> fields,
            List<Map<String, Object>> rows,
            List<ErrorBodies.Message> messages) {
        return switch (mode) {
            case "json", "json_rows", "json_cols" -> json(mode, preview, initOffset, fields, rows, messages);
            case "csv" -> csv(fields, rows);
            case "raw" -> raw(rows);
            default -> xml(preview, initOffset, fields, rows, messages);
        };
    }

    private static String json(
            String mode,
            boolean preview,
            int initOffset,
            List<String> fields,
            List<Map<String, Object>> rows,
            List<ErrorBodies.Message> messages) {
        return Atom.json(g -> {
            g.writeStartObject();
            g.writeBooleanField("preview", preview);
            g.writeNumberField("init_offset", initOffset);
            g.writeArrayFieldStart("messages");
            for (ErrorBodies.Message m : messages) {
                g.writeStartObject();
                g.writeStringField("type", m.type());
                g.writeStringField("text", m.text());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("fields");
            for (String name : fields) {
                if (mode.equals("json")) {
                    g.writeStartObject();
                    g.writeStringField("name", name);
                    g.writeEndObject();
                } else {
                    g.writeString(name);
                }
            }
            g.writeEndArray();
            switch (mode) {
                case "json_rows" -> {
                    g.writeArrayFieldStart("rows");
                    for (Map<String, Object> row : rows) {
                        g.writeStartArray();
                        for (String name : fields) {
                            writeValue(g, row.get(name));
                        }
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                }
                case "json_cols" -> {
                    g.writeArrayFieldStart("columns");
                    for (String name : fields) {
                        g.writeStartArray();
                        for (Map<String, Object> row : rows) {
                            writeValue(g, row.get(name));
                        }
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                }
                default -> {
                    g.writeArrayFieldStart("results");
                    for (Map<String, Object> row : rows) {
                        writeFields(g, row);
                    }
                    g.writeEndArray();
                    g.writeObjectFieldStart("highlighted");
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
        });
    }

    /** A result object: every value a string, a multivalue field an array of strings. */
    static void writeFields(JsonGenerator g, Map<String, Object> row) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> field : row.entrySet()) {
            g.writeFieldName(field.getKey());
            writeValue(g, field.getValue());
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof List<?> values) {
            g.writeStartArray();
            for (Object v : values) {
                g.writeString(String.valueOf(v));
            }
            g.writeEndArray();
        } else {
            g.writeString(String.valueOf(value));
        }
    }

    private static String xml(
            boolean preview,
            int initOffset,
            List<String> fields,
            List<Map<String, Object>> rows,
            List<ErrorBodies.Message> messages) {
        StringBuilder x = new StringBuilder(256 + rows.size() * 512);
        x.append("<?xml version='1.0' encoding='UTF-8'?>\n");
        if (rows.isEmpty() && messages.isEmpty()) {
            // As Splunk answers a results request without rows (results/5.0.2/results-empty.xml).
            return x.append("<results preview='")
                    .append(preview ? 1 : 0)
                    .append("'/>\n")
                    .toString();
        }
        xmlResultsStart(x, preview, fields, messages);
        int offset = initOffset;
        for (Map<String, Object> row : rows) {
            xmlResult(x, offset++, row);
        }
        return x.append("</results>\n").toString();
    }

    /** {@code <results preview='0'>}, its {@code <meta><fieldOrder>} and messages. */
    static void xmlResultsStart(
            StringBuilder x, boolean preview, List<String> fields, List<ErrorBodies.Message> messages) {
        x.append("<results preview='").append(preview ? 1 : 0).append("'>\n<meta>\n");
        if (fields.isEmpty()) {
            x.append("<fieldOrder />\n");
        } else {
            x.append("<fieldOrder>\n");
            for (String name : fields) {
                x.append("<field>").append(Atom.escape(name)).append("</field>\n");
            }
            x.append("</fieldOrder>\n");
        }
        x.append("</meta>\n");
        if (!messages.isEmpty()) {
            x.append(ErrorBodies.resultsMessagesXml(messages)).append('\n');
        }
    }

    /**
     * One {@code <result>}: each value in {@code <value><text>…</text></value>} with no white space inside
     * {@code <value>} (SDK readers take any text there for a value); {@code _raw} in
     * {@code <v xml:space='preserve' trunc='0'>} as Splunk writes it.
     */
    static void xmlResult(StringBuilder x, long offset, Map<String, Object> row) {
        x.append("\t<result offset='").append(offset).append("'>\n");
        for (Map.Entry<String, Object> field : row.entrySet()) {
            String name = Atom.escape(field.getKey());
            if (field.getKey().equals("_raw") && !(field.getValue() instanceof List<?>)) {
                x.append("\t\t<field k='")
                        .append(name)
                        .append("'><v xml:space='preserve' trunc='0'>")
                        .append(Atom.escape(String.valueOf(field.getValue())))
                        .append("</v></field>\n");
                continue;
            }
            x.append("\t\t<field k='").append(name).append("'>\n");
            List<?> values = field.getValue() instanceof List<?> l ? l : List.of(String.valueOf(field.getValue()));
            for (Object v : values) {
                x.append("\t\t\t<value><text>")
                        .append(Atom.escape(String.valueOf(v)))
                        .append("</text></value>\n");
            }
            x.append("\t\t</field>\n");
        }
        x.append("\t</result>\n");
    }

    private static String csv(List<String> fields, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        csvLine(out, new ArrayList<>(fields));
        for (Map<String, Object> row : rows) {
            csvRow(out, fields, row);
        }
        return out.toString();
    }

    static void csvRow(StringBuilder out, List<String> fields, Map<String, Object> row) {
        List<String> cells = new ArrayList<>(fields.size());
        for (String name : fields) {
            Object v = row.get(name);
            // A multivalue field is one cell with its values on separate lines, as in Splunk's CSV.
            cells.add(
                    v instanceof List<?> l
                            ? String.join("\n", l.stream().map(String::valueOf).toList())
                            : v == null ? "" : v.toString());
        }
        csvLine(out, cells);
    }

    static void csvLine(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String cell = cells.get(i);
            if (cell.isEmpty() || PLAIN.matcher(cell).matches()) {
                out.append(cell);
            } else {
                out.append('"').append(cell.replace("\"", "\"\"")).append('"');
            }
        }
        out.append('\n');
    }

    private static String raw(List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> row : rows) {
            Object raw = row.get("_raw");
            out.append(raw == null ? "" : raw.toString()).append('\n');
        }
        return out.toString();
    }

    /** The union of the rows' field names: sorted for event rows (as Splunk lists them), else in first-seen order. */
    static List<String> fieldOrder(List<Map<String, Object>> rows, boolean sorted) {
        Collection<String> names = sorted ? new TreeSet<>() : new LinkedHashSet<>();
        for (Map<String, Object> row : rows) {
            names.addAll(row.keySet());
        }
        return List.copyOf(names);
    }
}
