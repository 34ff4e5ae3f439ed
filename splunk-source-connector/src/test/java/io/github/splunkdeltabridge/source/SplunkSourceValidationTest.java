package io.github.splunkdeltabridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link SplunkSourceConnector#validate}: what the Connect REST validate endpoint shows for a configuration. */
class SplunkSourceValidationTest {

    private static final String TOKEN = "validation-test-token-7d1e";
    private static final String PASSWORD = "validation-test-password-55a";

    private static SplunkEmulator splunk;

    @BeforeAll
    static void startSplunk() {
        splunk = SplunkEmulator.builder()
                .token(TOKEN)
                .user("admin", PASSWORD)
                .build()
                .start();
    }

    @AfterAll
    static void stopSplunk() {
        splunk.close();
    }

    private static Map<String, String> valid() {
        Map<String, String> props = new HashMap<>();
        props.put(SplunkSourceConfig.URL, splunk.baseUri().toString());
        props.put(SplunkSourceConfig.TOKEN, TOKEN);
        props.put(SplunkSourceConfig.INDEXES, "web");
        props.put(SplunkSourceConfig.BACKFILL_START, "2024-01-01T00:00:00Z");
        return props;
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue value : new SplunkSourceConnector().validate(props).configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    @Test
    void aSoundConfigurationWithWorkingCredentialsHasNoErrors() {
        assertThat(errors(valid())).isEmpty();
        Map<String, String> login = valid();
        login.remove(SplunkSourceConfig.TOKEN);
        login.put(SplunkSourceConfig.USERNAME, "admin");
        login.put(SplunkSourceConfig.PASSWORD, PASSWORD);
        assertThat(errors(login)).isEmpty();
    }

    @Test
    void severalMistakesAreAllReportedInOneCallEachOnItsKey() {
        Map<String, String> props = valid();
        props.put(SplunkSourceConfig.TOKEN, "");
        props.put(SplunkSourceConfig.SLICE_DURATION, "an hour");
        props.put(SplunkSourceConfig.BACKFILL_END, "2023-06-01T00:00:00Z");
        props.put(SplunkSourceConfig.OWNER, "nobody");
        props.put(SplunkSourceConfig.SEARCHES, "errors, web");
        props.put("splunk.search.web.spl", "search index=web");

        Map<String, List<String>> errors = errors(props);

        // Single settings and combinations together, not one round at a time.
        assertThat(errors.get(SplunkSourceConfig.TOKEN))
                .singleElement()
                .asString()
                .contains("empty");
        assertThat(errors.get(SplunkSourceConfig.SLICE_DURATION))
                .singleElement()
                .asString()
                .contains("duration");
        assertThat(errors.get(SplunkSourceConfig.BACKFILL_END))
                .singleElement()
                .asString()
                .contains("must be after");
        assertThat(errors.get(SplunkSourceConfig.APP))
                .singleElement()
                .asString()
                .contains("go together");
        assertThat(errors.get("splunk.search.errors.spl"))
                .singleElement()
                .asString()
                .contains("splunk.search.errors.spl");
        assertThat(errors.get(SplunkSourceConfig.SEARCHES))
                .singleElement()
                .asString()
                .contains("'web' is used twice");
        assertThat(errors).hasSize(6);
    }

    @Test
    void emptySecretsAreRejectedWithoutEchoingAnything() {
        Map<String, String> props = valid();
        props.remove(SplunkSourceConfig.TOKEN);
        props.put(SplunkSourceConfig.USERNAME, "admin");
        props.put(SplunkSourceConfig.PASSWORD, "   ");
        assertThat(errors(props))
                .containsOnlyKeys(SplunkSourceConfig.PASSWORD)
                .extractingByKey(SplunkSourceConfig.PASSWORD)
                .asList()
                .singleElement()
                .asString()
                .contains("splunk.password is empty");
    }

    @Test
    void aTokenSplunkRefusesIsReportedOnTheTokenWithoutItsValue() {
        Map<String, String> props = valid();
        props.put(SplunkSourceConfig.TOKEN, "revoked-token-0f3b9");
        Map<String, List<String>> errors = errors(props);
        assertThat(errors).containsOnlyKeys(SplunkSourceConfig.TOKEN);
        assertThat(errors.get(SplunkSourceConfig.TOKEN))
                .singleElement()
                .asString()
                .contains("refused the token")
                .contains("401")
                .doesNotContain("revoked-token-0f3b9");

        Map<String, String> login = valid();
        login.remove(SplunkSourceConfig.TOKEN);
        login.put(SplunkSourceConfig.USERNAME, "admin");
        login.put(SplunkSourceConfig.PASSWORD, "wrong-password-81c2");
        assertThat(errors(login).get(SplunkSourceConfig.PASSWORD))
                .singleElement()
                .asString()
                .contains("refused the login of splunk.username")
                .doesNotContain("wrong-password-81c2");
    }

    @Test
    void anUnreachableSplunkIsReportedOnTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> props = valid();
        props.put(SplunkSourceConfig.URL, "http://127.0.0.1:" + closedPort);
        assertThat(errors(props))
                .containsOnlyKeys(SplunkSourceConfig.URL)
                .extractingByKey(SplunkSourceConfig.URL)
                .asList()
                .singleElement()
                .asString()
                .contains("did not answer at http://127.0.0.1:" + closedPort);
    }

    @Test
    void anUntrustedCertificateIsReportedOnTheTlsSetting() {
        try (SplunkEmulator selfSigned =
                SplunkEmulator.builder().tls(true).token(TOKEN).build().start()) {
            Map<String, String> props = valid();
            props.put(SplunkSourceConfig.URL, selfSigned.baseUri().toString());
            assertThat(errors(props))
                    .containsOnlyKeys(SplunkSourceConfig.TLS_VERIFY)
                    .extractingByKey(SplunkSourceConfig.TLS_VERIFY)
                    .asList()
                    .singleElement()
                    .asString()
                    .contains("TLS handshake");
        }
    }

    @Test
    void reachabilityIsNotTriedWhileAConnectionSettingIsWrong() {
        Map<String, String> props = valid();
        props.put(SplunkSourceConfig.TOKEN, "revoked-token-0f3b9");
        props.put(SplunkSourceConfig.CONNECT_TIMEOUT, "soon");
        long requestsBefore = splunk.stats().rejectedRequests();
        assertThat(errors(props)).containsOnlyKeys(SplunkSourceConfig.CONNECT_TIMEOUT);
        assertThat(splunk.stats().rejectedRequests()).isEqualTo(requestsBefore);
    }
}
