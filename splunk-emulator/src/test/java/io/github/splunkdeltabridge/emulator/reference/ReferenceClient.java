package io.github.splunkdeltabridge.emulator.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A Splunk REST client written from Splunk's REST API reference and the official SDKs' behaviour, independent of
 * this project's client: it logs in the way splunklib and the Java SDK do ({@code cookie=1}, then the
 * {@code splunkd_<port>} cookie alone), reads {@code server/info} for the version and, like the SDKs, uses the v2
 * search endpoints (results by POST) only from 9.0.2 on and v1 (results by GET) before.
 */
final class ReferenceClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP answer: status, headers, body. */
    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String cookie;
    private String authorization;
    private String version;

    ReferenceClient(URI base) {
        this.base = base;
    }

    /** splunklib {@code Context.login}: POST auth/login with cookie=1; the answer's XML holds the sessionKey. */
    ReferenceClient login(String username, String password) throws Exception {
        Response r = post("/services/auth/login", Map.of("username", username, "password", password, "cookie", "1"));
        if (r.status() != 200) {
            throw new IllegalStateException("login answered " + r.status() + ": " + r.body());
        }
        String key =
                AtomReader.child(AtomReader.parse(r.body()), "", "sessionKey").getTextContent();
        authorization = "Splunk " + key;
        String setCookie = r.header("set-cookie");
        if (setCookie != null && setCookie.startsWith("splunkd_")) {
            cookie = setCookie.substring(0, setCookie.indexOf(';'));
        }
        return this;
    }

    ReferenceClient token(String token) {
        authorization = "Bearer " + token;
        return this;
    }

    boolean hasSessionCookie() {
        return cookie != null;
    }

    /** splunklib {@code Service.info}: the content of server/info's entry. */
    Map<String, Object> serverInfo() throws Exception {
        Response r = get("/services/server/info", Map.of());
        ensure(r, 200);
        return AtomReader.feed(r.body()).entries().get(0).content();
    }

    String version() throws Exception {
        if (version == null) {
            version = String.valueOf(serverInfo().get("version"));
        }
        return version;
    }

    /** The SDKs' choice: v2 from 9.0.2 (Enterprise), v1 before. */
    boolean usesV2() throws Exception {
        String[] parts = version().split("\\.");
        int[] v = {
            Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), parts.length > 2 ? Integer.parseInt(parts[2]) : 0
        };
        return v[0] > 9 || v[0] == 9 && (v[1] > 0 || v[2] >= 2);
    }

    String jobsPath() throws Exception {
        return usesV2() ? "/services/search/v2/jobs" : "/services/search/jobs";
    }

    /** POST …/jobs without output_mode: {@code <response><sid>…</sid></response>}. */
    String createJob(String search, Map<String, String> params) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(params);
        // Like the SDKs, no output_mode: the sid comes back in XML.
        form.remove("output_mode");
        form.put("search", search);
        Response r = post(jobsPath(), form);
        ensure(r, 201);
        return AtomReader.child(AtomReader.parse(r.body()), "", "sid").getTextContent();
    }

    /** GET …/jobs/<sid>: a lone {@code <entry>}. */
    AtomReader.Entry job(String sid) throws Exception {
        Response r = get(jobsPath() + "/" + sid, Map.of());
        ensure(r, 200);
        return AtomReader.entry(r.body());
    }

    /** splunklib {@code Job.is_done}: ready (not QUEUED or PARSING) and isDone == "1". */
    AtomReader.Entry waitDone(String sid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            AtomReader.Entry entry = job(sid);
            Object state = entry.content().get("dispatchState");
            if (!"QUEUED".equals(state)
                    && !"PARSING".equals(state)
                    && "1".equals(entry.content().get("isDone"))) {
                return entry;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + sid + " not done: " + entry.content());
            }
            Thread.sleep(50);
        }
    }

    /** Job.results / events / preview: POST on v2, GET on v1, segmentation=none, as the SDKs send. */
    Response jobRows(String sid, String kind, Map<String, String> params) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(params);
        form.putIfAbsent("segmentation", "none");
        String path = jobsPath() + "/" + sid + "/" + kind;
        return usesV2() ? post(path, form) : get(path, form);
    }

    /** Job.cancel: POST …/control action=cancel. */
    Response control(String sid, String action, Map<String, String> extra) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(extra);
        form.put("action", action);
        return post(jobsPath() + "/" + sid + "/control", form);
    }

    /** Jobs.export: POST …/jobs/export with segmentation=none. */
    Response export(String search, Map<String, String> params) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(params);
        form.put("search", search);
        form.putIfAbsent("segmentation", "none");
        return post(jobsPath() + "/export", form);
    }

    /** Jobs.oneshot (Java SDK: always on v1). */
    Response oneshot(String search, Map<String, String> params) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(params);
        form.put("search", search);
        form.put("exec_mode", "oneshot");
        form.putIfAbsent("segmentation", "none");
        return post("/services/search/jobs", form);
    }

    /** JSON lines of an export, results of every non-preview line (splunklib JSONResultsReader). */
    static List<JsonNode> jsonExportResults(String body) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            if (node.has("result") && !node.path("preview").asBoolean()) {
                rows.add(node.get("result"));
            }
        }
        return rows;
    }

    static List<JsonNode> jsonExportMessages(String body) throws IOException {
        List<JsonNode> messages = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                JSON.readTree(line).path("messages").forEach(messages::add);
            }
        }
        return messages;
    }

    Response get(String path, Map<String, String> params) throws Exception {
        String query = form(params);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path + (query.isEmpty() ? "" : "?" + query)))
                .GET();
        return send(request);
    }

    Response post(String path, Map<String, String> params) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)));
        return send(request);
    }

    Response delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    private Response send(HttpRequest.Builder request) throws Exception {
        // splunklib sends only the cookie once it has one.
        if (cookie != null) {
            request.header("Cookie", cookie);
        } else if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.headers().map(), r.body());
    }

    private static String form(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((k, v) -> joined.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    static void ensure(Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + " but got " + r.status() + ": " + r.body());
        }
    }
}
