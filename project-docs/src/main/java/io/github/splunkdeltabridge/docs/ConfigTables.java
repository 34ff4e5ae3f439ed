package io.github.splunkdeltabridge.docs;

import io.github.splunkdeltabridge.sink.ConfluentKeys;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;

/** Renders a connector's {@link ConfigDef} as Markdown tables, one per group, in the group's order. */
final class ConfigTables {

    private ConfigTables() {}

    static String table(ConfigDef def) {
        StringBuilder md = new StringBuilder();
        String group = null;
        List<ConfigDef.ConfigKey> keys = def.configKeys().values().stream()
                .sorted((a, b) -> a.group.equals(b.group)
                        ? Integer.compare(a.orderInGroup, b.orderInGroup)
                        : Integer.compare(
                                def.groups().indexOf(a.group), def.groups().indexOf(b.group)))
                .toList();
        for (ConfigDef.ConfigKey key : keys) {
            if (!key.group.equals(group)) {
                group = key.group;
                md.append("\n**").append(group).append("**\n\n");
                md.append("| Setting | Type | Default | Valid values | Description |\n");
                md.append("| --- | --- | --- | --- | --- |\n");
            }
            md.append("| `")
                    .append(key.name)
                    .append("` | ")
                    .append(key.type.name().toLowerCase(Locale.ROOT))
                    .append(" | ")
                    .append(defaultValue(key))
                    .append(" | ")
                    .append(key.validator == null ? "" : Markdown.cell(key.validator.toString()))
                    .append(" | ")
                    .append(Markdown.cell(key.documentation))
                    .append(" |\n");
        }
        return md.append('\n').toString();
    }

    /** Every setting of Confluent's S3 sink, and whether and how the S3 sink here takes it. */
    static String confluentParity(List<ConfluentKeys.Key> confluentKeys, ConfigDef sinkDef) {
        StringBuilder md =
                new StringBuilder("\n| Confluent setting | Here | Confluent default | Default here | Notes |\n");
        md.append("| --- | --- | --- | --- | --- |\n");
        for (ConfluentKeys.Key key : confluentKeys) {
            String here = switch (key.status()) {
                case SUPPORTED -> "supported";
                case NO_EFFECT -> "accepted, no effect";
                case UNSUPPORTED -> key.sameAsHere() == null ? "refused" : "refused unless `" + key.sameAsHere() + "`";
            };
            ConfigDef.ConfigKey ours = sinkDef.configKeys().get(key.name());
            md.append("| `")
                    .append(key.name())
                    .append("` | ")
                    .append(here)
                    .append(" | ")
                    .append(Markdown.cell(key.confluentDefault()))
                    .append(" | ")
                    .append(ours == null ? "" : defaultValue(ours))
                    .append(" | ")
                    .append(Markdown.cell(key.note()))
                    .append(" |\n");
        }
        return md.append('\n').toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "";
        }
        String value = key.defaultValue instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(key.defaultValue);
        return value.isEmpty() ? "" : "`" + value + "`";
    }
}
