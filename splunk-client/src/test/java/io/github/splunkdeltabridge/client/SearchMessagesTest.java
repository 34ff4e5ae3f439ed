package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchMessagesTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Missing rows, as Splunk writes them.
                "WARN|Unable to distribute to peer named idx-2 at uri https://10.0.0.12:8089 because peer has status ="
                        + " \"Down\".|INCOMPLETE_RESULTS",
                "WARN|Unable to distribute to peer named idx-3 at uri https://10.0.0.13:8089 because peer has status ="
                        + " \"Authentication Failed\".|INCOMPLETE_RESULTS",
                "ERROR|[idx04] Timed out waiting for peer idx04:ingest_pipe=1. Search results might be incomplete! If"
                        + " this occurs frequently, receiveTimeout in distsearch.conf might need to be"
                        + " increased.|INCOMPLETE_RESULTS",
                "WARN|Reached the maximum in-memory consumption limit for search results (200 MB), results might be"
                        + " incomplete! Increase the max_mem_usage_mb setting in limits.conf.|INCOMPLETE_RESULTS",
                // Searches that stopped before their end.
                "INFO|Search auto-finalized after time limit (30 seconds) reached.|STOPPED_EARLY",
                "WARN|Search auto-finalized after event limit (5000) reached.|STOPPED_EARLY",
                "WARN|Your maximum disk usage quota has been reached. usage=6000MB quota=1000MB|STOPPED_EARLY",
                "ERROR|Search auto-canceled|STOPPED_EARLY",
                "FATAL|DAG Execution Exception: Search has been cancelled|STOPPED_EARLY",
                // Informational.
                "INFO|Your timerange was substituted based on your search string|INFORMATIONAL",
                "WARN|The lookup table 'geo_ip' does not exist or is not available.|INFORMATIONAL",
                "DEBUG|base lispy: [ AND index::_internal ]|INFORMATIONAL",
                // Failures.
                "FATAL|Search process did not exit cleanly, exit_code=255|SEARCH_FAILED",
                "ERROR|Error in 'search' command: Unable to parse the search|SEARCH_FAILED"
            })
    void textsThatMeanMissingRowsAreToldApartFromInformationAndFailure(String type, String text, String kind) {
        assertThat(new SearchMessage(type, text).kind()).isEqualTo(SearchMessage.Kind.valueOf(kind));
    }
}
