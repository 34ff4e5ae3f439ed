package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expected ids are literal on purpose: a change of the scheme changes every Kafka key downstream. */
class EventIdsTest {

    private static Map<String, Object> event() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("_time", "2024-03-01T12:34:56.789+00:00");
        f.put("host", "www1");
        f.put("source", "/var/log/a.log");
        f.put("sourcetype", "access_combined");
        f.put("index", "web");
        f.put("_raw", "GET /index.html 200");
        return f;
    }

    @Test
    void addressedEventsUseIndexBucketAndOffset() {
        Map<String, Object> f = event();
        f.put("_bkt", "web~12~6C4FD68A-A664-44BA-A4B1-22759F85DBE2");
        f.put("_cd", "12:4711");
        assertThat(SplunkEvent.fromFields(f).eventId())
                .isEqualTo("web:web~12~6C4FD68A-A664-44BA-A4B1-22759F85DBE2:12:4711");
    }

    @Test
    void eventsWithoutAddressHashTheirContentToAFixedValue() {
        assertThat(SplunkEvent.fromFields(event()).eventId())
                .isEqualTo("f5e049043ee5cf316252fad11f35e107a0bd5bad3376169ca333a645b8db30ac");
    }

    @Test
    void theHashDependsOnTheInstantNotOnHowSplunkRenderedTheOffset() {
        Map<String, Object> other = event();
        other.put("_time", "2024-03-01T05:34:56.789-07:00");
        assertThat(SplunkEvent.fromFields(other).eventId())
                .isEqualTo(SplunkEvent.fromFields(event()).eventId());
    }

    @Test
    void anyIdentifyingFieldChangesTheHash() {
        String base = SplunkEvent.fromFields(event()).eventId();
        for (String name : List.of("_time", "host", "source", "sourcetype", "index", "_raw")) {
            Map<String, Object> f = event();
            f.put(name, name.equals("_time") ? "2024-03-01T12:34:56.790+00:00" : "changed");
            assertThat(SplunkEvent.fromFields(f).eventId()).as(name).isNotEqualTo(base);
        }
        Map<String, Object> missingHost = event();
        missingHost.put("host", "");
        Map<String, Object> noHost = event();
        noHost.remove("host");
        assertThat(SplunkEvent.fromFields(missingHost).eventId())
                .isNotEqualTo(SplunkEvent.fromFields(noHost).eventId());
    }

    @Test
    void rowsWithoutRawHashAllFieldsInNameOrder() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tags", List.of("a", "b"));
        row.put("count", "42");
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("count", "42");
        reordered.put("tags", List.of("a", "b"));

        assertThat(SplunkEvent.fromFields(row).eventId())
                .isEqualTo("4245a2ff6d608a056b55344ec139c7eefaf48a65fc6d31d16f6e97e931c86db9")
                .isEqualTo(SplunkEvent.fromFields(reordered).eventId());
    }
}
