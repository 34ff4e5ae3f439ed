package io.github.splunkdeltabridge.sink;

import io.github.splunkdeltabridge.sink.storage.BucketCheck;
import io.github.splunkdeltabridge.sink.storage.S3Clients;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lands Kafka topics in S3 as Parquet or Avro objects in the layout of Confluent's kafka-connect-s3. Each task
 * writes the topic partitions Connect assigns it, so every task gets the same settings.
 */
public final class S3SinkConnector extends SinkConnector {

    private static final Logger LOG = LoggerFactory.getLogger(S3SinkConnector.class);

    private Map<String, String> settings;

    @Override
    public void start(Map<String, String> props) {
        new S3SinkConfig(props);
        ConfluentKeys.warnings(props).forEach(LOG::warn);
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

    /**
     * Adds the errors that involve several settings (and unsupported Confluent settings) to the key they blame, so the
     * REST validate endpoint shows them; then checks the bucket with the configured credentials (HEAD bucket).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        if (result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return result;
        }
        S3SinkConfig config;
        try {
            config = new S3SinkConfig(connectorConfigs);
        } catch (InvalidSettingException e) {
            addError(result, e.setting(), e.getMessage());
            return result;
        }
        ConfluentKeys.warnings(connectorConfigs).forEach(LOG::warn);
        try (S3Client s3 = S3Clients.createForCheck(config)) {
            BucketCheck.Result bucket = BucketCheck.check(s3, config.bucket());
            if (!bucket.ok()) {
                LOG.debug("Bucket check failed", bucket.cause());
                addError(result, S3SinkConfig.BUCKET, bucket.message());
            }
        } catch (InvalidSettingException e) {
            addError(result, e.setting(), e.getMessage());
        }
        return result;
    }

    /** Adds an error to the setting's entry, creating one for a setting outside this sink's ConfigDef. */
    private static void addError(Config result, String setting, String message) {
        ConfigValue value = result.configValues().stream()
                .filter(v -> v.name().equals(setting))
                .findFirst()
                .orElseGet(() -> {
                    ConfigValue added = new ConfigValue(setting);
                    result.configValues().add(added);
                    return added;
                });
        value.addErrorMessage(message);
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
