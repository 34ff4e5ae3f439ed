package io.github.splunkdeltabridge.emulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** Turns the parameters of an export or job request into a {@link SearchRun} over the dataset. */
final class SearchRequests {

    private final Dataset dataset;
    private final Clock clock;
    private final ZoneId zone;

    SearchRequests(Dataset dataset, Clock clock, ZoneId zone) {
        this.dataset = dataset;
        this.clock = clock;
        this.zone = zone;
    }

    SearchRun parse(RequestParameters params) {
        String spl = params.get("search");
        if (spl == null || spl.isBlank()) {
            throw SplunkRequestException.badRequest("Missing search.");
        }
        ParsedSearch search = SplParser.parse(spl);
        Instant now = clock.instant();
        EventQuery query = search.query()
                .earliest(time(params, "earliest_time", now))
                .latest(time(params, "latest_time", now))
                .indexEarliest(time(params, "index_earliest", now))
                .indexLatest(time(params, "index_latest", now))
                .build();
        return new SearchRun(search, query, dataset, now, zone);
    }

    private Instant time(RequestParameters params, String name, Instant now) {
        return TimeModifier.parse(name, params.get(name), now, zone);
    }
}
