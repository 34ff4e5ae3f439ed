package io.github.splunkdeltabridge.docs;

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
