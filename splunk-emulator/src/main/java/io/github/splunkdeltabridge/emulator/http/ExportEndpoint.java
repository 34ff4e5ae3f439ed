package io.github.splunkdeltabridge.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import io.github.splunkdeltabridge.emulator.faults.FaultState;
import io.github.splunkdeltabridge.emulator.jobs.SearchQuota;
import io.github.splunkdeltabridge.emulator.search.SplunkRequestException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET|POST …/search[/v2]/jobs/export}: runs a search and streams its results while it runs, in json,
 * xml (the default), csv or raw. An export prerendered with {@link #prerender} is replayed from a file.
 */
final class ExportEndpoint implements AutoCloseable {

    private static final Set<String> MODES = Set.of("json", "xml", "csv", "raw");

    /** Bytes copied per write when a replayed body streams out: a few chunks of the chunked encoding. */
    private static final int REPLAY_BUFFER_BYTES = 256 * 1024;

    /** A prerendered body, in a file of its own, and how many rows it holds. */
    private record Replay(Path body, long rows) {}

    private final SearchRequests searches;
    private final FaultState faults;
    private final RequestCounters counters;
    private final SearchQuota quota;
    private final Map<Map<String, String>, Replay> replays = new ConcurrentHashMap<>();
    private Path replayDirectory;

    ExportEndpoint(SearchRequests searches, FaultState faults, RequestCounters counters, SearchQuota quota) {
        this.searches = searches;
        this.faults = faults;
        this.counters = counters;
        this.quota = quota;
    }

    void handle(HttpExchange exchange, RequestParameters params, UserAccount user) throws IOException {
        String mode = mode(params);
        Replay replay = replays.get(new TreeMap<>(params.firstValues()));
        if (replay != null) {
            exchange.getResponseHeaders().set("Content-Type", ResultsDocument.contentType(mode));
            exchange.sendResponseHeaders(200, 0);
            try (InputStream file = Files.newInputStream(replay.body());
                    OutputStream body = exchange.getResponseBody()) {
                byte[] buffer = new byte[REPLAY_BUFFER_BYTES];
                for (int n = file.read(buffer); n >= 0; n = file.read(buffer)) {
                    body.write(buffer, 0, n);
                }
            }
            counters.rows(replay.rows());
            return;
        }
        SearchRequests.Prepared search = searches.prepare(params, user, searches.renderer(params, user));
        quota.startExport(user.name(), user.role());
        boolean released = false;
        try {
            FaultState.StreamFaults streamFaults = faults.takeStreamFaults();
            exchange.getResponseHeaders().set("Content-Type", ResultsDocument.contentType(mode));
            // Length 0: chunked transfer encoding, rows go out as they are produced.
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024);
            new ExportStreamWriter(body, streamFaults, counters, !search.run().isTransforming())
                    .write(mode, search.run(), search.messages());
            // The search is over once its last row is out: free its quota slot before the end of the body, so a
            // client that starts its next search on seeing the end is never refused for the one it just finished.
            body.flush();
            quota.exportFinished(user.name());
            released = true;
            body.close();
        } finally {
            if (!released) {
                quota.exportFinished(user.name());
            }
        }
    }

    /**
     * Renders the export these parameters ask for once, now, into a temporary file: later requests with exactly the
     * same parameters get these bytes without searching, so a benchmark measures its client, not the emulator. The
     * body lives on disk (the operating system's page cache keeps it warm), so its size is not bounded by the heap:
     * a 5M-event export is about 3.6 GB. {@link #close} deletes the files.
     *
     * @return the size of the body in bytes
     */
    synchronized long prerender(Map<String, String> parameters, UserAccount user) throws IOException {
        RequestParameters params = RequestParameters.of(parameters);
        String mode = mode(params);
        SearchRequests.Prepared search = searches.prepare(params, user, searches.renderer(params, user));
        if (replayDirectory == null) {
            replayDirectory = Files.createTempDirectory("splunk-emulator-replays-");
        }
        Path file = Files.createTempFile(replayDirectory, "export-", ".body");
        RequestCounters scratch = new RequestCounters();
        ExportStreamWriter writer;
        try (OutputStream body = new BufferedOutputStream(Files.newOutputStream(file), REPLAY_BUFFER_BYTES)) {
            writer = new ExportStreamWriter(
                    body, FaultState.StreamFaults.NONE, scratch, !search.run().isTransforming());
            writer.write(mode, search.run(), search.messages());
        } catch (IOException | RuntimeException e) {
            // A half-written body is never replayed, and close() can then remove the directory.
            Files.deleteIfExists(file);
            throw e;
        }
        Replay previous = replays.put(new TreeMap<>(params.firstValues()), new Replay(file, writer.rowsWritten()));
        if (previous != null) {
            Files.deleteIfExists(previous.body());
        }
        return Files.size(file);
    }

    /** Deletes the prerendered bodies; a replay still streaming may fail. */
    @Override
    public synchronized void close() throws IOException {
        for (Replay replay : replays.values()) {
            Files.deleteIfExists(replay.body());
        }
        replays.clear();
        if (replayDirectory != null) {
            Files.deleteIfExists(replayDirectory);
            replayDirectory = null;
        }
    }

    private static String mode(RequestParameters params) {
        String mode = params.outputMode();
        if (!MODES.contains(mode)) {
            throw SplunkRequestException.badRequest("Invalid output_mode: '" + params.get("output_mode") + "'");
        }
        return mode;
    }
}
