package io.github.splunkdeltabridge.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Deploys a connector the way users do: reads its JSON file from {@code config/} ({"name", "config"}), applies the
 * local stack's overrides (addresses, secrets references, faster rotation) and PUTs it to the worker's REST API.
 */
final class ConnectorDeployer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI restUri;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ConnectorDeployer(URI restUri) {
        this.restUri = restUri;
    }

    /**
     * PUT /connectors/{name}/config: creates the connector, or updates it when it exists (a restart). An override
     * whose value is null removes that setting from the file's.
     */
    String deploy(Path configFile, Map<String, String> overrides) {
        ObjectNode file = readConnectorFile(configFile);
        String name = file.path("name").asText("");
        ObjectNode config = (ObjectNode) file.get("config");
        overrides.forEach((key, value) -> {
            if (value == null) {
                config.remove(key);
            } else {
                config.put(key, value);
            }
        });
        HttpResponse<String> response = send(HttpRequest.newBuilder(restUri.resolve("connectors/" + name + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(config.toString())));
        if (response.statusCode() / 100 != 2) {
            throw new StackException("Connect refused the connector " + name + " from " + configFile + " (HTTP "
                    + response.statusCode() + "): " + errorMessage(response.body()));
        }
        return name;
    }

    /** DELETE /connectors/{name}: removes a connector (a finished repair); a missing one is not an error. */
    void delete(String name) {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(restUri.resolve("connectors/" + name)).DELETE());
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
            throw new StackException("Connect did not delete the connector " + name + " (HTTP " + response.statusCode()
                    + "): " + errorMessage(response.body()));
        }
    }

    /**
     * The connector's and its tasks' states; throws when one has FAILED, with the first line of Connect's trace
     * (connector traces name settings, never their secret values).
     */
    ConnectorStatus status(String name) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(restUri.resolve("connectors/" + name + "/status"))
                .GET());
        if (response.statusCode() == 404) {
            return new ConnectorStatus(name, "UNASSIGNED", List.of());
        }
        JsonNode body = parse(response.body());
        String connectorState = body.path("connector").path("state").asText();
        failIfFailed(name, "connector", body.path("connector"));
        List<String> taskStates = new ArrayList<>();
        for (JsonNode task : body.path("tasks")) {
            failIfFailed(name, "task " + task.path("id").asText(), task);
            taskStates.add(task.path("state").asText());
        }
        return new ConnectorStatus(name, connectorState, taskStates);
    }

    record ConnectorStatus(String name, String connectorState, List<String> taskStates) {

        boolean running() {
            return "RUNNING".equals(connectorState)
                    && !taskStates.isEmpty()
                    && taskStates.stream().allMatch("RUNNING"::equals);
        }
    }

    private static void failIfFailed(String name, String what, JsonNode state) {
        if ("FAILED".equals(state.path("state").asText())) {
            String trace = state.path("trace").asText("");
            String firstLine = trace.lines().findFirst().orElse("no trace");
            throw new StackException("The " + name + " " + what + " FAILED: " + firstLine);
        }
    }

    private static ObjectNode readConnectorFile(Path configFile) {
        JsonNode node;
        try {
            node = JSON.readTree(configFile.toFile());
        } catch (IOException e) {
            throw new StackException("Cannot read the connector file " + configFile + ": " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode file)
                || !node.path("name").isTextual()
                || !(node.get("config") instanceof ObjectNode)) {
            throw new StackException(
                    configFile + " must be an object with \"name\" and \"config\", as config/README.md describes");
        }
        return file;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StackException("The Connect REST API at " + restUri + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while calling the Connect REST API", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new StackException(
                    "The Connect REST API answered with something other than JSON: " + e.getMessage(), e);
        }
    }

    private static String errorMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node.has("configs")) {
                // The validation answer of a config Connect rejected: list the settings and their errors.
                List<String> errors = new ArrayList<>();
                for (JsonNode config : node.path("configs")) {
                    for (Iterator<JsonNode> it =
                                    config.path("value").path("errors").elements();
                            it.hasNext(); ) {
                        errors.add(config.path("value").path("name").asText() + ": "
                                + it.next().asText());
                    }
                }
                return String.join("; ", errors);
            }
            return node.path("message").asText(body);
        } catch (IOException e) {
            return body;
        }
    }
}
