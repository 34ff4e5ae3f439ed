package io.github.splunkdeltabridge.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Splunk's {@code messages} bodies, which it sends with error statuses: XML by default, JSON when the request
 * asked for {@code output_mode=json}.
 */
final class SplunkMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SplunkMessages() {}

    static String body(boolean json, String type, String text, String code) {
        if (json) {
            Map<String, String> message = code == null
                    ? Map.of("type", type, "text", text)
                    : Map.of("type", type, "code", code, "text", text);
            try {
                return JSON.writeValueAsString(Map.of("messages", List.of(message)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n  <messages>\n    <msg type=\"" + type + "\""
                + (code == null ? "" : " code=\"" + code + "\"") + ">" + escapeXml(text)
                + "</msg>\n  </messages>\n</response>\n";
    }

    static String escapeXml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** Splunk sends its quota refusal as a warning, not an error, although the status is 503. */
    static final String QUOTA_MESSAGE_TYPE = "WARN";

    /**
     * The text Splunk answers with a 503 when the concurrent historical search quota is reached, as real
     * search heads word it (e.g. {@code …has been reached., concurrency_category="historical", … concurrency_limit=8}).
     */
    static String quotaMessage(int limit) {
        return "Search not executed: The maximum number of concurrent historical searches on this instance has been "
                + "reached., concurrency_category=\"historical\", concurrency_context=\"instance-wide\", "
                + "current_concurrency=" + limit + ", concurrency_limit=" + limit;
    }
}
