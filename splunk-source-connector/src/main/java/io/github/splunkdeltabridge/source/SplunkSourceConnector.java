package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.schema.KafkaTimestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect source for Splunk: copies indexes (or searches) over a historical range, in time slices spread
 * over the tasks, then follows new events by index time. Offsets make it resume without loss; with Connect's
 * {@code exactly.once.source.support=enabled} each batch and its offsets commit in one transaction.
 */
public final class SplunkSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(SplunkSourceConnector.class);

    private Map<String, String> props;
    private SplunkSourceConfig config;
    private Instant backfillEnd;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new SplunkSourceConfig(props);
        List<SearchSpec> searches = SearchSpec.from(config);
        Map<String, String> searchErrors = SearchChecks.errors(config, searches);
        if (!searchErrors.isEmpty()) {
            Map.Entry<String, String> first = searchErrors.entrySet().iterator().next();
            throw new ConfigException(first.getKey() + ": " + first.getValue());
        }
        SearchChecks.logOrder(searches);
        this.backfillEnd = BackfillBoundary.resolve(config, searches, context().offsetStorageReader(), Instant.now());
        LOG.info(
                "Splunk source connector: {} searches, backfill {} .. {}, tail {}",
                searches.size(),
                config.backfillStart(),
                backfillEnd,
                config.tailEnabled() ? "on" : "off");
        if (config.kafkaTimestamp() == KafkaTimestamp.EVENT_TIME && config.backfillStart() != null) {
            LOG.warn(
                    "{}=event_time: records carry their event time, so Kafka's time retention deletes backfilled "
                            + "events older than the topics' retention.ms at its next check, read or not; the topics need "
                            + "retention.ms=-1",
                    SplunkSourceConfig.KAFKA_TIMESTAMP);
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SplunkSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        int taskCount = Math.max(1, Math.min(maxTasks, config.getInt(SplunkSourceConfig.MAX_CONCURRENT_SEARCHES)));
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < taskCount; i++) {
            configs.add(new TaskAssignment(i, taskCount, backfillEnd).addTo(props));
        }
        return configs;
    }

    @Override
    public void stop() {
        // Nothing to release: the tasks own the connections.
    }

    @Override
    public ConfigDef config() {
        return SplunkSourceConfig.CONFIG_DEF;
    }

    /**
     * Every problem at once, each on its key: single settings (those of each named search included), settings
     * that do not fit together, and, when the connection settings are sound, whether Splunk answers with these
     * credentials.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        ConfigDef definition = SplunkSourceConfig.definition(connectorConfigs);
        Map<String, ConfigValue> values = definition.validateAll(connectorConfigs);
        Map<String, List<String>> errors = SettingCombinations.errors(connectorConfigs, values);
        errors.forEach((key, keyErrors) -> keyErrors.forEach(values.get(key)::addErrorMessage));
        Map<String, String> unreachable = SplunkReachability.check(values, errors);
        unreachable.forEach((key, error) -> values.get(key).addErrorMessage(error));
        boolean sound = unreachable.isEmpty()
                && values.values().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (sound) {
            // What the searches and Splunk itself (API version, role limits, indexes) say: only about a
            // configuration that is sound on its own and reaches Splunk.
            environmentErrors(connectorConfigs)
                    .forEach((key, error) -> values.get(key).addErrorMessage(error));
        }
        return new Config(new ArrayList<>(values.values()));
    }

    /** Refuses offsets that do not follow {@link SourceOffsets}' contract, naming each bad partition. */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        AlteredOffsets.check(new SplunkSourceConfig(connectorConfig), offsets);
        return true;
    }

    /** What the searches and Splunk itself say about a configuration that is sound on its own. */
    private static Map<String, String> environmentErrors(Map<String, String> connectorConfigs) {
        SplunkSourceConfig config = new SplunkSourceConfig(connectorConfigs);
        List<SearchSpec> searches;
        try {
            searches = SearchSpec.from(config);
        } catch (ConfigException e) {
            return Map.of(SplunkSourceConfig.SEARCHES, e.getMessage());
        }
        Map<String, String> errors = new java.util.LinkedHashMap<>(SearchChecks.errors(config, searches));
        SearchChecks.logOrder(searches);
        SplunkEnvironmentCheck.errors(config, Instant.now()).forEach(errors::putIfAbsent);
        return errors;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        // Offsets are positions in deterministic Splunk results, committed with the records' transaction.
        return ExactlyOnceSupport.SUPPORTED;
    }
}
