package io.github.splunkdeltabridge.client;

import java.io.IOException;
import java.io.InputStream;

/**
 * Benchmark access to the client's package-private export parser ({@link ExportStreamParser}), so it can be timed on
 * bytes held in memory, without HTTP. Lives in the benchmarks module only; the client's API is unchanged.
 */
public final class ParserProbe {

    private ParserProbe() {
    }

    /**
     * Parses a whole export body as the client does and answers the number of final events; {@code checksum[0]}
     * receives a sum over the events' ids, so the work cannot be optimised away and runs can be compared.
     */
    public static long parse(InputStream body, long[] checksum) throws IOException {
        long events = 0;
        long sum = 0;
        try (ExportStreamParser parser = new ExportStreamParser(body)) {
            for (SplunkEvent event = parser.next(); event != null; event = parser.next()) {
                events++;
                sum += event.eventId().hashCode() + event.fields().size();
            }
        }
        checksum[0] = sum;
        return events;
    }
}
