package io.github.splunkdeltabridge.emulator.http;

import io.github.splunkdeltabridge.emulator.data.Dataset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * What the endpoints share about the emulated server: its version, name, time zone, clock, data and how
 * jobs and renderings behave by default.
 *
 * @param clock              the data's "now": relative times resolve against it
 * @param baseUri            where the server listens, e.g. {@code https://127.0.0.1:8089}
 * @param jobRunTime         how long a normal job takes from QUEUED to DONE
 * @param defaultTimeFormat  strftime rendering of {@code _time} when a request names none
 * @param instanceType       {@code server/info}'s {@code instance_type}
 * @param maxResultRows      limits.conf {@code [searchresults] maxresultrows}: most rows one results request returns
 */
public record ServerContext(
        SplunkVersion version,
        String serverName,
        ZoneId serverZone,
        Clock clock,
        Dataset dataset,
        Supplier<String> baseUri,
        Duration jobRunTime,
        String defaultTimeFormat,
        String instanceType,
        int maxResultRows,
        Instant startedAt) {

    private static final DateTimeFormatter ATOM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter ATOM_TIME_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

    Atom.Origin origin() {
        return new Atom.Origin(baseUri.get(), version.build(), version.text());
    }

    /** {@code updated} of a feed, as Splunk writes it ({@code 2011-07-01T16:53:53-07:00}). */
    String atomTime(Instant t) {
        return ATOM_TIME.format(t.atZone(serverZone));
    }

    /** Job times ({@code published}, {@code earliestTime}) with milliseconds, in the user's zone. */
    static String millisTime(Instant t, ZoneId zone) {
        return ATOM_TIME_MILLIS.format(t.atZone(zone == null ? ZoneOffset.UTC : zone));
    }
}
