package io.github.splunkdeltabridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.splunkdeltabridge.cli.HelpOption;
import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.ExportStreamParser;
import io.github.splunkdeltabridge.client.SearchApiVersion;
import io.github.splunkdeltabridge.client.SplunkAuth;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkClientConfig;
import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Client parse: the client's streaming export parser against Jackson reading the same bytes into a tree.
 *
 * <p>The bytes are one export of the emulator (the three generated indexes mixed), fetched once before timing and
 * kept in memory. Variants, all on those same bytes:
 * <ul>
 *   <li>baseline: Jackson's {@code ObjectMapper} reads each line into a {@code JsonNode} tree and the benchmark
 *       counts the final results: the least work any JSON reader must do;</li>
 *   <li>the client's parser ({@code ExportStreamParser}) from a byte-array stream: line splitting, parsing into the
 *       client's {@code SplunkEvent} (fields, multivalues, {@code _time} and {@code _indextime} parsed, event id);</li>
 *   <li>{@code SplunkClient.export} over loopback HTTP from a server that replays the bytes: the parser plus
 *       the HTTP client, chunked transfer and the resuming stream, as a connector task reads.</li>
 * </ul>
 */
@Command(
        name = "benchmarks/run client-parse",
        sortOptions = false,
        showDefaultValues = true,
        description = "The client's streaming export parser against Jackson reading the same bytes into a tree.")
public final class ClientParseBenchmark implements Callable<Integer> {

    private static volatile long blackhole;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--events",
            paramLabel = "N",
            defaultValue = "1m",
            description = "Events in the export (approximately: the generator's slots decide).")
    private long eventCount;

    @Option(
            names = "--events-per-minute",
            paramLabel = "N",
            defaultValue = "600",
            description = "Density of the generated data, per index.")
    private int eventsPerMinute;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "2", description = "Warm-up rounds, not counted.")
    private int warmups;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Measured rounds.")
    private int rounds;

    @Option(
            names = "--http",
            arity = "1",
            paramLabel = "true|false",
            defaultValue = "true",
            showDefaultValue = Visibility.ALWAYS,
            description = "Also time SplunkClient over loopback HTTP on the same bytes.")
    private boolean http;

    @Mixin
    private HelpOption help;

    public static void main(String[] args) {
        BenchmarkCommandLine.run(new ClientParseBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        Machine.printHeader("Client parse benchmark", spec);

        EmulatorData data = new EmulatorData(eventCount, eventsPerMinute);
        byte[] body;
        try (SplunkEmulator emulator = SplunkEmulator.builder()
                .token(EmulatorData.TOKEN)
                .dataset(data.dataset())
                .build()
                .start()) {
            long t0 = System.nanoTime();
            body = EmulatorData.exportBody(emulator.baseUri(), data.start(), data.end());
            System.out.printf(
                    Locale.ROOT,
                    "  export fetched from the emulator: %,d bytes in %.1f s%n",
                    body.length,
                    (System.nanoTime() - t0) / 1e9);
        }
        long[] checksum = new long[1];
        long events = parse(new ByteArrayInputStream(body), checksum);
        long jacksonEvents = jacksonCount(body);
        if (events != jacksonEvents) {
            throw new IllegalStateException("The parser found " + events + " events, Jackson " + jacksonEvents);
        }
        System.out.printf(
                Locale.ROOT,
                "  %,d events, %,d bytes (%.0f bytes/event)%n",
                events,
                body.length,
                (double) body.length / events);

        ObjectMapper mapper = new ObjectMapper();
        Comparison comparison = new Comparison(
                String.format(
                        Locale.ROOT,
                        "Client parse: %,d mixed events, %.1f MB, %d rounds after %d warm-up",
                        events,
                        body.length / 1e6,
                        rounds,
                        warmups),
                "events");
        comparison.variant("baseline: Jackson readTree per line", () -> {
            long t = System.nanoTime();
            long n = jacksonCount(mapper, body);
            return sample(n, events, body.length, System.nanoTime() - t);
        });
        comparison.variant("client ExportStreamParser, in memory", () -> {
            long t = System.nanoTime();
            long n = parse(new ByteArrayInputStream(body), checksum);
            blackhole += checksum[0];
            return sample(n, events, body.length, System.nanoTime() - t);
        });
        HttpServer replay = null;
        ExecutorService replayThreads = null;
        if (http) {
            replayThreads = Executors.newCachedThreadPool();
            replay = replayServer(body, replayThreads);
            URI uri = URI.create("http://127.0.0.1:" + replay.getAddress().getPort());
            // The replay server answers exports only: the search API version is given, not asked of server/info.
            SplunkClient client = new SplunkClient(SplunkClientConfig.builder(uri)
                    .auth(SplunkAuth.bearerToken(EmulatorData.TOKEN))
                    .searchApi(SearchApiVersion.V2)
                    .build());
            comparison.variant("SplunkClient.export, loopback HTTP replay", () -> {
                long t = System.nanoTime();
                long n = 0;
                long sum = 0;
                try (SplunkEventStream stream = client.export(ExportRequest.builder(EmulatorData.SEARCH)
                        .earliest(data.start())
                        .latest(data.end())
                        .build())) {
                    while (stream.hasNext()) {
                        SplunkEvent event = stream.next();
                        n++;
                        sum += event.eventId().hashCode() + event.fields().size();
                    }
                }
                blackhole += sum;
                return sample(n, events, body.length, System.nanoTime() - t);
            });
        }
        try {
            comparison.run(warmups, rounds);
        } finally {
            if (replay != null) {
                replay.stop(0);
                replayThreads.shutdownNow();
            }
        }
        comparison.printSummary();
        System.out.printf(
                Locale.ROOT,
                "RESULT client-parse events=%d bytes=%d parser_events_per_s=%.0f parser_mb_per_s=%.1f"
                        + " jackson_events_per_s=%.0f ratio=%.3f cpu_ratio=%.3f%n",
                events,
                body.length,
                comparison.medianRate("client ExportStreamParser, in memory"),
                comparison.medianMegabytesPerSecond("client ExportStreamParser, in memory"),
                comparison.medianRate(comparison.baseline()),
                comparison.ratio("client ExportStreamParser, in memory"),
                comparison.cpuRatio("client ExportStreamParser, in memory"));
        Machine.printFooter();
        return 0;
    }

    private static Comparison.Sample sample(long counted, long expected, long bytes, long nanos) {
        if (counted != expected) {
            throw new IllegalStateException("Read " + counted + " events, expected " + expected);
        }
        return new Comparison.Sample(counted, bytes, nanos);
    }

    private static long jacksonCount(byte[] body) throws IOException {
        return jacksonCount(new ObjectMapper(), body);
    }

    /** Final results in the body, each line read into a tree; the rows' fields are touched so the tree is used. */
    private static long jacksonCount(ObjectMapper mapper, byte[] body) throws IOException {
        long n = 0;
        long sum = 0;
        try (MappingIterator<JsonNode> lines = mapper.readerFor(JsonNode.class).readValues(body)) {
            while (lines.hasNext()) {
                JsonNode line = lines.next();
                JsonNode result = line.get("result");
                if (result != null && !line.path("preview").asBoolean(false)) {
                    n++;
                    sum += result.size();
                }
            }
        }
        blackhole += sum;
        return n;
    }

    /** Answers every request with the recorded export body, chunked, as Splunk streams it. */
    private static HttpServer replayServer(byte[] body, ExecutorService threads) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int off = 0; off < body.length; off += 64 * 1024) {
                    out.write(body, off, Math.min(64 * 1024, body.length - off));
                }
            }
        });
        server.setExecutor(threads);
        server.start();
        return server;
    }

    /**
     * Parses a whole export body as the client does and answers the number of final events; {@code checksum[0]}
     * receives a sum over the events' ids, so the work cannot be optimised away and runs can be compared.
     */
    private static long parse(InputStream body, long[] checksum) throws IOException {
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
