package io.github.splunkdeltabridge.reconcile.repair;

import io.github.splunkdeltabridge.reconcile.ReconcileUsageException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the source connector that feeds the table into bounded copies of it, one per {@link RepairRun}: the same
 * Splunk, credentials, topics and delivery settings, so the events land where the originals did and the Delta job's
 * MERGE on the event id adds only what is missing, reading only the run's indexes and hours, up to the reconcile's
 * index-time cut-off, with no tail. A new name per repair gives each copy offsets of its own: reusing a name would
 * find its slices already done.
 */
public final class RepairConnectors {

    static final String CONNECTOR_CLASS = "connector.class";
    static final String SOURCE_CLASS = "io.github.splunkdeltabridge.source.SplunkSourceConnector";
    // The source connector's setting names (SplunkSourceConfig; RepairConnectorsTest checks them against its
    // ConfigDef).
    static final String INDEXES = "splunk.indexes";
    static final String SEARCHES = "splunk.searches";
    static final String SEARCH_PREFIX = "splunk.search.";
    static final String FILTER = "splunk.search.filter";
    static final String BACKFILL_START = "splunk.backfill.start";
    static final String BACKFILL_END = "splunk.backfill.end";
    static final String BACKFILL_INDEX_LATEST = "splunk.backfill.index.latest";
    static final String TAIL_ENABLED = "splunk.tail.enabled";
    /** The connector's PASSWORD settings. */
    static final Set<String> SECRETS = Set.of("splunk.token", "splunk.password", "splunk.tls.truststore.password");

    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** A connector to create: {@code {"name": …, "config": {…}}} as Connect's REST API takes it. */
    public record RepairConnector(String name, Map<String, String> config) {
        public RepairConnector {
            config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
        }
    }

    private RepairConnectors() {}

    public static List<RepairConnector> of(
            String original, Map<String, String> originalConfig, List<RepairRun> runs, Instant createdAt) {
        String connectorClass = originalConfig.get(CONNECTOR_CLASS);
        if (!SOURCE_CLASS.equals(connectorClass)) {
            throw new ReconcileUsageException("the source connector config of " + original + " has " + CONNECTOR_CLASS
                    + "=" + connectorClass + ", not " + SOURCE_CLASS);
        }
        List<RepairConnector> connectors = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RepairRun run = runs.get(i);
            Map<String, String> config = new LinkedHashMap<>();
            originalConfig.forEach((key, value) -> {
                boolean namedSearch = key.startsWith(SEARCH_PREFIX) && !key.equals(FILTER);
                if (!namedSearch && !key.equals(SEARCHES) && !key.startsWith("splunk.backfill.")) {
                    config.put(key, value);
                }
            });
            config.put(INDEXES, String.join(",", run.indexes()));
            config.put(BACKFILL_START, run.start().toString());
            config.put(BACKFILL_END, run.end().toString());
            config.put(BACKFILL_INDEX_LATEST, run.indexedBefore().toString());
            config.put(TAIL_ENABLED, "false");
            String name = original + "-repair-" + NAME_TIME.format(createdAt) + "-" + (i + 1);
            // Connect's GET .../config answers the name inside the config too, and a PUT whose config names
            // another connector than its URL is refused.
            config.put("name", name);
            connectors.add(new RepairConnector(name, config));
        }
        return connectors;
    }

    /**
     * The config as written to a file: a secret given literally (not as a config provider reference such as
     * {@code ${env:SPLUNK_TOKEN}}) is replaced by a placeholder, so no credential lands on disk. Answers the
     * settings replaced.
     */
    public static List<String> redactForFile(Map<String, String> config) {
        List<String> replaced = new ArrayList<>();
        for (String key : SECRETS) {
            String value = config.get(key);
            if (value != null && !value.isEmpty() && !isReference(value)) {
                config.put(key, "REPLACE-WITH-" + key.toUpperCase(Locale.ROOT).replace('.', '-'));
                replaced.add(key);
            }
        }
        replaced.sort(null);
        return replaced;
    }

    private static boolean isReference(String value) {
        return value.startsWith("${") && value.endsWith("}");
    }
}
