package io.github.splunkdeltabridge.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the configured searches themselves say, without asking Splunk: their order, and what the tail can follow. */
final class SearchChecks {

    private static final Logger LOG = LoggerFactory.getLogger(SearchChecks.class);

    private SearchChecks() {}

    /** Errors by the setting to show them on; empty when the searches suit the configuration. */
    static Map<String, String> errors(SplunkSourceConfig config, List<SearchSpec> searches) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> metrics = new ArrayList<>();
        for (SearchSpec search : searches) {
            if (search.order().metrics()) {
                metrics.add(search.name());
            }
        }
        if (config.tailEnabled() && !metrics.isEmpty()) {
            // The tail reads index-time windows: | mstats rows are aggregates each window would compute again over
            // other data points, and metrics searches are not known to honour index_earliest/index_latest.
            errors.put(
                    SplunkSourceConfig.TAIL_ENABLED,
                    "The searches " + String.join(", ", metrics) + " read metrics indexes (| mstats, | mpreview),"
                            + " which the tail cannot follow by index-time windows. Copy them with a backfill and set "
                            + SplunkSourceConfig.TAIL_ENABLED + "=false");
        }
        return errors;
    }

    /** Says, once per search, which searches resume exactly after a cut and which re-read their slices. */
    static void logOrder(List<SearchSpec> searches) {
        for (SearchSpec search : searches) {
            SearchOrder order = search.order();
            if (!order.timeOrdered()) {
                LOG.warn(
                        "Search {} does not return events newest first ({}): after a cut or a restart its slices and"
                                + " tail windows are read again whole, so Kafka may hold some of its rows twice (the"
                                + " Delta job's MERGE keeps one per event id)",
                        search.name(),
                        order.reason());
            }
        }
    }
}
