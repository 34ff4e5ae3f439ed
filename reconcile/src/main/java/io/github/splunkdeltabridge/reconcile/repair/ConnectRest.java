package io.github.splunkdeltabridge.reconcile.repair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The few calls of Kafka Connect's REST API reconcile makes: a connector's config and committed offsets
 * ({@code GET /connectors/{name}/offsets}, Kafka 3.6 and later), and creating or updating a connector
 * ({@code PUT /connectors/{name}/config}). Errors carry Connect's own message, never a config value.
 */
public final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ConnectRest(URI base) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
    }

    public URI base() {
        return base;
    }

    /** {@code GET /connectors/{name}/config}: the connector's settings as submitted (config references unresolved). */
    public JsonNode config(String connector) {
        return getJson("connectors/" + encode(connector) + "/config", "the config of connector " + connector);
    }

    /** {@code GET /connectors/{name}/offsets}: {"offsets": [{"partition": {…}, "offset": {…}}, …]}. */
    public JsonNode offsets(String connector) {
        return getJson("connectors/" + encode(connector) + "/offsets", "the offsets of connector " + connector);
    }

    /** {@code PUT /connectors/{name}/config}: creates the connector, or updates it. */
    public void putConfig(String connector, Map<String, String> config) {
        String body;
        try {
            body = JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(base.resolve("connectors/" + encode(connector) + "/config"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)),
                "deploying connector " + connector);
        if (response.statusCode() / 100 != 2) {
            throw new ConnectException("Kafka Connect at " + base + " refused connector " + connector + " (HTTP "
                    + response.statusCode() + "): " + message(response.body()));
        }
    }

    private JsonNode getJson(String path, String what) {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(base.resolve(path)).GET(), "reading " + what);
        if (response.statusCode() == 404) {
            throw new ConnectException("Kafka Connect at " + base + " has no " + what.replaceFirst("^the ", "")
                    + " (HTTP 404: " + message(response.body()) + ")");
        }
        if (response.statusCode() / 100 != 2) {
            throw new ConnectException("Kafka Connect at " + base + " answered HTTP " + response.statusCode() + " for "
                    + what + ": " + message(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ConnectException("Kafka Connect at " + base + " answered " + what + " with something other"
                    + " than JSON: " + e.getMessage());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ConnectException(
                    "Kafka Connect's REST API at " + base + " did not answer while " + what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while " + what);
        }
    }

    private static String message(String body) {
        try {
            return JSON.readTree(body).path("message").asText(body);
        } catch (IOException e) {
            return body;
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A Connect REST call that failed. */
    public static final class ConnectException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectException(String message) {
            super(message);
        }
    }
}
