package io.github.splunkdeltabridge.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Sends a whole response body: JSON, or Splunk's default XML. */
final class Responses {

    private Responses() {}

    static void send(HttpExchange exchange, int status, boolean json, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", json ? "application/json; charset=UTF-8" : "text/xml; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
