package io.github.splunkdeltabridge.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests to the endpoints Splunk has, checks authentication, applies request-level faults, and turns
 * refusals into Splunk's status codes and {@code messages} bodies.
 */
final class RestHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RestHandler.class);

    /** {@code /services} or {@code /servicesNS/<owner>/<app>}. */
    private static final String NAMESPACE = "/(?:services|servicesNS/[^/]+/[^/]+)";

    private static final Pattern EXPORT = Pattern.compile(NAMESPACE + "/search/(?:v2/)?jobs/export/?");
    private static final Pattern JOBS = Pattern.compile(NAMESPACE + "/search/(?:v2/)?jobs/?");
    private static final Pattern JOB = Pattern.compile(NAMESPACE + "/search/(?:v2/)?jobs/([^/]+)/?");
    private static final Pattern JOB_RESULTS =
            Pattern.compile(NAMESPACE + "/search/(?:v2/)?jobs/([^/]+)/(results|events)/?");
    private static final Pattern LOGIN = Pattern.compile("/services/auth/login/?");
    private static final Pattern SERVER_INFO = Pattern.compile(NAMESPACE + "/server/info/?");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Authentication authentication;
    private final FaultInjector faults;
    private final EmulatorStats stats;
    private final ExportEndpoint export;
    private final JobsEndpoint jobs;
    private final SearchQuota searchQuota;

    RestHandler(
            Authentication authentication,
            FaultInjector faults,
            EmulatorStats stats,
            ExportEndpoint export,
            JobsEndpoint jobs,
            SearchQuota searchQuota) {
        this.searchQuota = searchQuota;
        this.authentication = authentication;
        this.faults = faults;
        this.stats = stats;
        this.export = export;
        this.jobs = jobs;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        RequestParameters params = null;
        try {
            params = RequestParameters.read(exchange);
            route(exchange, params, exchange.getRequestURI().getPath(), exchange.getRequestMethod());
        } catch (TooManyRequests e) {
            stats.rejected();
            long seconds = Math.max(1, (e.retryAfter.toMillis() + 999) / 1000);
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
            sendError(exchange, 429, params != null && params.wantsJson(), "ERROR", "Too Many Requests", null);
        } catch (SplunkRequestException e) {
            stats.rejected();
            boolean json = params != null && params.wantsJson();
            sendError(exchange, e.status(), json, e.messageType(), e.getMessage(), null);
        } catch (ExportStreamWriter.ConnectionDropped e) {
            // Rethrown on purpose: the JDK server then closes the socket without ending the chunked body.
            throw e;
        } catch (IOException e) {
            LOG.debug("Client went away: {}", e.toString());
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, RequestParameters params, String path, String method) throws IOException {
        if (LOGIN.matcher(path).matches()) {
            requireMethod(method, "POST");
            login(exchange, params);
            return;
        }
        countRequest(path);
        if (!authentication.isAuthorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            stats.rejected();
            sendError(exchange, 401, params.wantsJson(), "WARN", "call not properly authenticated", null);
            return;
        }
        Matcher m;
        if (EXPORT.matcher(path).matches()) {
            requireMethod(method, "GET", "POST");
            searchRequestFaults();
            export.handle(exchange, params);
        } else if (JOBS.matcher(path).matches()) {
            requireMethod(method, "POST");
            searchRequestFaults();
            jobs.create(exchange, params);
        } else if ((m = JOB_RESULTS.matcher(path)).matches()) {
            requireMethod(method, "GET");
            jobs.results(exchange, params, m.group(1), m.group(2).equals("events"));
        } else if ((m = JOB.matcher(path)).matches()) {
            if (method.equals("DELETE")) {
                jobs.cancel(exchange, params, m.group(1));
            } else {
                requireMethod(method, "GET");
                jobs.status(exchange, params, m.group(1));
            }
        } else if (SERVER_INFO.matcher(path).matches()) {
            requireMethod(method, "GET");
            serverInfo(exchange, params);
        } else {
            throw new SplunkRequestException(404, "ERROR", "Not Found");
        }
    }

    /** Counted before authentication, so refused requests count too. */
    private void countRequest(String path) {
        if (EXPORT.matcher(path).matches()) {
            stats.export();
        } else if (JOBS.matcher(path).matches()
                || JOB.matcher(path).matches()
                || JOB_RESULTS.matcher(path).matches()) {
            stats.job();
        }
    }

    /** Faults that refuse a search before it starts: a proxy's 429, then Splunk's search quota. */
    private void searchRequestFaults() {
        Duration retryAfter = faults.takeTooManyRequests();
        if (retryAfter != null) {
            throw new TooManyRequests(retryAfter);
        }
        if (faults.takeQuotaExceeded()) {
            throw searchQuota.refusal();
        }
    }

    private void login(HttpExchange exchange, RequestParameters params) throws IOException {
        stats.login();
        String key = authentication.login(params.get("username"), params.get("password"));
        if (key == null) {
            stats.rejected();
            sendError(exchange, 401, params.wantsJson(), "WARN", "Login failed", "incorrect_username_or_password");
            return;
        }
        String body = params.wantsJson()
                ? JSON.writeValueAsString(Map.of("sessionKey", key))
                : "<response>\n  <sessionKey>" + key + "</sessionKey>\n</response>\n";
        send(exchange, 200, params.wantsJson(), body);
    }

    private void serverInfo(HttpExchange exchange, RequestParameters params) throws IOException {
        Map<String, Object> content =
                Map.of("serverName", "splunk-emulator", "version", "9.3.0", "product_type", "enterprise");
        String body = params.wantsJson()
                ? JSON.writeValueAsString(
                        Map.of("entry", java.util.List.of(Map.of("name", "server-info", "content", content))))
                : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>server-info</title></entry></feed>\n";
        send(exchange, 200, params.wantsJson(), body);
    }

    private static void requireMethod(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        throw new SplunkRequestException(405, "ERROR", "Method Not Allowed");
    }

    private void sendError(HttpExchange exchange, int status, boolean json, String type, String text, String code)
            throws IOException {
        send(exchange, status, json, SplunkMessages.body(json, type, text, code));
    }

    private static void send(HttpExchange exchange, int status, boolean json, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", json ? "application/json; charset=UTF-8" : "text/xml; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** A 429 from a proxy in front of Splunk, with the wait it asks for. */
    static final class TooManyRequests extends RuntimeException {
        final Duration retryAfter;

        TooManyRequests(Duration retryAfter) {
            super("Too Many Requests", null, false, false);
            this.retryAfter = retryAfter;
        }
    }
}
