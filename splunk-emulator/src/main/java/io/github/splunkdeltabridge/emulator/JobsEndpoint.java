package io.github.splunkdeltabridge.emulator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The search jobs API: {@code POST …/jobs} creates a job and answers its {@code sid}; {@code GET …/jobs/<sid>}
 * reports its state; {@code GET …/jobs/<sid>/results|events} pages through results with {@code offset} and
 * {@code count}; {@code DELETE …/jobs/<sid>} cancels it.
 */
final class JobsEndpoint {

    /** Splunk's default {@code maxresultrows}: the most rows one results request returns. */
    static final int MAX_RESULT_ROWS = 50_000;

    private static final JsonFactory JSON = new JsonFactory();

    private final SearchRequests searches;
    private final SearchJobs jobs;
    private final SearchQuota quota;

    JobsEndpoint(SearchRequests searches, SearchJobs jobs, SearchQuota quota) {
        this.searches = searches;
        this.jobs = jobs;
        this.quota = quota;
    }

    void create(HttpExchange exchange, RequestParameters params) throws IOException {
        SearchRun run = searches.parse(params);
        String execMode = params.get("exec_mode", "normal");
        if (!execMode.equals("normal") && !execMode.equals("blocking") && !execMode.equals("oneshot")) {
            throw SplunkRequestException.badRequest(
                    "Argument \"exec_mode\" must be one of normal, blocking, oneshot, not '" + execMode + "'");
        }
        if (execMode.equals("oneshot")) {
            // A oneshot search runs within this request; it needs a free slot like any other search.
            quota.startJob(() -> run);
            Page page = page(run.rows(), params.intValue("offset", 0), params.intValue("count", 100));
            respond(exchange, 200, params, resultsJson(page, params.intValue("offset", 0)), null);
            return;
        }
        SearchJobs.Job job = quota.startJob(() -> jobs.create(run, execMode.equals("blocking")));
        respond(
                exchange,
                201,
                params,
                json(g -> g.writeStringField("sid", job.sid)),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n  <sid>" + job.sid + "</sid>\n</response>\n");
    }

    void status(HttpExchange exchange, RequestParameters params, String sid) throws IOException {
        SearchJobs.Job job = jobs.get(sid);
        String state = job.dispatchState();
        boolean done = state.equals("DONE");
        // Counts are reported once the job is done; while it runs they stay 0 (Splunk's grow as it scans).
        long events = done ? job.eventCount() : 0;
        long count = done ? job.resultCount() : 0;
        double progress = Math.round(job.progress() * 100) / 100.0;
        String json = json(g -> {
            g.writeArrayFieldStart("entry");
            g.writeStartObject();
            g.writeStringField("name", job.sid);
            g.writeObjectFieldStart("content");
            g.writeStringField("sid", job.sid);
            g.writeStringField("dispatchState", state);
            g.writeBooleanField("isDone", done);
            g.writeBooleanField("isFailed", false);
            g.writeBooleanField("isFinalized", false);
            g.writeBooleanField("isPaused", false);
            g.writeBooleanField("isZombie", false);
            g.writeNumberField("doneProgress", progress);
            g.writeNumberField("eventCount", events);
            g.writeNumberField("scanCount", events);
            g.writeNumberField("resultCount", count);
            g.writeBooleanField("reportSearch", job.run.isTransforming());
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
        });
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<entry xmlns=\"http://www.w3.org/2005/Atom\" "
                + "xmlns:s=\"http://dev.splunk.com/ns/rest\">\n  <title>" + job.sid
                + "</title>\n  <content type=\"text/xml\">\n"
                + "    <s:dict>\n      <s:key name=\"dispatchState\">" + state + "</s:key>\n"
                + "      <s:key name=\"doneProgress\">" + progress + "</s:key>\n"
                + "      <s:key name=\"eventCount\">" + events + "</s:key>\n"
                + "      <s:key name=\"isDone\">" + (done ? 1 : 0) + "</s:key>\n"
                + "      <s:key name=\"isFailed\">0</s:key>\n"
                + "      <s:key name=\"resultCount\">" + count + "</s:key>\n"
                + "      <s:key name=\"sid\">" + job.sid + "</s:key>\n    </s:dict>\n  </content>\n</entry>\n";
        respond(exchange, 200, params, json, xml);
    }

    /** {@code …/results} pages the final rows; {@code …/events} the matched events, also of a stats search. */
    void results(HttpExchange exchange, RequestParameters params, String sid, boolean events) throws IOException {
        SearchJobs.Job job = jobs.get(sid);
        if (!job.isDone()) {
            // Splunk answers 204 No Content while a job has no results to give.
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        int offset = params.intValue("offset", 0);
        Page page = page(events ? job.run.events() : job.run.rows(), offset, params.intValue("count", 100));
        respond(exchange, 200, params, resultsJson(page, offset), null);
    }

    void cancel(HttpExchange exchange, RequestParameters params, String sid) throws IOException {
        jobs.cancel(sid);
        respond(
                exchange,
                200,
                params,
                SplunkMessages.body(true, "INFO", "Search job cancelled.", null),
                SplunkMessages.body(false, "INFO", "Search job cancelled.", null));
    }

    private record Page(List<Map<String, Object>> rows, Set<String> fieldNames) {}

    private static Page page(Iterator<Map<String, Object>> rows, int offset, int count) {
        if (offset < 0 || count < 0) {
            throw SplunkRequestException.badRequest("offset and count must not be negative");
        }
        int max = count == 0 ? MAX_RESULT_ROWS : Math.min(count, MAX_RESULT_ROWS);
        for (int skipped = 0; skipped < offset && rows.hasNext(); skipped++) {
            rows.next();
        }
        List<Map<String, Object>> page = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        while (page.size() < max && rows.hasNext()) {
            Map<String, Object> row = rows.next();
            names.addAll(row.keySet());
            page.add(row);
        }
        return new Page(page, names);
    }

    private static String resultsJson(Page page, int offset) throws IOException {
        return json(g -> {
            g.writeBooleanField("preview", false);
            g.writeNumberField("init_offset", offset);
            g.writeArrayFieldStart("messages");
            g.writeEndArray();
            g.writeArrayFieldStart("fields");
            for (String name : page.fieldNames()) {
                g.writeStartObject();
                g.writeStringField("name", name);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("results");
            for (Map<String, Object> row : page.rows()) {
                ExportStreamWriter.writeFields(g, row);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("highlighted");
            g.writeEndObject();
        });
    }

    @FunctionalInterface
    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(JsonBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** JSON when asked for; else the XML form, where the emulator has one (results are JSON only). */
    private static void respond(HttpExchange exchange, int status, RequestParameters params, String json, String xml)
            throws IOException {
        boolean asJson = params.wantsJson() || xml == null;
        if (!asJson && !params.outputMode().equals("xml")) {
            throw SplunkRequestException.badRequest(
                    "The Splunk emulator answers this endpoint in output_mode json or xml only.");
        }
        byte[] bytes = (asJson ? json : xml).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", asJson ? "application/json; charset=UTF-8" : "text/xml; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
