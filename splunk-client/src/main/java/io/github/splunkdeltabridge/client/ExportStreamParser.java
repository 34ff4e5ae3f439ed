package io.github.splunkdeltabridge.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Splunk's {@code output_mode=json} export body: one JSON object per line,
 * {@code {"preview":false,"offset":0,"lastrow":true,"result":{…}}}, with {@code messages} lines in between.
 *
 * <p>Memory is bounded by the longest line, never by the number of rows: lines are cut out of a
 * reused buffer and each one is parsed with Jackson's streaming parser.
 *
 * <p>Failure classes matter to the caller: an I/O error or a body that ends inside a line is a
 * transport failure ({@link IOException}, possibly {@link TruncatedStreamException}) and can be resumed;
 * a complete line that is not a JSON object, or a row whose {@code _time} is not a time, is a
 * {@link SplunkProtocolException}; an ERROR/FATAL message is a {@link SplunkSearchException}. Neither is worth
 * retrying. A message that says rows are missing ({@link SearchMessages}) stops the body with
 * {@link SplunkIncompleteResultsException}, unless the reader was told to accept it.
 *
 * <p>Public so that an export body held elsewhere (a file, a benchmark's memory) is read exactly as the client reads
 * a live one.
 *
 * <p>{@code lastrow} is not used as an end marker: Splunk sets it on the last row of each result set,
 * and an export sends several sets (previews, blocks of events). The end is the clean end of the body.
 */
public final class ExportStreamParser implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportStreamParser.class);

    // Splunk can return huge _raw values; Jackson's default cap on string length (20 M chars) would
    // turn a legal event into a parse error. The line itself is the bound that matters.
    private static final int MAX_LINE_BYTES = 512 * 1024 * 1024;
    // Large enough that almost every line lies whole in it and is parsed in place.
    private static final int READ_BUFFER = 256 * 1024;
    private static final int LINE_BUFFER = 64 * 1024;
    private static final int KEEP_LINE_BUFFER = 1024 * 1024;
    private static final int EXCERPT_CHARS = 120;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_LINE_BYTES)
                    .build())
            .build();

    private final InputStream in;
    private final byte[] buf = new byte[READ_BUFFER];
    private int bufPos;
    private int bufLimit;
    private byte[] line = new byte[LINE_BUFFER];
    /** The current line is {@code lineBytes[lineStart, lineStart + lineLength)}: {@link #buf} or {@link #line}. */
    private byte[] lineBytes = line;

    private int lineStart;
    private int lineLength;
    private long lineNumber;
    private boolean eof;
    private final ArrayDeque<SplunkEvent> pending = new ArrayDeque<>();
    private final boolean acceptIncompleteResults;

    /** Reads an export body from {@code in}; closing the parser closes {@code in}. */
    public ExportStreamParser(InputStream in) {
        this(in, false);
    }

    /** @param acceptIncompleteResults log messages that say rows are missing instead of stopping at them */
    ExportStreamParser(InputStream in, boolean acceptIncompleteResults) {
        this.in = in;
        this.acceptIncompleteResults = acceptIncompleteResults;
    }

    /**
     * The next final row, skipping preview rows and informational messages.
     *
     * @return null at the clean end of the body
     * @throws IOException transport failure, including a body cut inside a line
     */
    public SplunkEvent next() throws IOException {
        while (pending.isEmpty()) {
            Boolean terminated = readLine();
            if (terminated == null) {
                return null;
            }
            if (isBlankLine()) {
                continue;
            }
            parseLine(terminated);
        }
        return pending.poll();
    }

    /** Number of the last line read, 1-based. */
    long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Reads the next line: in place in {@link #buf} when it lies there whole (most lines: no copy), else gathered
     * into {@link #line}; {@link #lineBytes}, {@link #lineStart} and {@link #lineLength} say where it is. True if it
     * ended with '\n', false if the body ended, null at EOF.
     */
    private Boolean readLine() throws IOException {
        if (line.length > KEEP_LINE_BUFFER) {
            line = new byte[LINE_BUFFER]; // give back the memory a huge event needed
        }
        lineBytes = line;
        lineStart = 0;
        lineLength = 0;
        while (true) {
            if (bufPos == bufLimit) {
                if (eof || !fill()) {
                    eof = true;
                    if (lineLength == 0) {
                        return null;
                    }
                    lineNumber++;
                    return Boolean.FALSE;
                }
            }
            int start = bufPos;
            int end = indexOfNewline(buf, start, bufLimit);
            if (end < bufLimit && lineLength == 0) {
                lineBytes = buf;
                lineStart = start;
                lineLength = end - start;
                bufPos = end + 1;
                lineNumber++;
                return Boolean.TRUE;
            }
            appendToLine(start, end - start);
            if (end < bufLimit) {
                bufPos = end + 1;
                lineNumber++;
                return Boolean.TRUE;
            }
            bufPos = bufLimit;
        }
    }

    /**
     * The position of the first '\n' in {@code bytes[from, to)}, or {@code to}. Eight bytes at a time: a byte-by-byte
     * loop over the body was a sixth of the parser's samples. A word's bytes equal to '\n' become zero after the XOR;
     * {@code (x - 0x01…) & ~x & 0x80…} sets the top bit of its lowest zero byte (bits above it may be wrong, which
     * does not matter for the first one), and the bytes are read little-endian so the lowest is the first.
     */
    static int indexOfNewline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(bytes, i) ^ NEWLINES;
            long found = (x - ONES) & ~x & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return to;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        bufPos = 0;
        bufLimit = n;
        return true;
    }

    private void appendToLine(int from, int count) {
        if (count == 0) {
            return;
        }
        long needed = (long) lineLength + count;
        if (needed > MAX_LINE_BYTES) {
            throw new SplunkProtocolException(
                    "Export stream line " + (lineNumber + 1) + " is longer than " + MAX_LINE_BYTES + " bytes");
        }
        if (needed > line.length) {
            line = java.util.Arrays.copyOf(line, (int) Math.min(MAX_LINE_BYTES, Math.max(needed, 2L * line.length)));
        }
        System.arraycopy(buf, from, line, lineLength, count);
        lineBytes = line;
        lineLength += count;
    }

    private boolean isBlankLine() {
        for (int i = lineStart; i < lineStart + lineLength; i++) {
            byte b = lineBytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private void parseLine(boolean terminated) throws IOException {
        try (JsonParser p = JSON.createParser(lineBytes, lineStart, lineLength)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notJson(terminated, null);
            }
            boolean preview = false;
            List<FieldMap> rows = new ArrayList<>(1);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "preview" -> preview = value == JsonToken.VALUE_TRUE;
                    case "result" -> rows.add(readResult(p));
                    case "results" -> {
                        // Not used by export, but the same reader then also copes with /results pages.
                        if (value == JsonToken.START_ARRAY) {
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                rows.add(readResult(p));
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "messages" -> readMessages(p);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw notJson(terminated, null);
            }
            if (!preview) {
                for (FieldMap row : rows) {
                    pending.add(event(row));
                }
            }
        } catch (StreamReadException e) {
            throw notJson(terminated, e);
        }
    }

    private SplunkEvent event(FieldMap row) {
        try {
            return SplunkEvent.ofParsed(row);
        } catch (IllegalArgumentException e) {
            // A row whose time is unknown would land with a null or wrong time, and positions could not be trusted.
            throw new SplunkProtocolException("Export stream line " + lineNumber + ": " + e.getMessage(), 0, e);
        }
    }

    private FieldMap readResult(JsonParser p) throws IOException {
        FieldMap fields = new FieldMap();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return fields;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_ARRAY) {
                List<String> values = new ArrayList<>(2);
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    String v = scalarOrJson(p, t);
                    if (v != null) {
                        values.add(v);
                    }
                }
                fields.add(name, SplunkEvent.MultiValue.of(values));
            } else {
                String v = scalarOrJson(p, value);
                if (v != null) {
                    fields.add(name, List.of(v));
                }
            }
        }
        return fields;
    }

    /** Splunk sends strings; numbers or nested objects from odd commands are kept as their JSON text. */
    private static String scalarOrJson(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(w)) {
                g.copyCurrentStructure(p);
            }
            return w.toString();
        }
        return p.getText();
    }

    private void readMessages(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        List<SearchMessage> failures = new ArrayList<>();
        List<SearchMessage> incomplete = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String type = null;
            String text = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("type".equals(name) && v.isScalarValue()) {
                    type = p.getText();
                } else if ("text".equals(name) && v.isScalarValue()) {
                    text = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            SearchMessage message = new SearchMessage(type, text);
            switch (message.kind()) {
                case SEARCH_FAILED -> failures.add(message);
                case INCOMPLETE_RESULTS, STOPPED_EARLY -> {
                    if (acceptIncompleteResults) {
                        LOG.warn(
                                "Splunk reports missing rows (export stream line {}), accepted by configuration: {}",
                                lineNumber,
                                message);
                    } else {
                        incomplete.add(message);
                    }
                }
                default -> {
                    if (message.type().startsWith("WARN")) {
                        LOG.warn("Splunk search message: {}", message.text());
                    } else {
                        LOG.debug("Splunk search message: {}", message);
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            // Rows already delivered stay delivered; the search itself failed and must not be trusted further.
            throw new SplunkSearchException(
                    "Splunk search failed (export stream line " + lineNumber + "): " + join(failures));
        }
        if (!incomplete.isEmpty()) {
            throw new SplunkIncompleteResultsException(
                    "Splunk reported missing rows (export stream line " + lineNumber + "): " + join(incomplete),
                    incomplete);
        }
    }

    private static String join(List<SearchMessage> messages) {
        StringBuilder s = new StringBuilder();
        for (SearchMessage m : messages) {
            s.append(s.isEmpty() ? "" : "; ").append(m);
        }
        return s.toString();
    }

    private IOException notJson(boolean terminated, Exception cause) {
        if (!terminated) {
            // The body ended inside this line: the connection was cut.
            return new TruncatedStreamException(
                    "Export stream ended inside line " + lineNumber + " (" + lineLength + " bytes without a line end)");
        }
        throw new SplunkProtocolException(
                "Export stream line " + lineNumber + " is not a JSON result object: " + excerpt(), 0, cause);
    }

    /** The start of the bad line, short and without control characters, for a readable error message. */
    private String excerpt() {
        String text = new String(lineBytes, lineStart, Math.min(lineLength, EXCERPT_CHARS * 4), StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder(EXCERPT_CHARS + 2).append('"');
        int n = 0;
        for (int i = 0; i < text.length() && n < EXCERPT_CHARS; i = text.offsetByCodePoints(i, 1), n++) {
            int cp = text.codePointAt(i);
            s.appendCodePoint(Character.isISOControl(cp) || cp == 0xFFFD ? '?' : cp);
        }
        s.append('"');
        if (n >= EXCERPT_CHARS || lineLength > EXCERPT_CHARS * 4) {
            s.append("… (").append(lineLength).append(" bytes)");
        }
        return s.toString();
    }
}
