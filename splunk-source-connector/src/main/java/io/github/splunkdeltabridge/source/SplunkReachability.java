package io.github.splunkdeltabridge.source;

import static io.github.splunkdeltabridge.source.SplunkSourceConfig.APP;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.CONNECT_TIMEOUT;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.OWNER;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.PASSWORD;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.PROXY_URL;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.READ_TIMEOUT;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.TLS_VERIFY;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.TOKEN;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.TOKEN_TYPE;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.TRUSTSTORE_PASSWORD;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.TRUSTSTORE_PATH;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.TRUSTSTORE_TYPE;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.URL;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.USERNAME;

import io.github.splunkdeltabridge.client.RetryPolicy;
import io.github.splunkdeltabridge.client.SplunkAuthenticationException;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkClientConfig;
import io.github.splunkdeltabridge.client.SplunkException;
import io.github.splunkdeltabridge.client.SplunkNotFoundException;
import io.github.splunkdeltabridge.client.SplunkPermissionException;
import io.github.splunkdeltabridge.client.SplunkUnavailableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

/**
 * The last step of validate(): one authenticated call to Splunk ({@code GET /services/server/info}, Splunk's
 * REST API reference, "server/info") with the URL, TLS settings and credentials given, so a wrong token or an
 * unreachable host is reported on its setting when the connector is created rather than when its tasks start.
 * Messages never hold a secret: the client redacts Splunk's answers, and any secret still found is masked here.
 */
final class SplunkReachability {

    /** The settings the call depends on; with an error on any of them there is nothing sound to try. */
    static final List<String> INPUTS = List.of(
            URL,
            TOKEN,
            TOKEN_TYPE,
            USERNAME,
            PASSWORD,
            OWNER,
            APP,
            TLS_VERIFY,
            TRUSTSTORE_PATH,
            TRUSTSTORE_PASSWORD,
            TRUSTSTORE_TYPE,
            PROXY_URL,
            SplunkSourceConfig.API_VERSION,
            CONNECT_TIMEOUT,
            READ_TIMEOUT);

    /** Validation answers within Connect's REST timeout (90 s) even when Splunk does not answer at all. */
    private static final Duration LONGEST_TIMEOUT = Duration.ofSeconds(15);

    private static final RetryPolicy VALIDATION_RETRIES = RetryPolicy.builder()
            .maxAttempts(2)
            .initialBackoff(Duration.ofMillis(500))
            .maxBackoff(Duration.ofSeconds(1))
            .multiplier(2.0)
            .jitter(0.2)
            .build();

    private SplunkReachability() {}

    /**
     * Errors by setting; empty when Splunk answered, and when an input already has an error of its own (then the
     * call could only fail for that reason).
     */
    static Map<String, String> check(Map<String, ConfigValue> values, Map<String, List<String>> otherErrors) {
        Map<String, Object> parsed = new HashMap<>();
        for (String key : INPUTS) {
            ConfigValue value = values.get(key);
            if (value == null || !value.errorMessages().isEmpty() || otherErrors.containsKey(key)) {
                return Map.of();
            }
            parsed.put(key, value.value());
        }
        SplunkClientConfig config = SplunkSourceConfig.connection(parsed)
                .retry(VALIDATION_RETRIES)
                .connectTimeout(shorter((String) parsed.get(CONNECT_TIMEOUT)))
                .readTimeout(shorter((String) parsed.get(READ_TIMEOUT)))
                .build();
        try (SplunkClient client = new SplunkClient(config)) {
            client.validateConnection();
            return Map.of();
        } catch (SplunkException e) {
            return Map.of(keyFor(e, parsed), masked(describe(e, parsed), parsed));
        }
    }

    private static Duration shorter(String configured) {
        Duration duration = DurationValidator.parse(configured);
        return duration.compareTo(LONGEST_TIMEOUT) < 0 ? duration : LONGEST_TIMEOUT;
    }

    private static String keyFor(SplunkException e, Map<String, Object> parsed) {
        boolean token = parsed.get(TOKEN) != null;
        if (e instanceof SplunkAuthenticationException || e instanceof SplunkPermissionException) {
            return token ? TOKEN : PASSWORD;
        }
        if (e instanceof SplunkNotFoundException && parsed.get(APP) != null) {
            return APP;
        }
        if (e.getMessage() != null && e.getMessage().startsWith("TLS handshake")) {
            return parsed.get(TRUSTSTORE_PATH) != null ? TRUSTSTORE_PATH : TLS_VERIFY;
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Cannot read trust store")) {
            return TRUSTSTORE_PATH;
        }
        return URL;
    }

    private static String describe(SplunkException e, Map<String, Object> parsed) {
        String target = parsed.get(URL) + "/services/server/info";
        if (e instanceof SplunkAuthenticationException) {
            return "Splunk at " + parsed.get(URL) + " refused the "
                    + (parsed.get(TOKEN) != null ? "token (" + TOKEN + ")" : "login of " + USERNAME) + ": "
                    + e.getMessage();
        }
        if (e instanceof SplunkPermissionException) {
            return "Splunk accepted the credentials but denies them " + target + ": " + e.getMessage();
        }
        if (e instanceof SplunkNotFoundException && parsed.get(APP) != null) {
            return "Splunk has no app context " + parsed.get(OWNER) + "/" + parsed.get(APP) + ": " + e.getMessage();
        }
        if (e instanceof SplunkUnavailableException) {
            return "Splunk did not answer at " + parsed.get(URL)
                    + (parsed.get(PROXY_URL) != null ? " (through " + PROXY_URL + ")" : "") + ": " + e.getMessage();
        }
        return "Cannot reach Splunk at " + parsed.get(URL) + ": " + e.getMessage();
    }

    /** Belt and braces: no secret of the settings leaves validate(), whatever a server or library put in a message. */
    private static String masked(String message, Map<String, Object> parsed) {
        String result = message;
        for (String key : List.of(TOKEN, PASSWORD, TRUSTSTORE_PASSWORD)) {
            if (parsed.get(key) instanceof Password secret
                    && secret.value() != null
                    && !secret.value().isEmpty()) {
                result = result.replace(secret.value(), "****");
            }
        }
        return result;
    }
}
