package io.github.splunkdeltabridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.splunkdeltabridge.client.ExportPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SplunkSourceConfigTest {

    private static Map<String, String> valid() {
        Map<String, String> props = new HashMap<>();
        props.put(SplunkSourceConfig.URL, "https://splunk.example.com:8089");
        props.put(SplunkSourceConfig.TOKEN, "secret-token-value");
        props.put(SplunkSourceConfig.INDEXES, "web, os");
        props.put(SplunkSourceConfig.BACKFILL_START, "2024-01-01T00:00:00Z");
        return props;
    }

    @Test
    void defaultsAndParsedValues() {
        SplunkSourceConfig config = new SplunkSourceConfig(valid());
        assertThat(config.sliceDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(config.tailLag()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.backfillStart()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(config.backfillEndOrNull()).isNull();
        assertThat(config.tailEnabled()).isTrue();
        assertThat(config.clientConfig().toString()).doesNotContain("secret-token-value");
    }

    @Test
    void durationsAndTimesAcceptShortFormsAndEpochSeconds() {
        Map<String, String> props = valid();
        props.put(SplunkSourceConfig.SLICE_DURATION, "15m");
        props.put(SplunkSourceConfig.BACKFILL_START, "1704067200.5");
        SplunkSourceConfig config = new SplunkSourceConfig(props);
        assertThat(config.sliceDuration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.backfillStart()).isEqualTo(Instant.parse("2024-01-01T00:00:00.500Z"));
    }

    @Test
    void badValuesNameTheirSetting() {
        Map<String, String> props = valid();
        props.put(SplunkSourceConfig.SLICE_DURATION, "0s");
        assertThatThrownBy(() -> new SplunkSourceConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SplunkSourceConfig.SLICE_DURATION);
        props.put(SplunkSourceConfig.SLICE_DURATION, "1h");
        props.put(SplunkSourceConfig.URL, "https://admin:pw@splunk:8089");
        assertThatThrownBy(() -> new SplunkSourceConfig(props))
                .hasMessageContaining(SplunkSourceConfig.URL)
                .hasMessageNotContaining("pw@");
        props.put(SplunkSourceConfig.URL, "https://splunk:8089");
        props.put(SplunkSourceConfig.TOPIC_TEMPLATE, "splunk/${index}");
        assertThatThrownBy(() -> new SplunkSourceConfig(props)).hasMessageContaining(SplunkSourceConfig.TOPIC_TEMPLATE);
    }

    @Test
    void combinationsAreCheckedAndNamed() {
        Map<String, String> noAuth = valid();
        noAuth.remove(SplunkSourceConfig.TOKEN);
        assertThatThrownBy(() -> new SplunkSourceConfig(noAuth)).hasMessageContaining(SplunkSourceConfig.TOKEN);

        Map<String, String> userOnly = valid();
        userOnly.remove(SplunkSourceConfig.TOKEN);
        userOnly.put(SplunkSourceConfig.USERNAME, "admin");
        assertThat(SettingCombinations.errors(userOnly, SplunkSourceConfig.CONFIG_DEF.validateAll(userOnly)))
                .containsKeys(SplunkSourceConfig.TOKEN, SplunkSourceConfig.PASSWORD);

        Map<String, String> inverted = valid();
        inverted.put(SplunkSourceConfig.BACKFILL_END, "2023-12-31T00:00:00Z");
        assertThatThrownBy(() -> new SplunkSourceConfig(inverted))
                .hasMessageContaining(SplunkSourceConfig.BACKFILL_END);

        Map<String, String> nothing = valid();
        nothing.remove(SplunkSourceConfig.BACKFILL_START);
        nothing.put(SplunkSourceConfig.TAIL_ENABLED, "false");
        assertThatThrownBy(() -> new SplunkSourceConfig(nothing)).hasMessageContaining(SplunkSourceConfig.TAIL_ENABLED);
    }

    @Test
    void aBackfillIndexTimeCutOffIsForABoundedBackfillWithoutTail() {
        Map<String, String> props = valid();
        props.put(SplunkSourceConfig.BACKFILL_END, "2024-01-01T01:00:00Z");
        props.put(SplunkSourceConfig.BACKFILL_INDEX_LATEST, "2024-01-02T00:00:00Z");
        assertThatThrownBy(() -> new SplunkSourceConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SplunkSourceConfig.BACKFILL_INDEX_LATEST)
                .hasMessageContaining("splunk.tail.enabled=false");

        props.put(SplunkSourceConfig.TAIL_ENABLED, "false");
        SplunkSourceConfig config = new SplunkSourceConfig(props);
        assertThat(config.backfillIndexLatestOrNull()).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
        assertThat(new SplunkSourceConfig(valid()).backfillIndexLatestOrNull()).isNull();
    }

    @Test
    void indexSearchesAndNamedSearchesBecomeSearchSpecs() {
        Map<String, String> props = valid();
        props.put(SplunkSourceConfig.FILTER, "sourcetype=access_combined");
        props.put(SplunkSourceConfig.FIELDS, "status, bytes");
        props.put(SplunkSourceConfig.SEARCHES, "errors");
        props.put("splunk.search.errors.spl", "search index=app level=ERROR");
        List<SearchSpec> searches = SearchSpec.from(new SplunkSourceConfig(props));
        assertThat(searches)
                .containsExactly(
                        new SearchSpec(
                                "web",
                                "search index=web sourcetype=access_combined | fields index, host, source, sourcetype, splunk_server, status, bytes",
                                "splunk.web"),
                        new SearchSpec(
                                "os",
                                "search index=os sourcetype=access_combined | fields index, host, source, sourcetype, splunk_server, status, bytes",
                                "splunk.os"),
                        new SearchSpec("errors", "search index=app level=ERROR", "splunk.errors"));

        props.put("splunk.search.errors.topic", "app-errors");
        assertThat(SearchSpec.from(new SplunkSourceConfig(props)))
                .last()
                .isEqualTo(new SearchSpec("errors", "search index=app level=ERROR", "app-errors"));

        props.remove("splunk.search.errors.spl");
        assertThatThrownBy(() -> new SplunkSourceConfig(props)).hasMessageContaining("splunk.search.errors.spl");
    }

    @Test
    void tasksShareSlicesRoundRobinAndEachSearchTailOnce() {
        Map<String, String> props = valid();
        props.put(SplunkSourceConfig.SLICE_DURATION, "1d");
        SplunkSourceConfig config = new SplunkSourceConfig(props);
        List<SearchSpec> searches = SearchSpec.from(config);
        Instant end = Instant.parse("2024-01-11T00:00:00Z");
        TaskAssignment first = new TaskAssignment(0, 3, end);
        TaskAssignment second = TaskAssignment.from(new TaskAssignment(1, 3, end).addTo(props));
        TaskAssignment third = new TaskAssignment(2, 3, end);
        int total = 0;
        for (TaskAssignment task : List.of(first, second, third)) {
            List<SliceWork.Slice> slices = task.slices(searches, config.backfillStart(), config.sliceDuration());
            assertThat(slices.size()).isBetween(6, 7);
            total += slices.size();
        }
        assertThat(total).isEqualTo(10 * 2);
        assertThat(first.tails(searches)).extracting(SearchSpec::name).containsExactly("web");
        assertThat(second.tails(searches)).extracting(SearchSpec::name).containsExactly("os");
        assertThat(third.tails(searches)).isEmpty();
    }

    @Test
    void offsetsRoundTripThroughTheirPrimitiveForm() {
        ExportPosition position = ExportPosition.of(
                Instant.parse("2024-03-01T12:00:00.123Z"), List.of("web:web~1~G:1:10", "web:web~1~G:1:11"), 42);
        Instant end = Instant.parse("2024-03-02T00:00:00Z");
        Map<String, Object> offset = SourceOffsets.sliceOffset(position, false, end);
        assertThat(offset.values())
                .allSatisfy(v -> assertThat(v).isInstanceOfAny(String.class, Long.class, Boolean.class));
        assertThat(SourceOffsets.position(offset)).isEqualTo(position);
        assertThat(SourceOffsets.isDone(offset)).isFalse();
        assertThat(SourceOffsets.instant(offset, SourceOffsets.BACKFILL_END_MS)).isEqualTo(end);
        assertThat(SourceOffsets.position(SourceOffsets.sliceOffset(ExportPosition.start(), true, end)))
                .isEqualTo(ExportPosition.start());
    }
}
