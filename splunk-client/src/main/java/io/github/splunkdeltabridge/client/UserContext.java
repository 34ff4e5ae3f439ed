package io.github.splunkdeltabridge.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The authenticated user, from {@code GET /services/authentication/current-context}: name, roles and capabilities. */
public record UserContext(String username, List<String> roles, List<String> capabilities) {

    public UserContext {
        roles = List.copyOf(roles);
        capabilities = List.copyOf(capabilities);
    }

    static UserContext from(JsonNode content) {
        return new UserContext(
                RestEntries.text(content, "username"),
                RestEntries.list(content, "roles"),
                RestEntries.list(content, "capabilities"));
    }
}
