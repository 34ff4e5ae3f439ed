package io.github.splunkdeltabridge.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Request parameters as Splunk reads them: the query string, plus the form body of a POST. */
final class RequestParameters {

    /** Splunk refuses bodies this large; so does the emulator, to stay bounded. */
    private static final int MAX_FORM_BYTES = 1 << 20;

    private final Map<String, String> values;

    private RequestParameters(Map<String, String> values) {
        this.values = values;
    }

    static RequestParameters read(HttpExchange exchange) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        parse(exchange.getRequestURI().getRawQuery(), values);
        if (exchange.getRequestMethod().equalsIgnoreCase("POST")) {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readNBytes(MAX_FORM_BYTES);
                parse(new String(bytes, StandardCharsets.UTF_8), values);
            }
        }
        return new RequestParameters(values);
    }

    String get(String name) {
        return values.get(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean wantsJson() {
        return "json".equals(outputMode());
    }

    String outputMode() {
        return values.getOrDefault("output_mode", "xml").toLowerCase(Locale.ROOT);
    }

    int intValue(String name, int fallback) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw SplunkRequestException.badRequest("Argument \"" + name + "\" must be an integer, not '" + v + "'");
        }
    }

    private static void parse(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            // First value wins for the query string; the body may add what the query string lacks.
            into.putIfAbsent(name, value);
        }
    }
}
