package io.github.splunkdeltabridge.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** {@code GET|POST …/search[/v2]/jobs/export}: runs a search and streams its results while it runs. */
final class ExportEndpoint {

    private final SearchRequests searches;
    private final FaultInjector faults;
    private final EmulatorStats stats;
    private final SearchQuota quota;

    ExportEndpoint(SearchRequests searches, FaultInjector faults, EmulatorStats stats, SearchQuota quota) {
        this.searches = searches;
        this.faults = faults;
        this.stats = stats;
        this.quota = quota;
    }

    void handle(HttpExchange exchange, RequestParameters params) throws IOException {
        SearchRun run = searches.parse(params);
        String mode = params.get("output_mode", "xml");
        if (!mode.equals("json") && !mode.equals("xml") && !mode.equals("csv") && !mode.equals("raw")) {
            throw SplunkRequestException.badRequest("Invalid output_mode: '" + mode + "'");
        }
        quota.startExport();
        boolean released = false;
        try {
            FaultInjector.StreamFaults streamFaults = faults.takeStreamFaults();
            exchange.getResponseHeaders().set("Content-Type", contentType(mode));
            // Length 0: chunked transfer encoding, rows go out as they are produced.
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024);
            ExportStreamWriter writer = new ExportStreamWriter(body, streamFaults, stats);
            switch (mode) {
                case "json" -> writer.writeJson(run);
                case "csv" -> writer.writeCsv(run);
                case "raw" -> writer.writeRaw(run);
                default -> writer.writeXml(run);
            }
            // The search is over once its last row is out: free its quota slot before the end of the body, so a
            // client that starts its next search on seeing the end is never refused for the one it just finished.
            body.flush();
            quota.exportFinished();
            released = true;
            body.close();
        } finally {
            if (!released) {
                quota.exportFinished();
            }
        }
    }

    private static String contentType(String mode) {
        return switch (mode) {
            case "json" -> "application/json; charset=UTF-8";
            case "csv" -> "text/csv; charset=UTF-8";
            case "raw" -> "text/plain; charset=UTF-8";
            default -> "text/xml; charset=UTF-8";
        };
    }
}
