package io.github.splunkdeltabridge.localstack;

import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.SplunkAuth;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkClientConfig;
import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import io.github.splunkdeltabridge.client.SplunkException;
import io.github.splunkdeltabridge.emulator.EventQuery;
import io.github.splunkdeltabridge.emulator.GeneratedDataset;
import io.github.splunkdeltabridge.emulator.SplunkEmulator;

import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The README's first command. Today it runs the source side end to end: it starts the Splunk emulator
 * seeded with sample data (or points at a real Splunk), exports the requested window index by index
 * through the streaming client, and prints what it read. With the emulator it also checks that every
 * event of the window arrived exactly once. Kafka Connect, S3 and Delta join as those modules land.
 */
public final class LocalPipeline {

    private final LocalPipelineOptions options;
    private final PrintStream out;

    LocalPipeline(LocalPipelineOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        LocalPipelineOptions options;
        try {
            options = LocalPipelineOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.exit(new LocalPipeline(options, System.out).run());
        } catch (SplunkException e) {
            System.err.println("Reading Splunk failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the pipeline; answers the process exit code (0 when everything in the window was read once). */
    int run() {
        Instant latest = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant earliest = latest.minus(options.window());
        if (options.usesRealSplunk()) {
            SplunkAuth auth = options.splunkToken() != null
                    ? SplunkAuth.bearerToken(options.splunkToken())
                    : SplunkAuth.login(options.splunkUsername(), options.splunkPassword());
            out.println("Reading " + options.splunkUrl() + ", indexes " + options.indexes());
            ExportSummary summary = export(URI.create(options.splunkUrl()), auth, options.indexes(), earliest, latest);
            return summary.duplicates() == 0 ? 0 : 1;
        }
        return runAgainstEmulator(earliest, latest);
    }

    private int runAgainstEmulator(Instant earliest, Instant latest) {
        // The emulator's clock stands still at 'latest' so the expected count below cannot drift.
        GeneratedDataset dataset = GeneratedDataset.builder()
                .seed(options.seed())
                .start(earliest.minus(Duration.ofHours(1)))
                .end(latest.plus(Duration.ofHours(1)))
                .eventsPerMinute(options.eventsPerMinute())
                .build();
        String token = "local-pipeline-" + Long.toHexString(System.nanoTime());
        try (SplunkEmulator emulator = SplunkEmulator.builder()
                .port(0)
                .token(token)
                .dataset(dataset)
                .clock(Clock.fixed(latest, ZoneOffset.UTC))
                .build()
                .start()) {
            List<String> indexes = new ArrayList<>(new TreeSet<>(dataset.indexes()));
            out.println("Started the Splunk emulator at " + emulator.baseUri() + " with generated data (seed "
                    + options.seed() + ", indexes " + indexes + ")");
            ExportSummary summary = export(emulator.baseUri(), SplunkAuth.bearerToken(token), indexes, earliest, latest);

            long expected = countVisible(dataset, Set.copyOf(indexes), earliest, latest);
            boolean complete = summary.events() == expected && summary.duplicates() == 0;
            out.printf("%nThe emulator holds %,d events in the window: %s%n", expected,
                    complete ? "all of them were read, each exactly once." : "MISMATCH, see the counts above.");
            return complete ? 0 : 1;
        }
    }

    private ExportSummary export(URI baseUri, SplunkAuth auth, List<String> indexes, Instant earliest, Instant latest) {
        ExportSummary summary = new ExportSummary();
        List<SplunkEvent> sample = new ArrayList<>();
        long started = System.nanoTime();
        out.printf("Exporting [%s, %s) ...%n", earliest, latest);
        try (SplunkClient client = new SplunkClient(SplunkClientConfig.builder(baseUri).auth(auth).build())) {
            for (String index : indexes) {
                long before = summary.events();
                ExportRequest request = ExportRequest.builder("search index=" + index)
                        .earliest(earliest).latest(latest).build();
                try (SplunkEventStream events = client.export(request)) {
                    while (events.hasNext()) {
                        SplunkEvent event = events.next();
                        summary.add(event);
                        if (sample.size() < options.sampleEvents()) {
                            sample.add(event);
                        }
                    }
                }
                out.printf("  index=%-12s %,10d events%n", index, summary.events() - before);
            }
        }
        summary.print(out, Duration.ofNanos(System.nanoTime() - started));
        printSample(sample);
        return summary;
    }

    private void printSample(List<SplunkEvent> sample) {
        if (sample.isEmpty()) {
            return;
        }
        out.println("\nSample events (newest first):");
        for (SplunkEvent event : sample) {
            String raw = event.raw() == null ? "" : event.raw().replace('\n', ' ');
            out.printf("  %s  %s/%s  id=%s%n    %s%n", event.time(), event.index(), event.sourcetype(),
                    event.eventId(), raw.length() > 120 ? raw.substring(0, 117) + "..." : raw);
        }
    }

    private static long countVisible(GeneratedDataset dataset, Set<String> indexes, Instant earliest, Instant latest) {
        EventQuery query = EventQuery.builder().indexes(indexes).earliest(earliest).latest(latest).build();
        long count = 0;
        var events = dataset.newestFirst(query, latest);
        while (events.hasNext()) {
            events.next();
            count++;
        }
        return count;
    }
}
