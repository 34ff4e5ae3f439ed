package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.IndexSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One search the connector runs, over slices of the backfill and then in the tail: its stable name (part of
 * every source partition, so renaming a search restarts it), its SPL and the topic its events go to.
 */
public record SearchSpec(String name, String spl, String topic) {

    public SearchSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spl, "spl");
        Objects.requireNonNull(topic, "topic");
    }

    /** Whether the search returns its rows newest first, read from its SPL. */
    SearchOrder order() {
        return SearchOrder.of(spl);
    }

    /** The searches a configuration asks for: one per index, then the named full searches. */
    static List<SearchSpec> from(SplunkSourceConfig config) {
        List<SearchSpec> searches = new ArrayList<>();
        String template = config.getString(SplunkSourceConfig.TOPIC_TEMPLATE);
        String filter = config.getString(SplunkSourceConfig.FILTER);
        List<String> fields = config.getList(SplunkSourceConfig.FIELDS);
        for (String index : config.getList(SplunkSourceConfig.INDEXES)) {
            String spl = IndexSearch.spl(index, filter, fields);
            String topic = template.replace("${index}", index).replace("${search}", index);
            searches.add(new SearchSpec(index, spl, topic));
        }
        for (String name : config.getList(SplunkSourceConfig.SEARCHES)) {
            // Defined for every listed name and required (NamedSearchConfig), so validation has caught a missing one.
            String spl = config.getString(NamedSearchConfig.key(name, NamedSearchConfig.SPL));
            String topic = config.getString(NamedSearchConfig.key(name, NamedSearchConfig.TOPIC));
            if (topic == null) {
                topic = template.replace("${search}", name).replace("${index}", name);
            }
            searches.add(new SearchSpec(name, spl.trim(), topic));
        }
        return searches;
    }
}
