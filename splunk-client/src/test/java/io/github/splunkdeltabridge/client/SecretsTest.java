package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** No token, password or session key in toString, messages or error texts. */
class SecretsTest {

    private static final String TOKEN = "eyJraWQiOiJzcGx1bmsuc2VjcmV0IiwiYWxnIjoiSFM1MTIifQ.secret-token-value";
    private static final String PASSWORD = "Tr0ub4dor&3-very-secret";

    @Test
    void authAndConfigNeverPrintSecrets() {
        assertThat(SplunkAuth.bearerToken(TOKEN).toString())
                .doesNotContain(TOKEN)
                .contains("****");
        assertThat(SplunkAuth.splunkToken(TOKEN).toString()).doesNotContain(TOKEN);
        assertThat(SplunkAuth.login("admin", PASSWORD).toString())
                .doesNotContain(PASSWORD)
                .contains("admin");
        assertThat(TlsSettings.withTrustStore(Path.of("/etc/ts.p12"), PASSWORD.toCharArray(), "PKCS12")
                        .toString())
                .doesNotContain(PASSWORD)
                .contains("/etc/ts.p12");

        SplunkClientConfig config = SplunkClientConfig.builder(URI.create("https://splunk:8089"))
                .auth(SplunkAuth.login("admin", PASSWORD))
                .tls(TlsSettings.withTrustStore(Path.of("/etc/ts.p12"), PASSWORD.toCharArray(), "PKCS12"))
                .build();
        assertThat(config.toString()).doesNotContain(PASSWORD).contains("https://splunk:8089");
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SplunkClientConfig.builder(URI.create("https://admin:" + "pw@splunk:8089")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("pw@");
    }

    @Test
    void unauthorizedBodyEchoingTheTokenIsRedactedInTheException() throws Exception {
        Authenticator auth = new Authenticator(SplunkAuth.bearerToken(TOKEN), (u, p) -> "unused");
        byte[] body = ("{\"messages\":[{\"type\":\"WARN\",\"text\":\"call not properly authenticated: token " + TOKEN
                        + " is expired\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        SplunkException e = HttpErrors.forStatus(
                401, "/services/search/v2/jobs/export", auth.redact(SplunkErrorBody.message(body)), null);

        assertThat(e).isInstanceOf(SplunkAuthenticationException.class);
        assertThat(e.getMessage())
                .contains("401", "/services/search/v2/jobs/export", "call not properly authenticated")
                .doesNotContain(TOKEN);
    }

    @Test
    void badRequestBodyEchoingThePasswordIsRedacted() throws Exception {
        Authenticator auth = new Authenticator(SplunkAuth.login("admin", PASSWORD), (u, p) -> "session-key-123456");
        assertThat(auth.header()).isEqualTo("Splunk session-key-123456");
        byte[] body = ("<response><messages><msg type=\"ERROR\">Error in 'search' command: " + PASSWORD
                        + " and session-key-123456 &amp; more</msg></messages></response>")
                .getBytes(StandardCharsets.UTF_8);
        SplunkException e = HttpErrors.forStatus(
                400, "/services/search/v2/jobs/export", auth.redact(SplunkErrorBody.message(body)), null);

        assertThat(e).isInstanceOf(SplunkSearchException.class);
        assertThat(e.getMessage())
                .contains("400", "Error in 'search' command", "& more")
                .doesNotContain(PASSWORD)
                .doesNotContain("session-key-123456");
    }
}
