package io.github.splunkdeltabridge.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import io.github.splunkdeltabridge.emulator.search.SplunkRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Request parameters as Splunk reads them: the query string, plus the form body of a POST. A name may repeat
 * ({@code f=a&f=b}); {@link #get} answers the first value, {@link #all} every one.
 */
final class RequestParameters {

    /** Splunk refuses bodies this large; so does the emulator, to stay bounded. */
    private static final int MAX_FORM_BYTES = 1 << 20;

    private final Map<String, List<String>> values;

    private RequestParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    static RequestParameters read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        parse(exchange.getRequestURI().getRawQuery(), values);
        if (exchange.getRequestMethod().equalsIgnoreCase("POST")) {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readNBytes(MAX_FORM_BYTES);
                parse(new String(bytes, StandardCharsets.UTF_8), values);
            }
        }
        return new RequestParameters(values);
    }

    static RequestParameters of(Map<String, String> single) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        single.forEach((k, v) -> values.put(k, List.of(v)));
        return new RequestParameters(values);
    }

    String get(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(0);
    }

    String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The first value of every parameter, in request order. */
    Map<String, String> firstValues() {
        Map<String, String> first = new LinkedHashMap<>();
        values.forEach((k, v) -> first.put(k, v.get(0)));
        return first;
    }

    boolean wantsJson() {
        return "json".equals(outputMode());
    }

    /** {@code output_mode}, lower case; {@code xml} when absent, Splunk's default almost everywhere. */
    String outputMode() {
        return get("output_mode", "xml").toLowerCase(Locale.ROOT);
    }

    int intValue(String name, int fallback) {
        String v = get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw SplunkRequestException.badRequest("Argument \"" + name + "\" must be an integer, not '" + v + "'");
        }
    }

    boolean booleanValue(String name, boolean fallback) {
        String v = get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "t", "yes", "y" -> true;
            case "0", "false", "f", "no", "n" -> false;
            default ->
                throw SplunkRequestException.badRequest("Argument \"" + name + "\" must be a boolean, not '" + v + "'");
        };
    }

    private static void parse(String encoded, Map<String, List<String>> into) {
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
            into.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
    }
}
