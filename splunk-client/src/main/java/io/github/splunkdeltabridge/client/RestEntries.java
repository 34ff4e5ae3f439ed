package io.github.splunkdeltabridge.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Splunk's REST answers in {@code output_mode=json}: an Atom feed turned into JSON,
 * {@code {"entry":[{"name":"…","content":{…}}], …}} (the shape of {@code server/info},
 * {@code authentication/current-context}, {@code authorization/roles/<name>} and {@code data/indexes/<name>}).
 * Values are strings, numbers or booleans depending on the endpoint and version; lists are arrays.
 */
final class RestEntries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RestEntries() {}

    /**
     * The {@code content} object of the first entry.
     *
     * @throws SplunkProtocolException when the body is not such a feed, naming the endpoint
     */
    static JsonNode firstContent(byte[] body, String path) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new SplunkProtocolException("Splunk answered " + path + " with a body that is not JSON", 0, e);
        }
        JsonNode content = root == null ? null : root.path("entry").path(0).get("content");
        if (content == null || !content.isObject()) {
            throw new SplunkProtocolException("Splunk answered " + path + " without entry content");
        }
        return content;
    }

    /** A text value, or null when absent. */
    static String text(JsonNode content, String field) {
        JsonNode v = content.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** An integer value sent as a number or a string, or null when absent. */
    static Long number(JsonNode content, String field, String path) {
        String text = text(content, field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new SplunkProtocolException(
                    "Splunk answered " + path + " with " + field + " = '" + text + "', not a whole number");
        }
    }

    /** A list sent as an array or as a semicolon-separated string (authorize.conf's form); empty when absent. */
    static List<String> list(JsonNode content, String field) {
        JsonNode v = content.get(field);
        List<String> values = new ArrayList<>();
        if (v == null || v.isNull()) {
            return values;
        }
        if (v.isArray()) {
            v.forEach(item -> add(values, item.asText()));
        } else {
            for (String item : v.asText().split(";")) {
                add(values, item);
            }
        }
        return values;
    }

    private static void add(List<String> values, String value) {
        String v = value.strip();
        if (!v.isEmpty()) {
            values.add(v);
        }
    }
}
