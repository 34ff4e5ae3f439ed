package io.github.splunkdeltabridge.reconcile.splunk;

import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The event ids of one index and hour, as the source connector derives them ({@code index:_bkt:_cd}, see the
 * client's {@code SplunkEvent#eventId()}), read with an ordinary search under the same bounds as the counts.
 *
 * <p>The search keeps only the fields an id is made of: {@code index}, {@code _bkt}, {@code _cd}, and for events
 * without those the fields of the fallback digest ({@code host}, {@code source}, {@code sourcetype}; Splunk keeps the
 * internal {@code _time} and {@code _raw} through {@code fields}).
 */
public final class SplunkHourIds {

    private final SplunkClient client;

    public SplunkHourIds(SplunkClient client) {
        this.client = client;
    }

    public static String spl(String index) {
        return "search index=" + index + " | fields index, _bkt, _cd, host, source, sourcetype";
    }

    /** Every id of {@code [from, to)} indexed before {@code indexedBefore}. */
    public Set<String> ids(String index, Instant from, Instant to, Instant indexedBefore) {
        Set<String> ids = new HashSet<>();
        try (SplunkEventStream events = client.export(ExportRequest.builder(spl(index))
                .earliest(from)
                .latest(to)
                .indexLatest(indexedBefore)
                .build())) {
            events.forEachRemaining(event -> ids.add(event.eventId()));
        }
        return ids;
    }
}
