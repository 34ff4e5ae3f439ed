package io.github.splunkdeltabridge.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
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
 * <p>Memory is bounded by the longest line, never by the number of rows. The complete lines in the read buffer are
 * parsed in place by one Jackson streaming parser, one object at a time, with Jackson's own line count checking that
 * each object is alone on its line; only the line that crosses the end of the buffer is moved (to its start) before
 * more is read. Cutting every line out and starting a parser per line was a fifth of the parser's time.
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
    // Holds hundreds of lines, so a parser is started and a line moved once per hundreds of rows.
    private static final int READ_BUFFER = 256 * 1024;
    private static final int KEEP_LINE_BUFFER = 1024 * 1024;
    private static final int EXCERPT_CHARS = 120;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_LINE_BYTES)
                    .build())
            .build();

    private final InputStream in;
    private byte[] buf = new byte[READ_BUFFER];
    /** Start of the bytes not parsed yet. */
    private int bufPos;
    /** End of the bytes read. */
    private int bufLimit;
    /** No '\n' in {@code buf[bufPos, noNewlineBefore)}: searched already, not searched again after the next read. */
    private int noNewlineBefore;

    private boolean eof;
    private boolean failed;
    /** Parses the lines {@code buf[linesStart, linesEnd)}; null when none are being parsed. */
    private JsonParser lines;

    private int linesStart;
    private int linesEnd;
    /** These lines are the end of the body without a '\n': a failure in them is a cut, not bad data. */
    private boolean unterminated;
    /** Lines before {@code linesStart}. */
    private long linesBefore;
    /** Line of the object being read, 1-based. */
    private long lineNumber;
    /** Jackson's line (1-based, within the parsed lines) where the last object ended. */
    private int lastObjectEndLine;

    private final ArrayDeque<SplunkEvent> pending = new ArrayDeque<>();
    /** The rows of the object being read; reused, as most objects hold one row. */
    private final List<FieldMap> rows = new ArrayList<>(1);
    /** Fields of the last row, plus room for a few more: rows of one search look alike, so maps rarely grow. */
    private int expectedFields = 16;

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
        if (failed) {
            throw new IllegalStateException("This export stream failed already; open a new one");
        }
        try {
            while (pending.isEmpty()) {
                if (lines == null && !nextLines()) {
                    return null;
                }
                readObjectOrEndOfLines();
            }
        } catch (IOException | RuntimeException e) {
            failed = true; // the parser stopped inside an object: nothing after it can be trusted
            throw e;
        }
        return pending.poll();
    }

    /** Number of the line read last, 1-based. */
    long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            lines.close();
        }
        in.close();
    }

    /**
     * Starts a parser on the complete lines in the buffer, reading more while there is none; at the end of the body,
     * on what is left without a line end. False at the clean end of the body.
     */
    private boolean nextLines() throws IOException {
        while (true) {
            int last = lastIndexOfNewline(buf, Math.max(bufPos, noNewlineBefore), bufLimit);
            if (last >= 0 || eof) {
                int end = last >= 0 ? last + 1 : bufLimit;
                if (end == bufPos) {
                    return false;
                }
                linesStart = bufPos;
                linesEnd = end;
                unterminated = last < 0;
                lastObjectEndLine = 0;
                lines = JSON.createParser(buf, linesStart, linesEnd - linesStart);
                return true;
            }
            noNewlineBefore = bufLimit;
            readMore();
        }
    }

    /** Moves the bytes not parsed yet to the buffer's start (growing it when they fill it) and reads after them. */
    private void readMore() throws IOException {
        int kept = bufLimit - bufPos;
        byte[] target = buf;
        if (kept == buf.length) {
            if (kept >= MAX_LINE_BYTES) {
                throw new SplunkProtocolException(
                        "Export stream line " + (linesBefore + 1) + " is longer than " + MAX_LINE_BYTES + " bytes");
            }
            target = new byte[(int) Math.min(MAX_LINE_BYTES, 2L * buf.length)];
        } else if (buf.length > KEEP_LINE_BUFFER && kept < READ_BUFFER) {
            target = new byte[READ_BUFFER]; // give back the memory a huge event needed
        }
        System.arraycopy(buf, bufPos, target, 0, kept);
        buf = target;
        noNewlineBefore -= bufPos;
        bufPos = 0;
        bufLimit = kept;
        int n;
        do {
            n = in.read(buf, bufLimit, buf.length - bufLimit);
        } while (n == 0);
        if (n < 0) {
            eof = true;
        } else {
            bufLimit += n;
        }
    }

    /** Reads the next object of the current lines, or closes the parser when they are all read. */
    private void readObjectOrEndOfLines() throws IOException {
        JsonParser p = lines;
        long objectStart = -1;
        try {
            JsonToken first = p.nextToken();
            if (first == null) {
                linesBefore += p.currentLocation().getLineNr() - 1 + (unterminated ? 1 : 0);
                p.close();
                lines = null;
                bufPos = linesEnd;
                return;
            }
            JsonLocation at = p.currentTokenLocation();
            objectStart = at.getByteOffset();
            lineNumber = linesBefore + at.getLineNr();
            if (first != JsonToken.START_OBJECT || at.getLineNr() == lastObjectEndLine) {
                throw notJson(objectStart, null); // not an object, or a second value on one line
            }
            readObject(p);
            lastObjectEndLine = p.currentLocation().getLineNr();
            if (lastObjectEndLine != at.getLineNr()) {
                throw notJson(objectStart, null); // an object spread over several lines
            }
        } catch (StreamReadException e) {
            // Inside an object, the bad line is the one it started on, wherever Jackson noticed.
            throw notJson(objectStart >= 0 ? objectStart : e.getLocation().getByteOffset(), e);
        }
    }

    /** One line's object, after its START_OBJECT to its END_OBJECT: its final rows go to {@link #pending}. */
    private void readObject(JsonParser p) throws IOException {
        boolean preview = false;
        rows.clear();
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
        if (!preview) {
            for (FieldMap row : rows) {
                pending.add(event(row));
            }
        }
    }

    /**
     * The position of the last '\n' in {@code bytes[from, to)}, or -1. Searched from the end, where a buffer of
     * whole lines has it within one line.
     */
    static int lastIndexOfNewline(byte[] bytes, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
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
        FieldMap fields = new FieldMap(expectedFields);
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
        expectedFields = fields.size() + 4;
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

    /**
     * The line holding byte {@code offset} of the parsed lines is not a JSON result object: a cut when the body ended
     * in it (returned, for the caller to throw), otherwise bad data (thrown).
     */
    private IOException notJson(long offset, Exception cause) {
        int at = linesStart + (int) Math.max(0, Math.min(offset, linesEnd - linesStart - 1L));
        int start = at;
        while (start > linesStart && buf[start - 1] != '\n') {
            start--;
        }
        int end = at;
        while (end < linesEnd && buf[end] != '\n') {
            end++;
        }
        long line = linesBefore + 1;
        for (int i = linesStart; i < start; i++) {
            if (buf[i] == '\n') {
                line++;
            }
        }
        if (unterminated) {
            // The body ended inside this line: the connection was cut.
            return new TruncatedStreamException(
                    "Export stream ended inside line " + line + " (" + (end - start) + " bytes without a line end)");
        }
        throw new SplunkProtocolException(
                "Export stream line " + line + " is not a JSON result object: " + excerpt(start, end - start),
                0,
                cause);
    }

    /** The start of the bad line, short and without control characters, for a readable error message. */
    private String excerpt(int start, int length) {
        String text = new String(buf, start, Math.min(length, EXCERPT_CHARS * 4), StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder(EXCERPT_CHARS + 2).append('"');
        int n = 0;
        for (int i = 0; i < text.length() && n < EXCERPT_CHARS; i = text.offsetByCodePoints(i, 1), n++) {
            int cp = text.codePointAt(i);
            s.appendCodePoint(Character.isISOControl(cp) || cp == 0xFFFD ? '?' : cp);
        }
        s.append('"');
        if (n >= EXCERPT_CHARS || length > EXCERPT_CHARS * 4) {
            s.append("… (").append(length).append(" bytes)");
        }
        return s.toString();
    }
}
