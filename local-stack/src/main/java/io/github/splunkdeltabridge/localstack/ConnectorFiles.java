package io.github.splunkdeltabridge.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Reads single settings of the shipped connector files, so the stack follows whatever they say (bucket, topics). */
final class ConnectorFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectorFiles() {}

    static String setting(Path connectorFile, String name) {
        JsonNode value;
        try {
            value = JSON.readTree(connectorFile.toFile()).path("config").path(name);
        } catch (IOException e) {
            throw new StackException("Cannot read the connector file " + connectorFile + ": " + e.getMessage(), e);
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new StackException(connectorFile + " has no \"" + name + "\" in its \"config\"");
        }
        return value.asText();
    }
}
