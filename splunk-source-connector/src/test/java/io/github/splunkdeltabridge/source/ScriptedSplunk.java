package io.github.splunkdeltabridge.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splunk's REST answers over real HTTP (a JDK HttpServer), scripted per test: server/info, the user's context and
 * roles, data/indexes, and exports of a small set of events that honour the time bounds and come newest first, with
 * the faults a test asks for. The shapes are those of Splunk's REST API reference and the Splunk SDKs' test data; it
 * stands in for the emulator where a test needs bodies the emulator does not produce.
 */
final class ScriptedSplunk implements AutoCloseable {

    record Event(String index, String cd, Instant time, String server, String raw) {
        /** The id the client derives: index, _bkt and _cd. */
        String id() {
            return index + ":" + index + "~1~GUID:" + cd;
        }
    }

    /** What the next exports answer instead of (or before) their rows. */
    private record Fault(
            int status,
            String text,
            int cutAfterRows,
            boolean outOfOrder,
            String peerDown,
            int finalizeAfterRows,
            int[] remaining) {}

    private static final Pattern INDEX = Pattern.compile("index=(\\S+)");

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, String>> exports = Collections.synchronizedList(new ArrayList<>());
    volatile String version = "9.1.2";
    volatile String instanceType;
    volatile List<String> roles = List.of("migration");
    final Map<String, String> roleContents = new HashMap<>();
    final Set<String> indexes = new HashSet<>(Set.of("web"));
    /** Whether GET data/indexes answers (Splunk Cloud opens a subset of the REST API). */
    volatile boolean indexListing = true;
    /** How _time is written; by default as output_time_format asks (%s.%6N). */
    volatile Function<Instant, String> timeRendering = ScriptedSplunk::epochMicros;
    /** An export answer that replaces the events, e.g. the rows of a metrics search. */
    volatile Function<Map<String, String>, String> exportBody;

    private HttpServer server;

    ScriptedSplunk events(List<Event> list) {
        events.addAll(list);
        return this;
    }

    /** The next {@code times} exports answer HTTP {@code status} with Splunk's message body. */
    ScriptedSplunk failExports(int status, String text, int times) {
        faults.add(new Fault(status, text, -1, false, null, -1, new int[] {times}));
        return this;
    }

    /** The next {@code times} exports stop after {@code rows} rows as if the connection were cut. */
    ScriptedSplunk cutAfterRows(int rows, int times) {
        faults.add(new Fault(0, null, rows, false, null, -1, new int[] {times}));
        return this;
    }

    /** The next {@code times} exports deliver each pair of neighbouring rows the wrong way round. */
    ScriptedSplunk outOfOrder(int times) {
        faults.add(new Fault(0, null, -1, true, null, -1, new int[] {times}));
        return this;
    }

    /** The next {@code times} exports are out of order and cut after {@code rows} rows. */
    ScriptedSplunk outOfOrderCutAfterRows(int rows, int times) {
        faults.add(new Fault(0, null, rows, true, null, -1, new int[] {times}));
        return this;
    }

    /** The next {@code times} exports lack the events of {@code peer} and say so first, as a search head does. */
    ScriptedSplunk peerDown(String peer, int times) {
        faults.add(new Fault(0, null, -1, false, peer, -1, new int[] {times}));
        return this;
    }

    /** The next {@code times} exports stop after {@code rows} rows with Splunk's auto-finalize message. */
    ScriptedSplunk finalizeAfterRows(int rows, int times) {
        faults.add(new Fault(0, null, -1, false, null, rows, new int[] {times}));
        return this;
    }

    /** The text Splunk's search head streams when a peer is down (DistributedPeerManager). */
    static String peerDownText(String peer) {
        return "Unable to distribute to peer named " + peer + " at uri https://" + peer + ":8089 because peer has"
                + " status = \"Down\". Verify uri-scheme, connectivity to the search peer, that the search peer is up,"
                + " and that an adequate level of system resources are available.";
    }

    static String epochMicros(Instant time) {
        return BigDecimal.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, time))
                .movePointLeft(6)
                .setScale(6)
                .toPlainString();
    }

    URI start() throws IOException {
        return start(0);
    }

    /** Starts on {@code port} (0: any free port). */
    URI start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            try {
                handle(exchange);
            } catch (RuntimeException | IOException e) {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int exportCount() {
        return exports.size();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> form = form(exchange);
        requests.add(exchange.getRequestMethod() + " " + path);
        if (path.endsWith("/server/info")) {
            send(
                    exchange,
                    200,
                    entry(
                            "server-info",
                            "{\"build\":\"b6b9c8185839\",\"serverName\":\"sh-1\",\"version\":\""
                                    + version + "\",\"product_type\":\"enterprise\""
                                    + (instanceType == null ? "" : ",\"instance_type\":\"" + instanceType + "\"")
                                    + "}"));
        } else if (path.endsWith("/authentication/current-context")) {
            send(
                    exchange,
                    200,
                    entry(
                            "context",
                            "{\"username\":\"migrator\",\"roles\":[" + quoted(roles)
                                    + "],\"capabilities\":[\"search\"]}"));
        } else if (path.contains("/authorization/roles/")) {
            String role = path.substring(path.lastIndexOf('/') + 1);
            String content = roleContents.get(role);
            if (content == null) {
                send(exchange, 404, message("ERROR", "Could not find object id=" + role));
            } else {
                send(exchange, 200, entry(role, content));
            }
        } else if (path.endsWith("/data/indexes") || path.endsWith("/data/indexes/")) {
            if (indexListing) {
                send(exchange, 200, entry("web", "{\"datatype\":\"event\",\"disabled\":false}"));
            } else {
                send(
                        exchange,
                        403,
                        message("ERROR", "You (user=migrator) do not have permission to perform this operation"));
            }
        } else if (path.contains("/data/indexes/")) {
            String index = path.substring(path.lastIndexOf('/') + 1);
            if (indexes.contains(index)) {
                send(exchange, 200, entry(index, "{\"datatype\":\"event\",\"disabled\":false}"));
            } else {
                send(exchange, 404, message("ERROR", "Could not find object id=" + index));
            }
        } else if (path.endsWith("/jobs/export")) {
            exports.add(form);
            export(exchange, form);
        } else {
            send(exchange, 404, message("ERROR", "Not Found"));
        }
    }

    private void export(HttpExchange exchange, Map<String, String> form) throws IOException {
        Fault fault = takeFault();
        if (fault != null && fault.status() != 0) {
            send(exchange, fault.status(), message("ERROR", fault.text()));
            return;
        }
        StringBuilder body = new StringBuilder();
        if (exportBody != null) {
            body.append(exportBody.apply(form));
            send(exchange, 200, body.toString());
            return;
        }
        List<Event> rows = select(form);
        if (fault != null && fault.peerDown() != null) {
            body.append(message("WARN", peerDownText(fault.peerDown()))).append('\n');
            rows.removeIf(e -> e.server().equals(fault.peerDown()));
        }
        if (fault != null && fault.outOfOrder()) {
            for (int i = 0; i + 1 < rows.size(); i += 2) {
                Collections.swap(rows, i, i + 1);
            }
        }
        int limit = fault != null && fault.cutAfterRows() >= 0 ? fault.cutAfterRows() : rows.size();
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            body.append(row(rows.get(i))).append('\n');
        }
        if (fault != null && fault.finalizeAfterRows() >= 0 && fault.finalizeAfterRows() < rows.size()) {
            body.setLength(0);
            for (int i = 0; i < fault.finalizeAfterRows(); i++) {
                body.append(row(rows.get(i))).append('\n');
            }
            body.append(message(
                            "WARN",
                            "Search auto-finalized after event limit (" + fault.finalizeAfterRows() + ") reached."))
                    .append('\n');
            send(exchange, 200, body.toString());
            return;
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        if (limit < rows.size()) {
            // Announce more than is sent, then close: the client sees the connection cut mid-body.
            exchange.sendResponseHeaders(200, bytes.length + 1000L);
            exchange.getResponseBody().write(bytes);
            exchange.getResponseBody().flush();
            exchange.close();
            return;
        }
        send(exchange, 200, body.toString());
    }

    private Fault takeFault() {
        for (Fault f : faults) {
            synchronized (f) {
                if (f.remaining()[0] > 0) {
                    f.remaining()[0]--;
                    return f;
                }
            }
        }
        return null;
    }

    private List<Event> select(Map<String, String> form) {
        Matcher m = INDEX.matcher(form.getOrDefault("search", ""));
        String index = m.find() ? m.group(1) : null;
        Instant earliest = time(form.get("earliest_time"));
        Instant latest = time(form.get("latest_time"));
        Instant indexEarliest = time(form.get("index_earliest"));
        Instant indexLatest = time(form.get("index_latest"));
        List<Event> rows = new ArrayList<>();
        for (Event e : events) {
            Instant indexTime = indexTime(e);
            if ((index == null || e.index().equals(index))
                    && (earliest == null || !e.time().isBefore(earliest))
                    && (latest == null || e.time().isBefore(latest))
                    && (indexEarliest == null || !indexTime.isBefore(indexEarliest))
                    && (indexLatest == null || indexTime.isBefore(indexLatest))) {
                rows.add(e);
            }
        }
        rows.sort(Comparator.comparing(Event::time).thenComparing(Event::cd).reversed());
        return rows;
    }

    /** Events are indexed one second after their time, in whole seconds as _indextime is. */
    static Instant indexTime(Event e) {
        return e.time().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    private String row(Event e) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_bkt", e.index() + "~1~GUID");
        fields.put("_cd", e.cd());
        fields.put("_indextime", Long.toString(indexTime(e).getEpochSecond()));
        fields.put("_raw", e.raw());
        fields.put("_time", timeRendering.apply(e.time()));
        fields.put("host", "www1");
        fields.put("index", e.index());
        fields.put("source", "/var/log/access.log");
        fields.put("sourcetype", "access_combined");
        fields.put("splunk_server", e.server());
        StringBuilder s = new StringBuilder("{\"preview\":false,\"offset\":0,\"result\":{");
        fields.forEach((k, v) -> s.append('"')
                .append(k)
                .append("\":\"")
                .append(v.replace("\"", "\\\""))
                .append("\","));
        s.setLength(s.length() - 1);
        return s.append("}}").toString();
    }

    private static Instant time(String epochSeconds) {
        if (epochSeconds == null) {
            return null;
        }
        BigDecimal micros = new BigDecimal(epochSeconds).movePointRight(6);
        return Instant.EPOCH.plus(micros.longValue(), ChronoUnit.MICROS);
    }

    static String entry(String name, String content) {
        return "{\"entry\":[{\"name\":\"" + name + "\",\"author\":\"system\",\"content\":" + content + "}],"
                + "\"paging\":{\"total\":1,\"perPage\":30,\"offset\":0},\"messages\":[]}";
    }

    static String message(String type, String text) {
        return "{\"messages\":[{\"type\":\"" + type + "\",\"text\":\"" + text.replace("\"", "\\\"") + "\"}]}";
    }

    private static String quoted(List<String> values) {
        List<String> q = new ArrayList<>();
        values.forEach(v -> q.add("\"" + v + "\""));
        return String.join(",", q);
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.isEmpty() ? new String[0] : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }
}
