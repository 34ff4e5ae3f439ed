package io.github.splunkdeltabridge.emulator.http;

import io.github.splunkdeltabridge.emulator.data.EmulatedEvent;
import io.github.splunkdeltabridge.emulator.data.EventQuery;
import io.github.splunkdeltabridge.emulator.faults.FaultState;
import io.github.splunkdeltabridge.emulator.faults.PeerDown;
import io.github.splunkdeltabridge.emulator.search.ParsedSearch;
import io.github.splunkdeltabridge.emulator.search.SearchRun;
import io.github.splunkdeltabridge.emulator.search.SplParser;
import io.github.splunkdeltabridge.emulator.search.SplunkRequestException;
import io.github.splunkdeltabridge.emulator.search.SplunkTimeFormat;
import io.github.splunkdeltabridge.emulator.search.TimeModifier;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns the parameters of an export, job or oneshot request into a {@link SearchRun} for the calling user:
 * the SPL, the time range (in the user's time zone), the role's limits, a down search peer, and the
 * {@code _time} rendering ({@code output_time_format}, else {@code time_format}, else Splunk's ISO-8601 default,
 * documented for {@code time_format} as {@code %FT%T.%Q%:z}, in the user's zone).
 */
final class SearchRequests {

    /** A search ready to run, and the messages Splunk attaches to it (e.g. a search peer down). */
    record Prepared(SearchRun run, List<ErrorBodies.Message> messages, EventQuery requestedQuery) {}

    private final ServerContext server;
    private final FaultState faults;

    SearchRequests(ServerContext server, FaultState faults) {
        this.server = server;
        this.faults = faults;
    }

    Prepared prepare(RequestParameters params, UserAccount user, Function<Instant, String> renderTime) {
        String spl = params.get("search");
        if (spl == null || spl.isBlank()) {
            throw SplunkRequestException.badRequest("Missing search.");
        }
        ParsedSearch search = SplParser.parse(spl);
        Instant now = server.clock().instant();
        ZoneId zone = user.zoneOr(server.serverZone());
        Map<String, String> inline =
                search.generating() instanceof ParsedSearch.Tstats t ? t.timeModifiers() : Map.of();
        EventQuery requested = search.query()
                .earliest(time(params, inline, "earliest_time", "earliest", now, zone))
                .latest(time(params, inline, "latest_time", "latest", now, zone))
                .indexEarliest(time(params, inline, "index_earliest", "index_earliest", now, zone))
                .indexLatest(time(params, inline, "index_latest", "index_latest", now, zone))
                .build();
        EventQuery query = user.role().restrict(requested, now);
        Predicate<EmulatedEvent> allowed = e -> user.role().allowsIndex(e.index());
        List<ErrorBodies.Message> messages = new ArrayList<>();
        PeerDown peer = faults.peerDown();
        if (peer != null) {
            allowed = allowed.and(e -> !peer.holds(e));
            messages.add(new ErrorBodies.Message("WARN", peer.message()));
        }
        return new Prepared(
                new SearchRun(search, query, server.dataset(), now, renderTime, allowed), messages, requested);
    }

    /** The {@code _time} rendering a request asks for, in the user's zone. */
    Function<Instant, String> renderer(RequestParameters params, UserAccount user) {
        String pattern = params.get("output_time_format");
        if (pattern == null || pattern.isEmpty()) {
            pattern = params.get("time_format");
        }
        if (pattern == null || pattern.isEmpty()) {
            pattern = server.defaultTimeFormat();
        }
        SplunkTimeFormat format = SplunkTimeFormat.of(pattern);
        ZoneId zone = user.zoneOr(server.serverZone());
        return t -> format.format(t, zone);
    }

    private static Instant time(
            RequestParameters params,
            Map<String, String> inline,
            String parameter,
            String modifier,
            Instant now,
            ZoneId zone) {
        String value = inline.containsKey(modifier) ? inline.get(modifier) : params.get(parameter);
        return TimeModifier.parse(parameter, value, now, zone);
    }
}
