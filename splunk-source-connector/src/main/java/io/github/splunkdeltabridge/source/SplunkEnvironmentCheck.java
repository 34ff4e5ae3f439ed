package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.RetryPolicy;
import io.github.splunkdeltabridge.client.SearchApiVersion;
import io.github.splunkdeltabridge.client.ServerInfo;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks {@code validate()} makes against Splunk itself, so that a configuration the server or the user's roles
 * would not serve is refused before the connector starts: the search API version the server has, the role limits
 * ({@link RoleLimitCheck}), and that every configured index exists for the user. One attempt per request, so validate
 * answers in seconds. Whether Splunk can be reached with these credentials at all is the reachability check's
 * business: when it cannot, these checks are skipped rather than reported twice, and a connector can still be
 * configured while Splunk is briefly away (the tasks check the role limits again before their first export).
 */
final class SplunkEnvironmentCheck {

    private static final Logger LOG = LoggerFactory.getLogger(SplunkEnvironmentCheck.class);

    private SplunkEnvironmentCheck() {}

    /** Errors by the setting to show them on; empty when Splunk serves the configuration as it is, or is away. */
    static Map<String, String> errors(SplunkSourceConfig config, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        RetryPolicy once = RetryPolicy.builder()
                .maxAttempts(1)
                .initialBackoff(Duration.ZERO)
                .maxBackoff(Duration.ZERO)
                .build();
        try (SplunkClient client = new SplunkClient(config.clientConfig(once))) {
            ServerInfo info = client.connect();
            if (config.searchApiVersion() == SearchApiVersion.V2
                    && SearchApiVersion.forServer(info) == SearchApiVersion.V1) {
                errors.put(
                        SplunkSourceConfig.API_VERSION,
                        info + " predates the v2 search endpoints (Splunk Enterprise 9.0.1, Splunk Cloud 9.0.2208):"
                                + " set " + SplunkSourceConfig.API_VERSION + " to v1 or auto");
            }
            errors.putAll(new RoleLimitCheck(client.roleLimits()).errors(config, now));
            List<String> missing = new ArrayList<>();
            if (client.canListIndexes()) {
                for (String index : config.getList(SplunkSourceConfig.INDEXES)) {
                    if (!index.contains("*") && !client.indexExists(index)) {
                        missing.add(index);
                    }
                }
            }
            if (!missing.isEmpty()) {
                errors.merge(
                        SplunkSourceConfig.INDEXES,
                        "Splunk has no index " + String.join(", ", missing) + " that the user can see (GET"
                                + " /services/data/indexes)",
                        (a, b) -> a + "; " + b);
            }
        } catch (SplunkException e) {
            LOG.info("Configuration not checked against Splunk: {}", e.getMessage());
        }
        return errors;
    }
}
