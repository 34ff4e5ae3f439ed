package io.github.splunkdeltabridge.source;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** A topic name template: legal topic characters plus the placeholders ${index} and ${search}. */
final class TopicTemplateValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        String template = value == null ? "" : value.toString();
        String withoutPlaceholders = template.replace("${index}", "x").replace("${search}", "x");
        if (withoutPlaceholders.isEmpty() || !withoutPlaceholders.matches("[a-zA-Z0-9._-]+")) {
            throw new ConfigException(
                    name,
                    value,
                    "a topic template may hold letters, digits, '.', '_', '-' and the placeholders ${index} and ${search}");
        }
    }

    @Override
    public String toString() {
        return "topic name with ${index} / ${search}";
    }
}
