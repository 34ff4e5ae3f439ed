package io.github.splunkdeltabridge.source;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** A Kafka topic name, or nothing (then the topic template applies). */
final class TopicNameValidator implements ConfigDef.Validator {

    /** Kafka's own limits (org.apache.kafka.common.internals.Topic): legal characters and 249 at most. */
    private static final int MAX_LENGTH = 249;

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            return;
        }
        String topic = value.toString();
        if (topic.isEmpty()
                || topic.length() > MAX_LENGTH
                || topic.equals(".")
                || topic.equals("..")
                || !topic.matches("[a-zA-Z0-9._-]+")) {
            throw new ConfigException(
                    name, value, "a topic name holds 1 to 249 letters, digits, '.', '_' and '-' (and is not . or ..)");
        }
    }

    @Override
    public String toString() {
        return "topic name";
    }
}
