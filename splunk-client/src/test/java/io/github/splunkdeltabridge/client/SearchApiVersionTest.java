package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchApiVersionTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        // Splunk Enterprise: v2 from 9.0.1 (REST API reference, "Semantic API versioning").
        "8.2.12,,V1",
        "9.0.0,,V1",
        "9.0.0.1,,V1",
        "9.0.1,,V2",
        "9.1.2,,V2",
        "10.0.0,,V2",
        // Splunk Cloud Platform: v2 from 9.0.2208.
        "9.0.2205.1,cloud,V1",
        "9.0.2208,cloud,V2",
        "9.0.2208.4,cloud,V2",
        "9.3.2408.104,cloud,V2",
        "8.2.2203.4,cloud,V1"
    })
    void theVersionFollowsTheServersReleaseAndInstanceType(String version, String instanceType, String expected) {
        assertThat(SearchApiVersion.forServer(new ServerInfo(version, instanceType, "sh-1", "enterprise")))
                .isEqualTo(SearchApiVersion.valueOf(expected));
    }

    @ParameterizedTest
    @CsvSource({"'9.x'", "''", "'nine'"})
    void aVersionThatIsNotOneCannotChoose(String version) {
        assertThatThrownBy(() -> SearchApiVersion.forServer(new ServerInfo(version, null, null, null)))
                .isInstanceOf(SplunkProtocolException.class)
                .hasMessageContaining("'" + version + "'");
    }
}
