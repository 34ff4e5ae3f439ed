package io.github.splunkdeltabridge.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts Splunk's human text from an error body, JSON ({@code {"messages":[{"type":"ERROR","text":"…"}]}})
 * or XML ({@code <response><messages><msg type="ERROR">…</msg></messages></response>}), and the
 * session key from a login answer. Bodies are small and read bounded; XML is matched with a pattern
 * rather than parsed, which keeps entity expansion (XXE) out of the picture.
 */
final class SplunkErrorBody {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_TEXT_CHARS = 500;

    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern XML_MSG = Pattern.compile("<msg\\b[^>]*>(.*?)</msg>", Pattern.DOTALL);
    private static final Pattern XML_SESSION_KEY = Pattern.compile("<sessionKey>\\s*([^<\\s]+)\\s*</sessionKey>");

    private SplunkErrorBody() {}

    /** Splunk's message texts joined with "; ", a short excerpt of an unknown body, or null when empty. */
    static String message(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        List<String> messages = text.startsWith("{") ? jsonMessages(body) : xmlMessages(text);
        if (!messages.isEmpty()) {
            return clip(String.join("; ", messages));
        }
        if (text.isEmpty() || text.startsWith("<") || text.startsWith("{")) {
            return null; // markup without messages: an HTML error page says nothing useful
        }
        return clip(text);
    }

    /** The {@code sessionKey} of a login answer in JSON or XML; null when absent. */
    static String sessionKey(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            try (JsonParser p = JSON.createParser(body)) {
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken v = p.nextToken();
                        if ("sessionKey".equals(name) && v == JsonToken.VALUE_STRING) {
                            return p.getText();
                        }
                        p.skipChildren();
                    }
                }
            } catch (IOException e) {
                return null;
            }
            return null;
        }
        Matcher m = XML_SESSION_KEY.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static List<String> jsonMessages(byte[] body) {
        List<String> texts = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return texts;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("messages".equals(name) && v == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            JsonToken fv = p.nextToken();
                            if ("text".equals(field) && fv.isScalarValue()) {
                                texts.add(p.getText());
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // A truncated or odd body: keep what was read.
        }
        return texts;
    }

    private static List<String> xmlMessages(String text) {
        List<String> texts = new ArrayList<>();
        Matcher m = XML_MSG.matcher(text);
        while (m.find()) {
            texts.add(unescapeXml(m.group(1).strip()));
        }
        return texts;
    }

    private static String unescapeXml(String s) {
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static String clip(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_TEXT_CHARS + 1));
        for (int i = 0; i < s.length() && b.length() < MAX_TEXT_CHARS; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (s.length() > MAX_TEXT_CHARS) {
            b.append('…');
        }
        return b.toString();
    }
}
