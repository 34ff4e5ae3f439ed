package io.github.splunkdeltabridge.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.splunkdeltabridge.source.SplunkSourceConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplunkReadOptionsTest {

    private static Map<String, String> valid() {
        Map<String, String> options = new HashMap<>();
        options.put("splunk.url", "https://splunk.example.com:8089");
        options.put("splunk.token", "s3cr3t-token");
        options.put("splunk.indexes", "web, os");
        options.put("splunk.backfill.start", "2024-03-01T00:00:00Z");
        return options;
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> options = valid();
        if (value == null) {
            options.remove(key);
        } else {
            options.put(key, value);
        }
        return options;
    }

    @Test
    void theConnectorsSettingsDescribeTheReadWithItsDefaults() {
        SplunkReadOptions options = SplunkReadOptions.parse(valid());
        assertThat(options.searches())
                .containsExactly(
                        new SplunkSearch("web", "search index=web"), new SplunkSearch("os", "search index=os"));
        assertThat(options.backfillStart()).contains(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(options.backfillEnd()).isEmpty();
        assertThat(options.sliceDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(options.maxConcurrentSearches()).isEqualTo(4);
        assertThat(options.tailEnabled()).isFalse();
        assertThat(options.clientConfig().baseUri()).hasToString("https://splunk.example.com:8089");
    }

    @Test
    void namesAreCaseInsensitiveAsSparkPassesThemAndNamedSearchesFollowTheIndexes() {
        Map<String, String> options = valid();
        options.put("SPLUNK.SEARCHES", "errors");
        options.put("splunk.search.errors.spl", "search index=app log_level=ERROR");
        options.put("splunk.search.filter", "sourcetype=access_combined");
        options.put("Splunk.Slice.Duration", "15m");
        SplunkReadOptions read = SplunkReadOptions.parse(options);
        assertThat(read.searches())
                .extracting(SplunkSearch::spl)
                .containsExactly(
                        "search index=web sourcetype=access_combined",
                        "search index=os sourcetype=access_combined",
                        "search index=app log_level=ERROR");
        assertThat(read.sliceDuration()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aMissingUrlIsNamed() {
        assertThatThrownBy(() -> SplunkReadOptions.parse(with("splunk.url", null)))
                .isInstanceOf(SplunkOptionException.class)
                .hasMessageContaining("splunk.url: required");
    }

    @Test
    void everyBadOptionIsNamedInOneMessage() {
        Map<String, String> options = valid();
        options.put("splunk.slice.duration", "an hour");
        options.put("splunk.max.concurrent.searches", "0");
        options.put("splunk.backfill.end", "yesterday");
        assertThatThrownBy(() -> SplunkReadOptions.parse(options))
                .hasMessageContaining("splunk.slice.duration: not a duration")
                .hasMessageContaining("'an hour'")
                .hasMessageContaining("splunk.max.concurrent.searches: must be a positive whole number, got '0'")
                .hasMessageContaining("splunk.backfill.end: not a time");
    }

    @Test
    void aMisspelledOptionIsRefusedByName() {
        assertThatThrownBy(() -> SplunkReadOptions.parse(with("splunk.indexs", "web")))
                .hasMessageContaining("splunk.indexs: unknown option");
    }

    @Test
    void connectorOnlySettingsAreAcceptedSoAConnectorConfigCanBeReused() {
        Map<String, String> options = valid();
        options.put("topic.template", "splunk.${index}");
        options.put("splunk.batch.size", "500");
        assertThat(SplunkReadOptions.parse(options).searches()).hasSize(2);
    }

    @Test
    void everySettingOfTheConnectorIsReadOrKnownAsTheConnectorsSoNoNameDrifts() {
        assertThat(SplunkSourceConfig.CONFIG_DEF.names())
                .allSatisfy(name -> assertThat(SplunkReadOptions.OPTIONS.contains(name)
                                || SplunkReadOptions.CONNECTOR_ONLY.contains(name))
                        .as("connector setting %s", name)
                        .isTrue());
        assertThat(SplunkReadOptions.OPTIONS)
                .as("the reader's options are the connector's, but for its own batch size")
                .filteredOn(name -> !name.equals(SplunkReadOptions.MAX_SLICES_PER_BATCH))
                .allSatisfy(name ->
                        assertThat(SplunkSourceConfig.CONFIG_DEF.names()).contains(name));
    }

    @Test
    void anIndexTimeCutOffAppliesToABackfillWithoutTailAndNotBeforeItsEnd() {
        Map<String, String> options = with("splunk.backfill.end", "2024-03-02T00:00:00Z");
        options.put("splunk.backfill.index.latest", "2024-03-05T00:00:00Z");
        assertThat(SplunkReadOptions.parse(options).backfillIndexLatest(Instant.parse("2024-03-02T00:00:00Z")))
                .isEqualTo(Instant.parse("2024-03-05T00:00:00Z"));
        options.put("splunk.backfill.index.latest", "2024-03-01T12:00:00Z");
        assertThatThrownBy(() -> SplunkReadOptions.parse(options))
                .hasMessageContaining("splunk.backfill.index.latest: must not be before splunk.backfill.end");
        options.put("splunk.backfill.index.latest", "2024-03-05T00:00:00Z");
        options.put("splunk.tail.enabled", "true");
        assertThatThrownBy(() -> SplunkReadOptions.parse(options))
                .hasMessageContaining("splunk.backfill.index.latest: applies only with splunk.tail.enabled=false");
    }

    @Test
    void credentialsAreRequiredAndUserAndPasswordGoTogether() {
        assertThatThrownBy(() -> SplunkReadOptions.parse(with("splunk.token", null)))
                .hasMessageContaining("splunk.token: set splunk.token, or both splunk.username and splunk.password");
        Map<String, String> userOnly = with("splunk.token", null);
        userOnly.put("splunk.username", "admin");
        assertThatThrownBy(() -> SplunkReadOptions.parse(userOnly))
                .hasMessageContaining("splunk.password: splunk.username and splunk.password go together");
    }

    @Test
    void aNamedSearchNeedsItsSplAndSplOfAnUnlistedSearchIsRefused() {
        assertThatThrownBy(() -> SplunkReadOptions.parse(with("splunk.searches", "errors")))
                .hasMessageContaining("splunk.search.errors.spl: required");
        assertThatThrownBy(() -> SplunkReadOptions.parse(with("splunk.search.typo.spl", "search index=x")))
                .hasMessageContaining("splunk.search.typo.spl: names a search that splunk.searches does not list");
    }

    @Test
    void theEndMustFollowTheStart() {
        assertThatThrownBy(() -> SplunkReadOptions.parse(with("splunk.backfill.end", "2024-02-01T00:00:00Z")))
                .hasMessageContaining("splunk.backfill.end: must be after splunk.backfill.start");
    }

    @Test
    void secretsAppearInNoMessageAndNoPrintout() {
        Map<String, String> options = with("splunk.url", "https://admin:pw-in-url@splunk:8089");
        options.put("splunk.tls.truststore.path", "/tmp/ca.p12");
        options.put("splunk.password", "hunter2");
        assertThatThrownBy(() -> SplunkReadOptions.parse(options))
                .hasMessageContaining("splunk.url: must not contain credentials")
                .hasMessageContaining("splunk.tls.truststore.password: set the password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw-in-url", "hunter2", "s3cr3t-token"));
        assertThat(SplunkReadOptions.parse(valid()).toString()).doesNotContain("s3cr3t-token");
    }

    @Test
    void aBatchReadNeedsAStart() {
        SplunkReadOptions noStart = SplunkReadOptions.parse(with("splunk.backfill.start", null));
        assertThatThrownBy(() -> new SplunkBatch(noStart, Instant.now()))
                .isInstanceOf(SplunkOptionException.class)
                .hasMessageContaining("splunk.backfill.start: required for spark.read");
    }

    @Test
    void listsIgnoreBlankEntries() {
        assertThat(SplunkReadOptions.parse(with("splunk.indexes", " web,, os ,")).searches().stream()
                        .map(SplunkSearch::name))
                .isEqualTo(List.of("web", "os"));
    }
}
