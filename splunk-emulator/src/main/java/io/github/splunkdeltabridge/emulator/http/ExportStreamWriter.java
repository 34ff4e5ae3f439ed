package io.github.splunkdeltabridge.emulator.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.splunkdeltabridge.emulator.faults.FaultState;
import io.github.splunkdeltabridge.emulator.search.SearchMessages;
import io.github.splunkdeltabridge.emulator.search.SearchRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Writes an export's rows as they are produced, in the requested {@code output_mode}, and applies the
 * in-stream faults of the request.
 *
 * <ul>
 *   <li>json: one object per line, {@code {"preview":false,"offset":N,"result":{...}}}; rows come in blocks whose
 *       {@code offset} restarts at 0 and whose last row carries {@code "lastrow":true}; an empty result is the
 *       single line {@code {"preview":false,"lastrow":true}}; messages are lines of their own
 *       ({@code {"preview":false,"messages":[…]}}). Transforming searches first send preview rows.</li>
 *   <li>xml: one {@code <?xml?>} declaration, then a {@code <results preview='0|1'>} document per block, each
 *       with {@code <meta><fieldOrder>}, as Splunk streams it (SDK for Java, {@code export/5.0.1/*.xml}).</li>
 *   <li>csv: a header of the first block's fields, then one line per row; raw: each {@code _raw}.</li>
 * </ul>
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
    private final FaultState.StreamFaults faults;
    private final RequestCounters counters;
    private final boolean sortedFields;
    private long rowsWritten;
    private List<String> csvHeader;

    ExportStreamWriter(
            OutputStream out, FaultState.StreamFaults faults, RequestCounters counters, boolean sortedFields) {
        this.out = out;
        this.faults = faults;
        this.counters = counters;
        this.sortedFields = sortedFields;
    }

    /** Rows written so far (not counting preview rows). */
    long rowsWritten() {
        return rowsWritten;
    }

    void write(String mode, SearchRun run, List<ErrorBodies.Message> messages) throws IOException {
        if (mode.equals("xml")) {
            write("<?xml version='1.0' encoding='UTF-8'?>\n");
        }
        if (!messages.isEmpty()) {
            writeMessages(mode, messages);
        }
        if (run.isTransforming() && (mode.equals("json") || mode.equals("xml"))) {
            List<Map<String, Object>> preview = run.preview(BLOCK_ROWS);
            if (!preview.isEmpty()) {
                writeBlock(mode, preview, true);
            }
        }
        AutoFinalizing rows = new AutoFinalizing(outOfOrder(run.rows()), faults.autoFinalizeAfterRows());
        boolean any = false;
        while (rows.hasNext()) {
            List<Map<String, Object>> block = new ArrayList<>(BLOCK_ROWS);
            while (block.size() < BLOCK_ROWS && rows.hasNext()) {
                block.add(rows.next());
            }
            any = true;
            if (!writeBlock(mode, block, false)) {
                return;
            }
        }
        if (!any) {
            writeEmpty(mode);
        }
        if (rows.cut()) {
            counters.autoFinalized();
            writeMessages(
                    mode,
                    List.of(new ErrorBodies.Message(
                            "WARN", SearchMessages.autoFinalizedByEventLimit(faults.autoFinalizeAfterRows()))));
        }
        out.flush();
    }

    /** Writes one block; answers false when a fault ended the stream. */
    private boolean writeBlock(String mode, List<Map<String, Object>> block, boolean preview) throws IOException {
        List<String> fields = ResultsDocument.fieldOrder(block, sortedFields);
        if (mode.equals("xml")) {
            StringBuilder x = new StringBuilder();
            ResultsDocument.xmlResultsStart(x, preview, fields, List.of());
            write(x.toString());
        } else if (mode.equals("csv") && csvHeader == null) {
            csvHeader = fields;
            StringBuilder header = new StringBuilder();
            ResultsDocument.csvLine(header, fields);
            write(header.toString());
        }
        for (int offset = 0; offset < block.size(); offset++) {
            if (!preview && !beforeRow(mode)) {
                return false;
            }
            Map<String, Object> row = block.get(offset);
            boolean lastRow = offset == block.size() - 1;
            switch (mode) {
                case "json" -> out.write(jsonLine(preview, offset, lastRow, row));
                case "xml" -> {
                    StringBuilder x = new StringBuilder(512);
                    ResultsDocument.xmlResult(x, offset, row);
                    write(x.toString());
                }
                case "csv" -> {
                    StringBuilder line = new StringBuilder(256);
                    ResultsDocument.csvRow(line, csvHeader, row);
                    write(line.toString());
                }
                default -> {
                    Object raw = row.get("_raw");
                    write((raw == null ? "" : raw.toString()) + "\n");
                }
            }
            if (!preview) {
                rowsWritten++;
                counters.row();
            }
            if (!faults.perRowDelay().isZero()) {
                out.flush();
            }
        }
        if (mode.equals("xml")) {
            write("</results>\n");
        }
        out.flush();
        return true;
    }

    private void writeEmpty(String mode) throws IOException {
        switch (mode) {
            case "json" -> write("{\"preview\":false,\"lastrow\":true}\n");
            case "xml" -> write("<results preview='0'>\n<meta>\n<fieldOrder />\n</meta>\n</results>\n");
            default -> {
                // CSV and raw have nothing to say about an empty result.
            }
        }
    }

    /** Applies the faults due before the next row; answers false when the stream must end. */
    private boolean beforeRow(String mode) throws IOException {
        Duration delay = faults.perRowDelay();
        if (!delay.isZero()) {
            sleep(delay);
        }
        if (rowsWritten == faults.dropAfterRows()) {
            // Half a row, then the connection goes: what a proxy timeout looks like from the client.
            write(
                    mode.equals("xml")
                            ? "\t<result offset='" + rowsWritten
                                    + "'>\n\t\t<field k='_raw'><v xml:space='preserve' trunc='0'>cut he"
                            : "{\"preview\":false,\"offset\":0,\"result\":{\"_raw\":\"cut he");
            out.flush();
            // Let the client read what was sent before the cut: an HTTP client that sees the connection fail
            // may drop bytes it has received but not yet handed on, and the rows before the cut must arrive.
            sleep(DROP_GRACE);
            throw new ConnectionDropped();
        }
        if (rowsWritten == faults.malformedAfterRows()) {
            write(
                    mode.equals("xml")
                            ? "\t<result offset='" + rowsWritten + "'>\n\t\t<field k='_raw'><v>trunc\n"
                            : "{\"preview\":false,\"offset\":" + rowsWritten + ",\"result\":{\"_raw\":\"trunc\n");
        }
        if (rowsWritten == faults.fatalAfterRows()) {
            List<ErrorBodies.Message> fatal = List.of(new ErrorBodies.Message("FATAL", faults.fatalText()));
            if (mode.equals("xml")) {
                write(ErrorBodies.resultsMessagesXml(fatal) + "</results>\n");
            } else {
                writeMessages(mode, fatal);
            }
            out.flush();
            return false;
        }
        return true;
    }

    private void writeMessages(String mode, List<ErrorBodies.Message> messages) throws IOException {
        if (mode.equals("json")) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try (JsonGenerator g = JSON.createGenerator(line, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeBooleanField("preview", false);
                g.writeArrayFieldStart("messages");
                for (ErrorBodies.Message m : messages) {
                    g.writeStartObject();
                    g.writeStringField("type", m.type());
                    g.writeStringField("text", m.text());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            line.write('\n');
            out.write(line.toByteArray());
        } else if (mode.equals("xml")) {
            StringBuilder x = new StringBuilder();
            ResultsDocument.xmlResultsStart(x, false, List.of(), messages);
            write(x.append("</results>\n").toString());
        }
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
            ResultsDocument.writeFields(g, row);
            g.writeEndObject();
        }
        line.write('\n');
        return line.toByteArray();
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The out-of-order fault: after {@code afterRows} rows, a window of rows comes as two peers' streams
     * concatenated instead of merged (every other row first, then the rest). Nothing is lost or repeated.
     */
    private Iterator<Map<String, Object>> outOfOrder(Iterator<Map<String, Object>> rows) {
        if (faults.outOfOrderAfterRows() < 0) {
            return rows;
        }
        return new Iterator<>() {
            private long passed;
            private Iterator<Map<String, Object>> window;

            @Override
            public boolean hasNext() {
                return window != null && window.hasNext() || rows.hasNext();
            }

            @Override
            public Map<String, Object> next() {
                if (window != null && window.hasNext()) {
                    return window.next();
                }
                if (passed == faults.outOfOrderAfterRows()) {
                    List<Map<String, Object>> first = new ArrayList<>();
                    List<Map<String, Object>> second = new ArrayList<>();
                    for (int i = 0; i < faults.outOfOrderRows() && rows.hasNext(); i++) {
                        (i % 2 == 0 ? first : second).add(rows.next());
                    }
                    first.addAll(second);
                    window = first.iterator();
                    passed += first.size();
                    return window.next();
                }
                passed++;
                return rows.next();
            }
        };
    }

    /** Stops after {@code limit} rows (-1: never), remembering whether rows were left, as an auto-finalized search. */
    private static final class AutoFinalizing implements Iterator<Map<String, Object>> {
        private final Iterator<Map<String, Object>> rows;
        private final long limit;
        private long returned;

        AutoFinalizing(Iterator<Map<String, Object>> rows, long limit) {
            this.rows = rows;
            this.limit = limit;
        }

        @Override
        public boolean hasNext() {
            return (limit < 0 || returned < limit) && rows.hasNext();
        }

        @Override
        public Map<String, Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            returned++;
            return rows.next();
        }

        boolean cut() {
            return limit >= 0 && returned >= limit && rows.hasNext();
        }
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
