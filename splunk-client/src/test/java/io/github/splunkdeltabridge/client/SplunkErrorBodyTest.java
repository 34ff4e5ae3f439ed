package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SplunkErrorBodyTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsJsonMessages() {
        assertThat(SplunkErrorBody.message(
                        b("{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Unknown search command 'frobnicate'.\"}]}")))
                .isEqualTo("Unknown search command 'frobnicate'.");
        assertThat(SplunkErrorBody.message(
                        b("{\"messages\":[{\"type\":\"ERROR\",\"text\":\"a\"},{\"type\":\"ERROR\",\"text\":\"b\"}]}")))
                .isEqualTo("a; b");
    }

    @Test
    void readsXmlMessages() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <response>
                  <messages>
                    <msg type="ERROR">This search could not be dispatched because the role-based concurrency limit of historical searches for user "admin" has been reached (usage=3, quota=3).</msg>
                  </messages>
                </response>
                """;
        assertThat(SplunkErrorBody.message(b(xml)))
                .startsWith("This search could not be dispatched")
                .contains("concurrency");
    }

    @Test
    void htmlPagesAndEmptyBodiesGiveNoMessageButPlainTextIsKept() {
        assertThat(SplunkErrorBody.message(b("<html><body>Bad Gateway</body></html>")))
                .isNull();
        assertThat(SplunkErrorBody.message(new byte[0])).isNull();
        assertThat(SplunkErrorBody.message(b("Too many requests\r\n"))).isEqualTo("Too many requests");
        assertThat(SplunkErrorBody.message(b("z".repeat(5000)))).hasSizeLessThan(600);
    }

    @Test
    void readsSessionKeysFromJsonAndXml() {
        assertThat(SplunkErrorBody.sessionKey(b("{\"sessionKey\":\"abc^def\"}")))
                .isEqualTo("abc^def");
        assertThat(SplunkErrorBody.sessionKey(b("<response>\n  <sessionKey>192fd3e4^xyz</sessionKey>\n</response>")))
                .isEqualTo("192fd3e4^xyz");
        assertThat(SplunkErrorBody.sessionKey(b("{\"other\":1}"))).isNull();
    }
}
