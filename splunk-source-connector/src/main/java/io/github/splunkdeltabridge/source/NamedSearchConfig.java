package io.github.splunkdeltabridge.source;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The settings of one named search, {@code splunk.search.<name>.*}: a {@link ConfigDef} per name listed in
 * {@code splunk.searches}, added to the connector's own as Connect adds {@code transforms.<alias>.*} for each
 * transform. Validation then reports a missing SPL on {@code splunk.search.<name>.spl} itself.
 */
public final class NamedSearchConfig {

    static final String PREFIX = "splunk.search.";
    public static final String SPL = "spl";
    public static final String TOPIC = "topic";

    /** Names become parts of setting names and of every source partition: keep them plain. */
    static final String NAME_PATTERN = "[A-Za-z0-9_-]+";

    private NamedSearchConfig() {}

    /** {@code splunk.search.<name>.<setting>}. */
    public static String key(String name, String setting) {
        return PREFIX + name + "." + setting;
    }

    /** The settings of the search {@code name}; {@code "<name>"} gives the generic form the docs show. */
    public static ConfigDef definition(String name) {
        return addTo(new ConfigDef(), name);
    }

    /** {@code base} plus the settings of each of {@code names}. */
    static ConfigDef withSearches(ConfigDef base, List<String> names) {
        ConfigDef def = new ConfigDef(base);
        for (String name : names) {
            if (name.matches(NAME_PATTERN) && !def.names().contains(key(name, SPL))) {
                addTo(def, name);
            }
        }
        return def;
    }

    private static ConfigDef addTo(ConfigDef def, String name) {
        String group = "Search " + name;
        int order = 0;
        def.define(
                key(name, SPL),
                Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE,
                new NotBlankValidator(),
                Importance.HIGH,
                "Full SPL of the search, e.g. 'search index=app level=ERROR' or a transforming search "
                        + "('search index=web | stats count by host'). Each backfill slice and tail window adds "
                        + "its own time bounds; rows of transforming searches carry no _raw.",
                group,
                ++order,
                Width.LONG,
                "SPL");
        def.define(
                key(name, TOPIC),
                Type.STRING,
                null,
                new TopicNameValidator(),
                Importance.MEDIUM,
                "Topic of the search's records. Default: topic.template with ${search} (and ${index}) "
                        + "replaced by the search name.",
                group,
                ++order,
                Width.MEDIUM,
                "Topic");
        return def;
    }
}
