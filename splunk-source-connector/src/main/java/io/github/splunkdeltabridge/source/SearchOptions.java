package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.SearchMode;
import io.github.splunkdeltabridge.client.SplunkIncompleteResultsException;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every export of the connector is asked for (search mode, lookups, whether the search comes newest first, whether
 * missing rows are accepted) and what happens when Splunk says rows are missing ({@code splunk.partial.results}).
 */
record SearchOptions(
        SearchMode searchMode,
        boolean enableLookups,
        PartialResults partialResults,
        int partialResultsMaxAttempts,
        Duration initialWait,
        Duration maxWait) {

    private static final Logger LOG = LoggerFactory.getLogger(SearchOptions.class);

    static SearchOptions from(SplunkSourceConfig config) {
        return new SearchOptions(
                config.searchMode(),
                config.enableLookups(),
                config.partialResults(),
                config.partialResultsMaxAttempts(),
                config.retryInitialBackoff(),
                config.retryMaxBackoff());
    }

    /** An export of {@code search}, to be completed with its bounds and position. */
    ExportRequest.Builder request(SearchSpec search) {
        return ExportRequest.builder(search.spl())
                .timeOrdered(search.order().timeOrdered())
                .acceptIncompleteResults(partialResults == PartialResults.ACCEPT)
                .searchMode(searchMode)
                .enableLookups(enableLookups);
    }

    /**
     * When to read a slice or window again after Splunk said rows were missing for the {@code attempt}-th time in a row.
     *
     * @param what the slice or window, for messages, e.g. "slice 2024-03-01T00:00:00Z/… of search web"
     * @throws ConnectException with Splunk's text when the policy is fail or the attempts are spent
     */
    Instant retryAt(SplunkIncompleteResultsException missing, int attempt, String what, Instant now) {
        if (partialResults == PartialResults.FAIL) {
            throw new ConnectException(
                    "Splunk reported missing rows for " + what + " and " + SplunkSourceConfig.PARTIAL_RESULTS
                            + "=fail: " + missing.getMessage(),
                    missing);
        }
        if (attempt >= partialResultsMaxAttempts) {
            throw new ConnectException(
                    "Splunk still reported missing rows for " + what + " after " + attempt + " attempts ("
                            + SplunkSourceConfig.PARTIAL_RESULTS_MAX_ATTEMPTS + "): " + missing.getMessage(),
                    missing);
        }
        Duration wait = wait(attempt);
        LOG.warn(
                "Splunk reported missing rows for {} (attempt {} of {}): {}. It stays undone and is read again from its"
                        + " position in {}",
                what,
                attempt,
                partialResultsMaxAttempts,
                missing.getMessage(),
                wait);
        return now.plus(wait);
    }

    private Duration wait(int attempt) {
        Duration wait = initialWait;
        for (int i = 1; i < attempt && wait.compareTo(maxWait) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
}
