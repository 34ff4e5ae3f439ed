package io.github.splunkdeltabridge.localstack;

import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.SplunkAuth;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkClientConfig;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;

/** What the tests expect in the Delta table: the event ids of a backfill range, read from an emulator with the client. */
final class EmulatorEvents {

    private EmulatorEvents() {}

    /** The backfill's contract: event time in [start, end), indexed before end. */
    static TreeSet<String> eventIds(
            URI emulator, String token, Collection<String> indexes, Instant start, Instant end) {
        TreeSet<String> ids = new TreeSet<>();
        try (SplunkClient client = new SplunkClient(SplunkClientConfig.builder(emulator)
                .auth(SplunkAuth.bearerToken(token))
                .build())) {
            for (String index : indexes) {
                ExportRequest request = ExportRequest.builder("search index=" + index)
                        .earliest(start)
                        .latest(end)
                        .indexLatest(end)
                        .build();
                try (SplunkEventStream events = client.export(request)) {
                    while (events.hasNext()) {
                        ids.add(events.next().eventId());
                    }
                }
            }
        }
        return ids;
    }

    /** SHA-256 of the sorted ids, one per line, computed here independently of the code under test. */
    static String digest(TreeSet<String> ids) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        ids.forEach(id -> digest.update((id + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }
}
