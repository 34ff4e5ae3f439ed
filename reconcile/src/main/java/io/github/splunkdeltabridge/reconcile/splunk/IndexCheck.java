package io.github.splunkdeltabridge.reconcile.splunk;

import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import io.github.splunkdeltabridge.reconcile.ReconcileUsageException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fails early on an index Splunk does not have (or the user may not search): tstats would count it as empty, and
 * every hour of a typo'd index would "match" an empty table.
 *
 * <p>Asks {@code | eventcount summarize=false index=a index=b}, which answers a row per index and search peer
 * (Splunk's eventcount reference) from the indexers themselves, so it also works on a search head that does not
 * define the indexes, and it counts only indexes the role may search. An index without a row, or without a single
 * event on any peer, stops the reconcile: a name that matches nothing and an empty index look alike here, and an
 * empty index has nothing to prove.
 */
public final class IndexCheck {

    private final SplunkClient client;

    public IndexCheck(SplunkClient client) {
        this.client = client;
    }

    public void requireSearchable(List<String> indexes) {
        StringBuilder spl = new StringBuilder("| eventcount summarize=false");
        indexes.forEach(index -> spl.append(" index=").append(index));
        Set<String> found = new TreeSet<>();
        try (SplunkEventStream rows = client.export(
                ExportRequest.builder(spl.toString()).timeOrdered(false).build())) {
            rows.forEachRemaining(row -> {
                if (row.index() != null && !"0".equals(row.field("count"))) {
                    found.add(row.index());
                }
            });
        }
        List<String> missing =
                indexes.stream().filter(index -> !found.contains(index)).toList();
        if (!missing.isEmpty()) {
            throw new ReconcileUsageException("--index " + String.join(", ", missing) + ": Splunk has no such index,"
                    + " or no event in it, or the Splunk user may not search it (its role's srchIndexesAllowed)");
        }
    }
}
