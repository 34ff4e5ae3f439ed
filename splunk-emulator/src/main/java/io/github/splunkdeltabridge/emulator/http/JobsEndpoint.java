package io.github.splunkdeltabridge.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import io.github.splunkdeltabridge.emulator.data.Wildcards;
import io.github.splunkdeltabridge.emulator.faults.FaultState;
import io.github.splunkdeltabridge.emulator.jobs.SearchJob;
import io.github.splunkdeltabridge.emulator.jobs.SearchJobs;
import io.github.splunkdeltabridge.emulator.jobs.SearchQuota;
import io.github.splunkdeltabridge.emulator.search.ParsedSearch;
import io.github.splunkdeltabridge.emulator.search.SplParser;
import io.github.splunkdeltabridge.emulator.search.SplunkRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The search jobs API (REST API Reference, "search/jobs" and "search/v2/jobs"): {@code POST …/jobs} creates a job
 * ({@code exec_mode} normal, blocking or oneshot) and answers its {@code sid}; {@code GET …/jobs} lists jobs;
 * {@code GET …/jobs/<sid>} is the job's Atom entry; {@code DELETE …/jobs/<sid>} and
 * {@code POST …/jobs/<sid>/control} cancel, finalize, pause, unpause, touch, setttl, setpriority;
 * {@code GET|POST …/jobs/<sid>/results|events|results_preview} page through rows with {@code offset},
 * {@code count} (at most limits.conf {@code maxresultrows}, 50,000 by default, per request), {@code f} and, on v1, {@code search}.
 */
final class JobsEndpoint {

    /** Default {@code max_count} of a job (REST reference, POST search/jobs). */
    static final int DEFAULT_MAX_COUNT = 10_000;

    private final ServerContext server;
    private final SearchRequests searches;
    private final SearchJobs jobs;
    private final SearchQuota quota;
    private final FaultState faults;

    JobsEndpoint(ServerContext server, SearchRequests searches, SearchJobs jobs, SearchQuota quota, FaultState faults) {
        this.server = server;
        this.searches = searches;
        this.jobs = jobs;
        this.quota = quota;
        this.faults = faults;
    }

    // --- POST …/jobs ---

    void create(HttpExchange exchange, RequestParameters params, UserAccount user, String app) throws IOException {
        String execMode = params.get("exec_mode", "normal").toLowerCase(Locale.ROOT);
        if (!execMode.equals("normal") && !execMode.equals("blocking") && !execMode.equals("oneshot")) {
            throw SplunkRequestException.badRequest(
                    "Argument \"exec_mode\" must be one of normal, blocking, oneshot, not '" + execMode + "'");
        }
        if (execMode.equals("oneshot")) {
            oneshot(exchange, params, user);
            return;
        }
        // Rows keep _time as an instant; each results request renders it as it asks.
        SearchRequests.Prepared search = searches.prepare(params, user, Instant::toString);
        long maxCount = params.intValue("max_count", DEFAULT_MAX_COUNT);
        long eventLimit = params.intValue("auto_finalize_ec", 0);
        int faultLimit = faults.takeAutoFinalizeAfterRows();
        if (faultLimit >= 0 && (eventLimit == 0 || faultLimit < eventLimit)) {
            eventLimit = Math.max(1, faultLimit);
        }
        List<SearchJob.Message> messages = new ArrayList<>();
        search.messages().forEach(m -> messages.add(new SearchJob.Message(m.type(), m.text())));
        long limit = eventLimit;
        SearchJob job = quota.startJob(
                user.name(),
                user.role(),
                () -> jobs.add(new SearchJob(
                        SearchJobs.newSid(),
                        user.name(),
                        app,
                        search.run(),
                        requestEcho(params),
                        server.clock().instant(),
                        execMode.equals("blocking") ? Duration.ZERO : server.jobRunTime(),
                        maxCount,
                        limit,
                        messages)));
        if (params.wantsJson()) {
            Responses.send(exchange, 201, true, Atom.json(g -> {
                g.writeStartObject();
                g.writeStringField("sid", job.sid());
                g.writeEndObject();
            }));
        } else {
            Responses.send(
                    exchange,
                    201,
                    false,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n  <sid>" + Atom.escape(job.sid())
                            + "</sid>\n</response>\n");
        }
    }

    /** {@code exec_mode=oneshot}: the search runs within the request and answers its results in output_mode. */
    private void oneshot(HttpExchange exchange, RequestParameters params, UserAccount user) throws IOException {
        String mode = ResultsDocument.checkedMode(params);
        SearchRequests.Prepared search = searches.prepare(params, user, searches.renderer(params, user));
        // A oneshot search runs within this request; it needs a free slot like any other search.
        quota.startJob(user.name(), user.role(), () -> search);
        Page page = page(search.run().rows(), params, Function.identity(), server.maxResultRows());
        sendPage(exchange, mode, false, page, search.messages(), !search.run().isTransforming());
    }

    // --- GET …/jobs and …/jobs/<sid> ---

    void list(HttpExchange exchange, RequestParameters params, UserAccount user, String basePath) throws IOException {
        List<SearchJob> visible = jobs.visibleTo(user.name(), user.isAdmin());
        int offset = Math.max(0, params.intValue("offset", 0));
        int count = params.intValue("count", 30);
        List<Atom.Entry> entries = new ArrayList<>();
        for (int i = offset; i < visible.size() && (count <= 0 || entries.size() < count); i++) {
            entries.add(entry(visible.get(i), basePath, user));
        }
        Atom.Feed feed = new Atom.Feed(
                "jobs",
                basePath,
                server.atomTime(server.clock().instant()),
                Map.of(),
                entries,
                visible.size(),
                count <= 0 ? visible.size() : count,
                offset);
        Responses.send(
                exchange,
                200,
                params.wantsJson(),
                params.wantsJson() ? Atom.feedJson(feed, server.origin()) : Atom.feedXml(feed, server.origin()));
    }

    void status(HttpExchange exchange, RequestParameters params, UserAccount user, String sid, String basePath)
            throws IOException {
        SearchJob job = jobs.get(sid);
        Atom.Entry entry = entry(job, basePath, user);
        if (params.wantsJson()) {
            Atom.Feed feed = new Atom.Feed("jobs", basePath, entry.updated(), Map.of(), List.of(entry), 1, 30, 0);
            Responses.send(exchange, 200, true, Atom.feedJson(feed, server.origin()));
        } else {
            Responses.send(exchange, 200, false, Atom.entryXml(entry, server.origin()));
        }
    }

    private Atom.Entry entry(SearchJob job, String basePath, UserAccount viewer) {
        String path = basePath + "/" + job.sid();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("alternate", path);
        for (String rel :
                List.of("search.log", "events", "results", "results_preview", "timeline", "summary", "control")) {
            links.put(rel, path + "/" + rel);
        }
        String published = ServerContext.millisTime(job.createdAt(), viewer.zoneOr(server.serverZone()));
        Map<String, Object> acl = new LinkedHashMap<>();
        acl.put("perms", Map.of("read", List.of(job.owner()), "write", List.of(job.owner())));
        acl.put("owner", job.owner());
        acl.put("modifiable", true);
        acl.put("sharing", "global");
        acl.put("app", job.app());
        acl.put("can_write", true);
        acl.put("ttl", Integer.toString(job.ttlSeconds()));
        return new Atom.Entry(
                job.sid(),
                job.request().getOrDefault("search", job.sid()),
                path,
                published,
                published,
                job.owner(),
                links,
                JobContent.of(job, viewer.zoneOr(server.serverZone())),
                acl);
    }

    // --- DELETE …/jobs/<sid> and POST …/jobs/<sid>/control ---

    void delete(HttpExchange exchange, RequestParameters params, String sid) throws IOException {
        jobs.delete(sid);
        Responses.send(
                exchange,
                200,
                params.wantsJson(),
                ErrorBodies.body(params.wantsJson(), "INFO", "Search job cancelled.", null));
    }

    void control(HttpExchange exchange, RequestParameters params, String sid) throws IOException {
        String action = params.get("action");
        if (action == null || action.isBlank()) {
            throw SplunkRequestException.badRequest("Argument \"action\" is required.");
        }
        SearchJob job = jobs.get(sid);
        String text;
        switch (action.toLowerCase(Locale.ROOT)) {
            case "cancel" -> {
                jobs.delete(sid);
                text = "Search job cancelled.";
            }
            case "pause" -> {
                job.pause();
                text = "Search job paused.";
            }
            case "unpause" -> {
                job.unpause();
                text = "Search job unpaused.";
            }
            case "finalize" -> {
                job.finalizeNow();
                text = "Search job finalized.";
            }
            case "touch" -> {
                job.touch();
                text = "Search job touched.";
            }
            case "setttl" -> {
                int ttl = params.intValue("ttl", -1);
                if (ttl < 0) {
                    throw SplunkRequestException.badRequest("Argument \"ttl\" is required for action setttl.");
                }
                job.setTtl(ttl);
                text = "Search job ttl set to " + ttl + ".";
            }
            case "setpriority" -> {
                int priority = params.intValue("priority", -1);
                if (priority < 0 || priority > 10) {
                    throw SplunkRequestException.badRequest(
                            "Argument \"priority\" must be an integer from 0 to 10 for action setpriority.");
                }
                job.setPriority(priority);
                text = "Search job priority set to " + priority + ".";
            }
            case "enablepreview", "disablepreview" ->
                text = "Search job preview " + (action.equalsIgnoreCase("enablepreview") ? "enabled." : "disabled.");
            default -> throw SplunkRequestException.badRequest("Unknown action: '" + action + "'.");
        }
        Responses.send(exchange, 200, params.wantsJson(), ErrorBodies.body(params.wantsJson(), "INFO", text, null));
    }

    // --- …/jobs/<sid>/results|events|results_preview ---

    void rows(HttpExchange exchange, RequestParameters params, UserAccount user, String sid, String kind, boolean v2)
            throws IOException {
        String mode = ResultsDocument.checkedMode(params);
        SearchJob job = jobs.get(sid);
        if (v2 && params.has("search")) {
            // The v2 results endpoints take no post-process search (the Splunk SDKs fall back to v1 for one).
            throw SplunkRequestException.badRequest("Argument \"search\" is not supported by this handler.");
        }
        Iterator<Map<String, Object>> rows;
        boolean preview;
        boolean sorted;
        switch (kind) {
            case "events" -> {
                rows = job.eventRows();
                preview = !job.isDone();
                sorted = true;
            }
            case "results_preview" -> {
                rows = job.previewRows();
                preview = !job.isDone();
                sorted = !job.run().isTransforming();
            }
            default -> {
                if (!job.isDone()) {
                    // Splunk answers 204 No Content while a job has no final results to give.
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                    return;
                }
                rows = job.resultRows();
                preview = false;
                sorted = !job.run().isTransforming();
            }
        }
        Function<Instant, String> render = searches.renderer(params, user);
        Function<Map<String, Object>, Map<String, Object>> renderTime = row -> {
            Object time = row.get("_time");
            if (!(time instanceof String s) || s.isEmpty()) {
                return row;
            }
            Map<String, Object> copy = new LinkedHashMap<>(row);
            copy.put("_time", render.apply(Instant.parse(s)));
            return copy;
        };
        String postProcess = params.get("search");
        if (postProcess != null && !postProcess.isBlank()) {
            rows = postProcess(rows, postProcess);
        }
        Page page = page(rows, params, renderTime, server.maxResultRows());
        List<ErrorBodies.Message> messages = new ArrayList<>();
        job.messages().forEach(m -> messages.add(new ErrorBodies.Message(m.type(), m.text())));
        sendPage(exchange, mode, preview, page, messages, sorted);
    }

    private record Page(List<Map<String, Object>> rows, int offset, List<String> fieldFilter) {}

    /**
     * The requested slice: {@code offset} (negative counts from the end), {@code count} (default 100; 0 means all,
     * up to {@code maxresultrows}), the {@code f} / {@code field_list} fields.
     */
    private static Page page(
            Iterator<Map<String, Object>> rows,
            RequestParameters params,
            Function<Map<String, Object>, Map<String, Object>> render,
            int maxResultRows) {
        int offset = params.intValue("offset", 0);
        int count = params.intValue("count", 100);
        if (count < 0) {
            throw SplunkRequestException.badRequest("Argument \"count\" must not be negative.");
        }
        int max = count == 0 ? maxResultRows : Math.min(count, maxResultRows);
        List<Map<String, Object>> page = new ArrayList<>();
        if (offset < 0) {
            List<Map<String, Object>> all = new ArrayList<>();
            rows.forEachRemaining(all::add);
            int from = Math.max(0, all.size() + offset);
            for (int i = from; i < all.size() && page.size() < max; i++) {
                page.add(render.apply(all.get(i)));
            }
            offset = from;
        } else {
            for (int skipped = 0; skipped < offset && rows.hasNext(); skipped++) {
                rows.next();
            }
            while (page.size() < max && rows.hasNext()) {
                page.add(render.apply(rows.next()));
            }
        }
        List<String> fields = new ArrayList<>(params.all("f"));
        String fieldList = params.get("field_list");
        if (fields.isEmpty() && fieldList != null) {
            for (String name : fieldList.split(",")) {
                if (!name.isBlank()) {
                    fields.add(name.trim());
                }
            }
        }
        return new Page(page, offset, fields);
    }

    private static void sendPage(
            HttpExchange exchange,
            String mode,
            boolean preview,
            Page page,
            List<ErrorBodies.Message> messages,
            boolean sortedFields)
            throws IOException {
        List<Map<String, Object>> rows = page.rows();
        if (!page.fieldFilter().isEmpty()) {
            List<Pattern> wanted =
                    page.fieldFilter().stream().map(Wildcards::toRegex).toList();
            List<Map<String, Object>> filtered = new ArrayList<>(rows.size());
            for (Map<String, Object> row : rows) {
                Map<String, Object> kept = new LinkedHashMap<>();
                row.forEach((k, v) -> {
                    if (wanted.stream().anyMatch(p -> p.matcher(k).matches())) {
                        kept.put(k, v);
                    }
                });
                filtered.add(kept);
            }
            rows = filtered;
        }
        List<String> fields = ResultsDocument.fieldOrder(rows, sortedFields);
        String body = ResultsDocument.render(mode, preview, page.offset(), fields, rows, messages);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", ResultsDocument.contentType(mode));
        exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /**
     * A post-process {@code search} on results (v1): {@code field=value} terms (wildcards), bare terms matched in
     * {@code _raw}, then {@code | fields} and {@code | head} as in a search.
     */
    private static Iterator<Map<String, Object>> postProcess(Iterator<Map<String, Object>> rows, String spl) {
        String text = spl.trim();
        if (!text.startsWith("|") && !text.toLowerCase(Locale.ROOT).startsWith("search")) {
            text = "search " + text;
        }
        ParsedSearch filter = SplParser.parse(text);
        if (filter.isTransforming()) {
            throw SplunkRequestException.badRequest(
                    "Error in 'search' command: the Splunk emulator post-processes results only with search terms,"
                            + " fields and head.");
        }
        List<Map<String, Object>> kept = new ArrayList<>();
        int head = filter.head() == null ? Integer.MAX_VALUE : filter.head();
        while (rows.hasNext() && kept.size() < head) {
            Map<String, Object> row = rows.next();
            if (matches(row, filter)) {
                kept.add(selectFields(row, filter));
            }
        }
        return kept.iterator();
    }

    private static boolean matches(Map<String, Object> row, ParsedSearch filter) {
        for (String index : filter.indexes()) {
            if (!Wildcards.toRegex(index)
                    .matcher(String.valueOf(row.get("index")))
                    .matches()) {
                return false;
            }
        }
        for (Map.Entry<String, String> term : filter.fieldMatches().entrySet()) {
            Object value = row.get(term.getKey());
            Pattern p = Wildcards.toRegex(term.getValue());
            boolean any = value instanceof List<?> l
                    ? l.stream().anyMatch(v -> p.matcher(String.valueOf(v)).matches())
                    : value != null && p.matcher(value.toString()).matches();
            if (!any) {
                return false;
            }
        }
        String raw = String.valueOf(row.getOrDefault("_raw", "")).toLowerCase(Locale.ROOT);
        return filter.rawTerms().stream().allMatch(t -> raw.contains(t.toLowerCase(Locale.ROOT)));
    }

    private static Map<String, Object> selectFields(Map<String, Object> row, ParsedSearch filter) {
        if (filter.fieldsKept() == null && filter.fieldsRemoved().isEmpty()) {
            return row;
        }
        Map<String, Object> selected = new LinkedHashMap<>();
        row.forEach((name, value) -> {
            boolean kept = filter.fieldsKept() == null
                    || name.startsWith("_")
                    || filter.fieldsKept().stream()
                            .anyMatch(p -> Wildcards.toRegex(p).matcher(name).matches());
            boolean removed = filter.fieldsRemoved().stream()
                    .anyMatch(p -> Wildcards.toRegex(p).matcher(name).matches());
            if (kept && !removed) {
                selected.put(name, value);
            }
        });
        return selected;
    }

    /** The request parameters a job echoes in its {@code request} key (not credentials). */
    private static Map<String, String> requestEcho(RequestParameters params) {
        Map<String, String> echo = new LinkedHashMap<>();
        params.firstValues().forEach((k, v) -> {
            if (!k.equals("password") && !k.equals("username")) {
                echo.put(k, v);
            }
        });
        return echo;
    }
}
