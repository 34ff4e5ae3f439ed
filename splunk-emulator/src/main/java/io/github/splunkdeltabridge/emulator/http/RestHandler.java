package io.github.splunkdeltabridge.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.splunkdeltabridge.emulator.faults.FaultState;
import io.github.splunkdeltabridge.emulator.jobs.SearchJobs;
import io.github.splunkdeltabridge.emulator.jobs.SearchQuota;
import io.github.splunkdeltabridge.emulator.search.SplunkRequestException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests to the endpoints Splunk has (under {@code /services} or {@code /servicesNS/<owner>/<app>}),
 * checks authentication, applies request-level faults, hides the v2 search endpoints from versions before
 * 9.0.1, and turns refusals into Splunk's status codes and {@code messages} bodies.
 */
public final class RestHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RestHandler.class);

    /** {@code /services} or {@code /servicesNS/<owner>/<app>}; group 1 is the app when namespaced. */
    private static final String NAMESPACE = "(/services|/servicesNS/[^/]+/([^/]+))";

    private static final Pattern EXPORT = Pattern.compile(NAMESPACE + "/search/(v2/)?jobs/export/?");
    private static final Pattern JOBS = Pattern.compile(NAMESPACE + "/search/(v2/)?jobs/?");
    private static final Pattern JOB = Pattern.compile(NAMESPACE + "/search/(v2/)?jobs/([^/]+)/?");
    private static final Pattern JOB_CONTROL = Pattern.compile(NAMESPACE + "/search/(v2/)?jobs/([^/]+)/control/?");
    private static final Pattern JOB_ROWS =
            Pattern.compile(NAMESPACE + "/search/(v2/)?jobs/([^/]+)/(results|events|results_preview)/?");
    private static final Pattern SEARCH_V2 = Pattern.compile(NAMESPACE + "/search/v2/.*");
    private static final Pattern LOGIN = Pattern.compile(NAMESPACE + "/auth/login/?");
    private static final Pattern SERVER_INFO = Pattern.compile(NAMESPACE + "/server/info(/server-info)?/?");
    private static final Pattern CURRENT_CONTEXT = Pattern.compile(NAMESPACE + "/authentication/current-context/?");
    private static final Pattern ROLE = Pattern.compile(NAMESPACE + "/authorization/roles/([^/]+)/?");
    private static final Pattern INDEXES = Pattern.compile(NAMESPACE + "/data/indexes(?:/([^/]+))?/?");

    private final ServerContext server;
    private final Authentication authentication;
    private final FaultState faults;
    private final RequestCounters counters;
    private final ExportEndpoint export;
    private final JobsEndpoint jobs;
    private final SystemEndpoints system;
    private final SearchQuota quota;

    public RestHandler(
            ServerContext server,
            Authentication authentication,
            FaultState faults,
            RequestCounters counters,
            SearchJobs searchJobs,
            int maxConcurrentSearches,
            boolean tls) {
        this.server = server;
        this.authentication = authentication;
        this.faults = faults;
        this.counters = counters;
        this.quota = new SearchQuota(maxConcurrentSearches, searchJobs);
        SearchRequests searches = new SearchRequests(server, faults);
        this.export = new ExportEndpoint(searches, faults, counters, quota);
        this.jobs = new JobsEndpoint(server, searches, searchJobs, quota, faults);
        this.system = new SystemEndpoints(server, authentication, counters, tls);
    }

    /** Renders an export now and replays it from a file for requests with the same parameters (benchmarks). */
    public long prerenderExport(Map<String, String> parameters, String user) throws IOException {
        UserAccount account = authentication.user(user);
        if (account == null) {
            throw new IllegalArgumentException("No user named '" + user + "'");
        }
        return export.prerender(parameters, account);
    }

    /** Deletes the prerendered exports' files. */
    public void deleteReplays() throws IOException {
        export.close();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        RequestParameters params = null;
        if ("close".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Connection"))) {
            // Answer in kind, as Splunk does: splunklib closes its connection right after reading the headers
            // and keeps the body readable only when the server says the connection closes.
            exchange.getResponseHeaders().set("Connection", "close");
        }
        try {
            params = RequestParameters.read(exchange);
            route(exchange, params, exchange.getRequestURI().getPath(), exchange.getRequestMethod());
        } catch (SplunkRequestException e) {
            counters.rejected();
            e.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            boolean json = params != null && params.wantsJson();
            Responses.send(exchange, e.status(), json, ErrorBodies.body(json, e.messageType(), e.getMessage(), null));
        } catch (ExportStreamWriter.ConnectionDropped e) {
            // Rethrown on purpose: the JDK server then closes the socket without ending the chunked body.
            throw e;
        } catch (IOException e) {
            LOG.debug("Client went away: {}", e.toString());
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, RequestParameters params, String path, String method) throws IOException {
        if (SEARCH_V2.matcher(path).matches() && !server.version().hasSearchV2()) {
            // Splunk before 9.0.1 has no v2 search endpoints.
            throw new SplunkRequestException(404, "ERROR", "Not Found");
        }
        if (LOGIN.matcher(path).matches()) {
            requireMethod(method, "POST");
            system.login(exchange, params);
            return;
        }
        countRequest(path);
        UserAccount user = authentication.authenticate(
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Cookie"));
        if (user == null) {
            throw new SplunkRequestException(401, "WARN", "call not properly authenticated");
        }
        Matcher m;
        if ((m = EXPORT.matcher(path)).matches()) {
            requireMethod(method, "GET", "POST");
            searchRequestFaults();
            export.handle(exchange, params, user);
        } else if ((m = JOBS.matcher(path)).matches()) {
            requireMethod(method, "GET", "POST");
            if (method.equals("GET")) {
                jobs.list(exchange, params, user, trimSlash(path));
            } else {
                searchRequestFaults();
                jobs.create(exchange, params, user, app(m));
            }
        } else if ((m = JOB_CONTROL.matcher(path)).matches()) {
            requireMethod(method, "POST");
            jobs.control(exchange, params, m.group(4));
        } else if ((m = JOB_ROWS.matcher(path)).matches()) {
            requireMethod(method, "GET", "POST");
            jobs.rows(exchange, params, user, m.group(4), m.group(5), m.group(3) != null);
        } else if ((m = JOB.matcher(path)).matches()) {
            requireMethod(method, "GET", "DELETE");
            if (method.equals("DELETE")) {
                jobs.delete(exchange, params, m.group(4));
            } else {
                String p = trimSlash(path);
                jobs.status(exchange, params, user, m.group(4), p.substring(0, p.lastIndexOf('/')));
            }
        } else if (SERVER_INFO.matcher(path).matches()) {
            requireMethod(method, "GET");
            system.serverInfo(exchange, params, m0(path, "/server/info"));
        } else if (CURRENT_CONTEXT.matcher(path).matches()) {
            requireMethod(method, "GET");
            system.currentContext(exchange, params, user, trimSlash(path));
        } else if ((m = ROLE.matcher(path)).matches()) {
            requireMethod(method, "GET");
            system.role(exchange, params, user, m.group(3), trimSlash(path));
        } else if ((m = INDEXES.matcher(path)).matches()) {
            requireMethod(method, "GET");
            system.indexes(exchange, params, m.group(3), trimSlash(path));
        } else {
            throw new SplunkRequestException(404, "ERROR", "Not Found");
        }
    }

    private static String m0(String path, String endpoint) {
        int at = path.indexOf(endpoint);
        return path.substring(0, at + endpoint.length());
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String app(Matcher m) {
        return m.group(2) == null ? "search" : m.group(2);
    }

    /** Counted before authentication, so refused requests count too. */
    private void countRequest(String path) {
        if (EXPORT.matcher(path).matches()) {
            counters.export();
        } else if (path.contains("/search/jobs") || path.contains("/search/v2/jobs")) {
            counters.job();
        }
    }

    /** Faults that refuse a search before it starts: a proxy's 429, then Splunk's search quota. */
    private void searchRequestFaults() {
        Duration retryAfter = faults.takeTooManyRequests();
        if (retryAfter != null) {
            long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            throw new SplunkRequestException(
                    429, "ERROR", "Too Many Requests", Map.of("Retry-After", Long.toString(seconds)));
        }
        if (faults.takeQuotaExceeded()) {
            throw quota.refusal();
        }
    }

    private static void requireMethod(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        throw new SplunkRequestException(405, "ERROR", "Method Not Allowed");
    }
}
