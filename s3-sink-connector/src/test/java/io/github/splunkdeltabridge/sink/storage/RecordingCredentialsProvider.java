package io.github.splunkdeltabridge.sink.storage;

import java.util.Map;
import org.apache.kafka.common.Configurable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** A user's provider class as Confluent's sink loads them: static create(), configured when Configurable. */
public final class RecordingCredentialsProvider implements AwsCredentialsProvider, Configurable {

    Map<String, Object> configured;

    public static RecordingCredentialsProvider create() {
        return new RecordingCredentialsProvider();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        configured = new java.util.HashMap<>(configs);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return AwsBasicCredentials.create("from-" + configured.get("custom.user"), "custom-secret");
    }
}
