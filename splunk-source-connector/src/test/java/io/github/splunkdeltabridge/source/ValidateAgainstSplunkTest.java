package io.github.splunkdeltabridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code validate()} refuses, on the setting to change, what the server or the user's roles would not serve. */
class ValidateAgainstSplunkTest {

    private final ScriptedSplunk splunk = new ScriptedSplunk();

    @AfterEach
    void stop() {
        splunk.close();
    }

    private Map<String, String> config(URI url) {
        Map<String, String> config = new HashMap<>();
        config.put(SplunkSourceConfig.URL, url.toString());
        config.put(SplunkSourceConfig.TOKEN, "validate-token");
        config.put(SplunkSourceConfig.INDEXES, "web");
        config.put(
                SplunkSourceConfig.BACKFILL_START,
                Instant.now().minus(30, ChronoUnit.DAYS).toString());
        config.put(SplunkSourceConfig.SLICE_DURATION, "PT1H");
        config.put(SplunkSourceConfig.TAIL_MAX_EVENT_AGE, "P1D");
        config.put(SplunkSourceConfig.MAX_CONCURRENT_SEARCHES, "3");
        return config;
    }

    private void role(String content) {
        splunk.roleContents.put("migration", content);
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ConfigValue v : new SplunkSourceConnector().validate(config).configValues()) {
            if (!v.errorMessages().isEmpty()) {
                errors.put(v.name(), v.errorMessages());
            }
        }
        return errors;
    }

    @Test
    void aConfigurationTheRolesServeHasNoErrors() throws IOException {
        role("{\"srchTimeWin\":-1,\"srchTimeEarliest\":-1,\"srchJobsQuota\":3,\"srchIndexesAllowed\":[\"web\"]}");
        assertThat(errors(config(splunk.start()))).isEmpty();
    }

    @Test
    void aSliceLongerThanTheSearchTimeWindowIsRefusedOnTheSliceDuration() throws IOException {
        role("{\"srchTimeWin\":1800,\"srchIndexesAllowed\":[\"*\"]}");
        Map<String, String> config = config(splunk.start());
        config.put(SplunkSourceConfig.TAIL_ENABLED, "false");
        assertThat(errors(config))
                .containsOnlyKeys(SplunkSourceConfig.SLICE_DURATION)
                .extractingByKey(SplunkSourceConfig.SLICE_DURATION)
                .asString()
                .contains("splunk.slice.duration exceeds the role's search time window of 1800 s")
                .contains("role 'migration'")
                .contains("PT30M or less");
    }

    @Test
    void aBackfillStartBeforeTheEarliestSearchableTimeIsRefused() throws IOException {
        role("{\"srchTimeEarliest\":864000,\"srchIndexesAllowed\":[\"*\"]}");
        Map<String, String> config = config(splunk.start());
        config.put(SplunkSourceConfig.TAIL_ENABLED, "false");
        assertThat(errors(config))
                .containsOnlyKeys(SplunkSourceConfig.BACKFILL_START)
                .extractingByKey(SplunkSourceConfig.BACKFILL_START)
                .asString()
                .contains("srchTimeEarliest = 864000 s");
    }

    @Test
    void aTailOverAllEventTimeIsRefusedWhenTheRoleLimitsTheSearchWindow() throws IOException {
        role("{\"srchTimeWin\":604800,\"srchIndexesAllowed\":[\"*\"]}");
        Map<String, String> config = config(splunk.start());
        config.remove(SplunkSourceConfig.TAIL_MAX_EVENT_AGE);
        assertThat(errors(config))
                .containsOnlyKeys(SplunkSourceConfig.TAIL_MAX_EVENT_AGE)
                .extractingByKey(SplunkSourceConfig.TAIL_MAX_EVENT_AGE)
                .asString()
                .contains("The tail searches all event time")
                .contains("srchTimeWin = 604800 s");
        config.put(SplunkSourceConfig.TAIL_MAX_EVENT_AGE, "P6D");
        assertThat(errors(config)).isEmpty();
    }

    @Test
    void moreConcurrentSearchesThanTheQuotaAreRefused() throws IOException {
        role("{\"srchJobsQuota\":2,\"srchIndexesAllowed\":[\"*\"]}");
        assertThat(errors(config(splunk.start())))
                .containsOnlyKeys(SplunkSourceConfig.MAX_CONCURRENT_SEARCHES)
                .extractingByKey(SplunkSourceConfig.MAX_CONCURRENT_SEARCHES)
                .asString()
                .contains("srchJobsQuota = 2");
    }

    @Test
    void anIndexTheRolesMayNotSearchOrThatDoesNotExistIsRefused() throws IOException {
        role("{\"srchIndexesAllowed\":[\"web\",\"os\"]}");
        splunk.indexes.add("os");
        Map<String, String> config = config(splunk.start());
        config.put(SplunkSourceConfig.INDEXES, "web,os,secret,missing_idx");
        splunk.indexes.add("secret");
        assertThat(errors(config).get(SplunkSourceConfig.INDEXES))
                .singleElement()
                .asString()
                .contains("may not search secret, missing_idx")
                .contains("srchIndexesAllowed = ")
                .contains("Splunk has no index missing_idx");
    }

    @Test
    void theV2SearchApiOnASplunkThatPredatesItIsRefused() throws IOException {
        role("{\"srchIndexesAllowed\":[\"*\"]}");
        splunk.version = "8.2.12";
        Map<String, String> config = config(splunk.start());
        config.put(SplunkSourceConfig.API_VERSION, "v2");
        assertThat(errors(config))
                .containsOnlyKeys(SplunkSourceConfig.API_VERSION)
                .extractingByKey(SplunkSourceConfig.API_VERSION)
                .asString()
                .contains("8.2.12")
                .contains("set splunk.api.version to v1 or auto");
        config.put(SplunkSourceConfig.API_VERSION, "auto");
        assertThat(errors(config)).isEmpty();
    }

    @Test
    void aMetricsSearchCannotBeFollowedByTheTail() throws IOException {
        role("{\"srchIndexesAllowed\":[\"*\"]}");
        Map<String, String> config = config(splunk.start());
        config.put(SplunkSourceConfig.INDEXES, "");
        config.put(SplunkSourceConfig.SEARCHES, "cpu");
        config.put("splunk.search.cpu.spl", "| mstats avg(cpu.usage) WHERE index=metrics span=1m BY host");
        assertThat(errors(config))
                .containsOnlyKeys(SplunkSourceConfig.TAIL_ENABLED)
                .extractingByKey(SplunkSourceConfig.TAIL_ENABLED)
                .asString()
                .contains("cpu")
                .contains("splunk.tail.enabled=false");
        config.put(SplunkSourceConfig.TAIL_ENABLED, "false");
        assertThat(errors(config)).isEmpty();
    }

    @Test
    void aSplunkThatCannotBeReachedLeavesTheseChecksToTheReachabilityCheck() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        assertThat(SplunkEnvironmentCheck.errors(
                        new SplunkSourceConfig(config(URI.create("http://127.0.0.1:" + port))), Instant.now()))
                .isEmpty();
    }

    @Test
    void indexesAreNotJudgedWhereTheUserMayNotListThem() throws IOException {
        role("{\"srchIndexesAllowed\":[\"*\"]}");
        splunk.indexes.clear();
        splunk.indexListing = false;
        assertThat(errors(config(splunk.start()))).isEmpty();
    }
}
