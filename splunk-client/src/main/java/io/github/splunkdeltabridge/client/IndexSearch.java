package io.github.splunkdeltabridge.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The SPL that copies one index: {@code search index=<name> [filter] [| fields ...]}. The source connector and the
 * Spark reader build their index searches here, so both read the same events from the same settings.
 */
public final class IndexSearch {

    /** Fields the event record's typed columns are read from; kept whatever a field list names. */
    private static final List<String> RECORD_FIELDS = List.of("index", "host", "source", "sourcetype", "splunk_server");

    private IndexSearch() {}

    /**
     * @param index the index name (quoted when it holds anything but letters, digits, {@code _}, {@code -}, {@code *})
     * @param filter extra search terms, or blank for none
     * @param fields when not empty, only these fields (and Splunk's internal ones) are returned
     */
    public static String spl(String index, String filter, List<String> fields) {
        if (index == null || index.isBlank()) {
            throw new IllegalArgumentException("index must not be blank");
        }
        StringBuilder spl = new StringBuilder("search index=").append(quoteIfNeeded(index.trim()));
        String terms = filter == null ? "" : filter.trim();
        if (!terms.isEmpty()) {
            spl.append(' ').append(terms);
        }
        if (!fields.isEmpty()) {
            List<String> kept = new ArrayList<>(RECORD_FIELDS);
            fields.stream().filter(f -> !kept.contains(f)).forEach(kept::add);
            spl.append(" | fields ").append(String.join(", ", kept));
        }
        return spl.toString();
    }

    private static String quoteIfNeeded(String value) {
        return value.matches("[A-Za-z0-9_*-]+") ? value : '"' + value.replace("\"", "\\\"") + '"';
    }
}
