package io.github.splunkdeltabridge.emulator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes an export's rows as they are produced, in the requested {@code output_mode}, and applies the
 * in-stream faults of the request.
 *
 * <p>JSON mode follows Splunk: one object per line, {@code {"preview":false,"offset":N,"result":{...}}};
 * rows come in blocks whose {@code offset} restarts at 0 and whose last row carries {@code "lastrow":true};
 * an empty result is the single line {@code {"preview":false,"lastrow":true}}. Transforming searches first
 * send their preview rows with {@code "preview":true}.
 */
final class ExportStreamWriter {

    /** Rows per block, as Splunk streams results in chunks. */
    static final int BLOCK_ROWS = 500;

    private static final JsonFactory JSON = new JsonFactory();

    /** Pause between the last bytes of a dropped stream and the cut. */
    private static final Duration DROP_GRACE = Duration.ofMillis(200);

    /** Thrown to make the HTTP server drop the connection without finishing the chunked body. */
    static final class ConnectionDropped extends RuntimeException {
        ConnectionDropped() {
            super("connection dropped by fault injection", null, false, false);
        }
    }

    private final OutputStream out;
    private final FaultInjector.StreamFaults faults;
    private final EmulatorStats stats;
    private long rowsWritten;

    ExportStreamWriter(OutputStream out, FaultInjector.StreamFaults faults, EmulatorStats stats) {
        this.out = out;
        this.faults = faults;
        this.stats = stats;
    }

    void writeJson(SearchRun run) throws IOException {
        if (run.isTransforming()) {
            writeJsonBlock(run.preview(BLOCK_ROWS).iterator(), true);
        }
        Iterator<Map<String, Object>> rows = run.rows();
        if (!rows.hasNext()) {
            out.write("{\"preview\":false,\"lastrow\":true}\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        while (rows.hasNext()) {
            if (!writeJsonBlock(rows, false)) {
                return;
            }
        }
    }

    /** Writes up to one block of rows; answers false when a fault ended the stream. */
    private boolean writeJsonBlock(Iterator<Map<String, Object>> rows, boolean preview) throws IOException {
        for (int offset = 0; offset < BLOCK_ROWS && rows.hasNext(); offset++) {
            if (!preview && !beforeRow()) {
                return false;
            }
            Map<String, Object> row = rows.next();
            boolean lastRow = offset == BLOCK_ROWS - 1 || !rows.hasNext();
            out.write(jsonLine(preview, offset, lastRow, row));
            if (!preview) {
                rowsWritten++;
                stats.row();
            }
            if (!faults.perRowDelay().isZero()) {
                out.flush();
            }
        }
        out.flush();
        return true;
    }

    /** Applies the faults due before the next row; answers false when the stream must end. */
    private boolean beforeRow() throws IOException {
        Duration delay = faults.perRowDelay();
        if (!delay.isZero()) {
            sleep(delay);
        }
        if (rowsWritten == faults.dropAfterRows()) {
            // Half a line, then the connection goes: what a proxy timeout looks like from the client.
            out.write("{\"preview\":false,\"offset\":0,\"result\":{\"_raw\":\"cut he".getBytes(StandardCharsets.UTF_8));
            out.flush();
            // Let the client read what was sent before the cut: an HTTP client that sees the connection fail
            // may drop bytes it has received but not yet handed on, and the rows before the cut must arrive.
            sleep(DROP_GRACE);
            throw new ConnectionDropped();
        }
        if (rowsWritten == faults.malformedAfterRows()) {
            out.write(("{\"preview\":false,\"offset\":" + rowsWritten + ",\"result\":{\"_raw\":\"trunc\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (rowsWritten == faults.fatalAfterRows()) {
            writeMessage("FATAL", faults.fatalText());
            return false;
        }
        return true;
    }

    void writeMessage(String type, String text) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(line, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeBooleanField("preview", false);
            g.writeArrayFieldStart("messages");
            g.writeStartObject();
            g.writeStringField("type", type);
            g.writeStringField("text", text);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        line.write('\n');
        out.write(line.toByteArray());
        out.flush();
    }

    private static byte[] jsonLine(boolean preview, int offset, boolean lastRow, Map<String, Object> row)
            throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(line, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeBooleanField("preview", preview);
            g.writeNumberField("offset", offset);
            if (lastRow) {
                g.writeBooleanField("lastrow", true);
            }
            g.writeFieldName("result");
            writeFields(g, row);
            g.writeEndObject();
        }
        line.write('\n');
        return line.toByteArray();
    }

    static void writeFields(JsonGenerator g, Map<String, Object> row) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> field : row.entrySet()) {
            if (field.getValue() instanceof List<?> values) {
                g.writeArrayFieldStart(field.getKey());
                for (Object v : values) {
                    g.writeString(String.valueOf(v));
                }
                g.writeEndArray();
            } else {
                g.writeStringField(field.getKey(), String.valueOf(field.getValue()));
            }
        }
        g.writeEndObject();
    }

    /** {@code output_mode=raw}: the {@code _raw} of each event, one per line. */
    void writeRaw(SearchRun run) throws IOException {
        Iterator<Map<String, Object>> rows = run.rows();
        while (rows.hasNext()) {
            if (!beforeRow()) {
                return;
            }
            Object raw = rows.next().get("_raw");
            out.write(((raw == null ? "" : raw.toString()) + "\n").getBytes(StandardCharsets.UTF_8));
            rowsWritten++;
            stats.row();
        }
    }

    /** {@code output_mode=csv}: a header of the first row's fields, then one quoted line per row. */
    void writeCsv(SearchRun run) throws IOException {
        Iterator<Map<String, Object>> rows = run.rows();
        List<String> header = null;
        while (rows.hasNext()) {
            if (!beforeRow()) {
                return;
            }
            Map<String, Object> row = rows.next();
            if (header == null) {
                header = List.copyOf(row.keySet());
                out.write((String.join(
                                        ",",
                                        header.stream()
                                                .map(ExportStreamWriter::csv)
                                                .toList()) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            List<String> cells = header.stream()
                    .map(name -> {
                        Object v = row.get(name);
                        return csv(
                                v instanceof List<?> l
                                        ? String.join(
                                                "\n",
                                                l.stream().map(String::valueOf).toList())
                                        : v == null ? "" : v.toString());
                    })
                    .toList();
            out.write((String.join(",", cells) + "\n").getBytes(StandardCharsets.UTF_8));
            rowsWritten++;
            stats.row();
        }
    }

    /** {@code output_mode=xml} (Splunk's default): a {@code <results>} document streamed result by result. */
    void writeXml(SearchRun run) throws IOException {
        out.write("<?xml version='1.0' encoding='UTF-8'?>\n<results preview='0'>\n".getBytes(StandardCharsets.UTF_8));
        Iterator<Map<String, Object>> rows = run.rows();
        long offset = 0;
        while (rows.hasNext()) {
            if (!beforeRow()) {
                return;
            }
            StringBuilder xml =
                    new StringBuilder("<result offset='").append(offset++).append("'>\n");
            for (Map.Entry<String, Object> field : rows.next().entrySet()) {
                xml.append("<field k='")
                        .append(SplunkMessages.escapeXml(field.getKey()))
                        .append("'>");
                List<?> values = field.getValue() instanceof List<?> l ? l : List.of(field.getValue());
                for (Object v : values) {
                    xml.append("<value><text>")
                            .append(SplunkMessages.escapeXml(String.valueOf(v)))
                            .append("</text></value>");
                }
                xml.append("</field>\n");
            }
            out.write(xml.append("</result>\n").toString().getBytes(StandardCharsets.UTF_8));
            rowsWritten++;
            stats.row();
        }
        out.write("</results>\n".getBytes(StandardCharsets.UTF_8));
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionDropped();
        }
    }
}
