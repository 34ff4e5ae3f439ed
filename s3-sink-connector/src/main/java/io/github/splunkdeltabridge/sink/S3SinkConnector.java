package io.github.splunkdeltabridge.sink;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Lands Kafka topics in S3 as Parquet or Avro objects in the layout of Confluent's kafka-connect-s3. Each task
 * writes the topic partitions Connect assigns it, so every task gets the same settings.
 */
public final class S3SinkConnector extends SinkConnector {

    private Map<String, String> settings;

    @Override
    public void start(Map<String, String> props) {
        new S3SinkConfig(props);
        settings = new HashMap<>(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return S3SinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, settings);
    }

    @Override
    public void stop() {}

    /** Adds the errors that involve several settings to the key they blame, so the REST validate endpoint shows them. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        if (result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return result;
        }
        try {
            new S3SinkConfig(connectorConfigs);
        } catch (InvalidSettingException e) {
            result.configValues().stream()
                    .filter(v -> v.name().equals(e.setting()))
                    .forEach(v -> v.addErrorMessage(e.getMessage()));
        }
        return result;
    }

    @Override
    public ConfigDef config() {
        return S3SinkConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return Version.get();
    }
}
