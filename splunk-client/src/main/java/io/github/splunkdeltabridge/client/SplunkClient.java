package io.github.splunkdeltabridge.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.io.CloseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splunk REST client: streams search exports, reads what the server and the user's roles allow, checks connectivity.
 * Thread-safe; one instance per connector task is enough. Close it to release its connection pool.
 */
public final class SplunkClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SplunkClient.class);

    static final String SERVER_INFO_ENDPOINT = "/server/info";
    static final String CURRENT_CONTEXT_ENDPOINT = "/authentication/current-context";
    static final String ROLES_ENDPOINT = "/authorization/roles/";
    static final String INDEXES_ENDPOINT = "/data/indexes/";
    static final String LOGIN_PATH = "/services/auth/login";
    /** REST answers read whole (server/info, roles, indexes) are a few kilobytes; this bound is far above them. */
    private static final int MAX_REST_BODY_BYTES = 4 * 1024 * 1024;

    private final SplunkClientConfig config;
    private final CloseableHttpClient http;
    private final HttpHost target;
    private final Authenticator authenticator;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final LongAdder retries = new LongAdder();
    private volatile SearchApiVersion searchApi;

    public SplunkClient(SplunkClientConfig config) {
        this(config, Sleeper.REAL, new Backoff(config.retry()));
    }

    /** For tests: no real sleeping, deterministic jitter. */
    SplunkClient(SplunkClientConfig config, Sleeper sleeper, Backoff backoff) {
        this.config = config;
        this.sleeper = sleeper;
        this.backoff = backoff;
        URI base = config.baseUri();
        this.target = new HttpHost(base.getScheme(), base.getHost(), base.getPort());
        this.http = HttpClientFactory.create(config);
        this.authenticator = new Authenticator(config.auth(), this::login);
    }

    /**
     * Starts an export ({@code POST …/search/v2/jobs/export} or {@code …/search/jobs/export}, see
     * {@link #searchApi()}; {@code output_mode=json}, {@code output_time_format} pinned to epoch seconds with
     * microseconds). The request is sent on the first {@code hasNext()}; failures surface from the stream's methods.
     */
    public SplunkEventStream export(ExportRequest request) {
        RetryLoop retryLoop = new RetryLoop(config.retry(), backoff, sleeper, this::exportPathForMessages, retries);
        return new ResumingEventStream(request, this::openExport, retryLoop);
    }

    /**
     * Reads {@code GET …/server/info} (version, instance type, server name), chooses the search API version and logs
     * both once per client. Also checks URL, TLS and credentials.
     */
    public ServerInfo connect() {
        ServerInfo info = serverInfo();
        boolean first = searchApi == null;
        SearchApiVersion api = config.searchApi() != null ? config.searchApi() : SearchApiVersion.forServer(info);
        searchApi = api;
        if (first) {
            LOG.info(
                    "Connected to {} at {}; search API {} ({})",
                    info,
                    config.baseUri(),
                    api.value(),
                    config.searchApi() != null ? "configured" : "chosen from the server's version");
        }
        return info;
    }

    /** {@code GET …/server/info}, retried like every request. */
    public ServerInfo serverInfo() {
        String path = config.servicesPrefix() + SERVER_INFO_ENDPOINT;
        return ServerInfo.from(RestEntries.firstContent(get(path), path), path);
    }

    /** A cheap authenticated call ({@code GET …/server/info}) to check URL, TLS and credentials. */
    public void validateConnection() {
        serverInfo();
    }

    /**
     * The search API version in use: as configured, or chosen from the server's version by {@link #connect()} (called
     * here if it has not been).
     */
    public SearchApiVersion searchApi() {
        SearchApiVersion api = searchApi;
        if (api == null) {
            connect();
            api = searchApi;
        }
        return api;
    }

    /** The authenticated user and their roles ({@code GET …/authentication/current-context}). */
    public UserContext currentUser() {
        String path = config.servicesPrefix() + CURRENT_CONTEXT_ENDPOINT;
        return UserContext.from(RestEntries.firstContent(get(path), path));
    }

    /** One role's search limits ({@code GET …/authorization/roles/<role>}). */
    public RoleSettings role(String name) {
        String path = config.servicesPrefix() + ROLES_ENDPOINT + PathSegments.encode(name);
        return RoleSettings.from(name, RestEntries.firstContent(get(path), path), path);
    }

    /**
     * The limits in force for the authenticated user, over all their roles. A role Splunk does not let the user read
     * (403) leaves the limits unknown rather than failing: the searches may still be allowed.
     */
    public RoleLimits roleLimits() {
        UserContext user;
        try {
            user = currentUser();
        } catch (SplunkPermissionException | SplunkNotFoundException e) {
            LOG.warn("Cannot read the current user's roles ({}); role limits are not checked up front", e.getMessage());
            return RoleLimits.unknown(null);
        }
        List<RoleSettings> roles = new ArrayList<>();
        for (String role : user.roles()) {
            try {
                roles.add(role(role));
            } catch (SplunkPermissionException | SplunkNotFoundException e) {
                LOG.warn(
                        "Cannot read the limits of role '{}' of user '{}' ({}); role limits are not checked up front",
                        role,
                        user.username(),
                        e.getMessage());
                return RoleLimits.unknown(user.username());
            }
        }
        return RoleLimits.of(user, roles);
    }

    /**
     * Whether the user may list indexes at all ({@code GET …/data/indexes}); Splunk Cloud Platform opens only a subset of
     * the REST API, and a role without the capability to list indexes is refused. False means index existence cannot be
     * checked, not that there are no indexes.
     */
    public boolean canListIndexes() {
        String path = config.servicesPrefix() + INDEXES_ENDPOINT.substring(0, INDEXES_ENDPOINT.length() - 1);
        try {
            get(path);
            return true;
        } catch (SplunkPermissionException | SplunkNotFoundException e) {
            LOG.info("Cannot list Splunk indexes ({}); their existence is not checked up front", e.getMessage());
            return false;
        }
    }

    /** Whether the index exists and the user can see it ({@code GET …/data/indexes/<name>}: 200, or 404). */
    public boolean indexExists(String name) {
        String path = config.servicesPrefix() + INDEXES_ENDPOINT + PathSegments.encode(name);
        try {
            RestEntries.firstContent(get(path), path);
            return true;
        } catch (SplunkNotFoundException e) {
            return false;
        }
    }

    /** Requests retried so far (503, 429, 5xx, connection errors, cut streams), for metrics. */
    public long retries() {
        return retries.sum();
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }

    /** A GET of a small JSON answer, retried on transient failures. */
    private byte[] get(String path) {
        RetryLoop retryLoop = new RetryLoop(config.retry(), backoff, sleeper, () -> path, retries);
        while (true) {
            try {
                return getOnce(path);
            } catch (IOException | RetryableHttpException e) {
                retryLoop.failed(e);
            }
        }
    }

    private byte[] getOnce(String path) throws IOException {
        HttpGet get = new HttpGet(uri(path) + "?output_mode=json");
        ClassicHttpResponse response = send(path, get, true);
        try {
            return readBounded(response, MAX_REST_BODY_BYTES);
        } finally {
            response.close();
        }
    }

    private String exportPath(SearchApiVersion api) {
        return config.servicesPrefix() + api.jobsPath() + "/export";
    }

    private String exportPathForMessages() {
        SearchApiVersion api = searchApi != null ? searchApi : config.searchApi();
        return api == null ? config.servicesPrefix() + "/search/…/jobs/export" : exportPath(api);
    }

    /** The version for an export attempt; choosing it costs one server/info request, failures retried with the export. */
    private SearchApiVersion searchApiForExport() throws IOException {
        if (searchApi == null && config.searchApi() == null) {
            String path = config.servicesPrefix() + SERVER_INFO_ENDPOINT;
            ServerInfo info = ServerInfo.from(RestEntries.firstContent(getOnce(path), path), path);
            if (searchApi == null) {
                searchApi = SearchApiVersion.forServer(info);
                LOG.info(
                        "Connected to {} at {}; search API {} (chosen from the server's version)",
                        info,
                        config.baseUri(),
                        searchApi.value());
            }
        }
        return searchApi != null ? searchApi : config.searchApi();
    }

    private InputStream openExport(ExportRequest request) throws IOException {
        SearchApiVersion api = searchApiForExport();
        String path = exportPath(api);
        List<NameValuePair> form = new ArrayList<>();
        form.add(new BasicNameValuePair("search", request.search()));
        form.add(new BasicNameValuePair("output_mode", "json"));
        // _time as epoch seconds with microseconds: exact, and independent of the user's time zone setting.
        form.add(new BasicNameValuePair("output_time_format", TimeFormats.OUTPUT_TIME_FORMAT));
        addTime(form, "earliest_time", request.earliest());
        addTime(form, "latest_time", request.latest());
        addTime(form, "index_earliest", request.indexEarliest());
        addTime(form, "index_latest", request.indexLatest());
        if (request.searchMode() != null) {
            form.add(new BasicNameValuePair(
                    "adhoc_search_level", request.searchMode().value()));
        }
        if (request.enableLookups() != null) {
            form.add(new BasicNameValuePair(
                    "enable_lookups", request.enableLookups().toString()));
        }
        HttpPost post = new HttpPost(uri(path));
        // Parameters go in the body: search text and bounds stay out of URLs and proxy logs.
        post.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
        LOG.debug("Export {} earliest={} latest={}", path, request.earliest(), request.latest());
        ClassicHttpResponse response;
        try {
            response = send(path, post, true);
        } catch (SplunkNotFoundException e) {
            throw api == SearchApiVersion.V2 && config.searchApi() == null
                    ? new SplunkNotFoundException(
                            e.getMessage() + "; if this Splunk has no v2 search endpoints although"
                                    + " its version says it should, set the search API version to v1",
                            404,
                            e)
                    : e;
        }
        HttpEntity entity = response.getEntity();
        InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
        return new ResponseBodyStream(body, post, response);
    }

    private static void addTime(List<NameValuePair> form, String name, java.time.Instant value) {
        if (value != null) {
            form.add(new BasicNameValuePair(name, TimeFormats.formatEpochSeconds(value)));
        }
    }

    /**
     * One attempt, plus one new login when a session key was refused. Returns a 2xx response still open.
     *
     * @throws IOException transport failure (retryable)
     * @throws RetryableHttpException 429/5xx (retryable)
     * @throws SplunkException anything else
     */
    private ClassicHttpResponse send(String path, HttpUriRequestBase request, boolean authenticated)
            throws IOException {
        boolean reloggedIn = false;
        while (true) {
            String header = null;
            if (authenticated) {
                header = authenticator.header();
                request.setHeader(HttpHeaders.AUTHORIZATION, header);
            }
            ClassicHttpResponse response = execute(request);
            int status = response.getCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            String message = authenticator.redact(SplunkErrorBody.message(readBounded(response)));
            String retryAfter = headerValue(response, HttpHeaders.RETRY_AFTER);
            response.close();
            if (status == 401 && authenticated && authenticator.canRelogin() && !reloggedIn) {
                // Session keys expire after inactivity: log in again, once per request.
                LOG.info("Splunk session expired for {}; logging in again", path);
                authenticator.invalidate(header);
                reloggedIn = true;
                request.reset();
                continue;
            }
            throw HttpErrors.forStatus(status, path, message, retryAfter);
        }
    }

    private ClassicHttpResponse execute(HttpUriRequestBase request) throws IOException {
        try {
            return http.executeOpen(target, request, null);
        } catch (SSLHandshakeException | SSLPeerUnverifiedException e) {
            // Not transient: retrying a certificate problem only delays the clear error.
            throw new SplunkException(
                    "TLS handshake with " + target.toHostString() + " failed: the server certificate"
                            + " is not trusted or does not match the host name (" + e.getMessage() + ")",
                    e);
        }
    }

    private String login(String username, String password) throws IOException {
        HttpPost post = new HttpPost(uri(LOGIN_PATH));
        post.setEntity(new UrlEncodedFormEntity(
                List.of(
                        new BasicNameValuePair("username", username),
                        new BasicNameValuePair("password", password),
                        new BasicNameValuePair("output_mode", "json")),
                StandardCharsets.UTF_8));
        ClassicHttpResponse response = execute(post);
        try {
            int status = response.getCode();
            byte[] body = readBounded(response);
            if (status >= 200 && status < 300) {
                String key = SplunkErrorBody.sessionKey(body);
                if (key == null || key.isEmpty()) {
                    throw new SplunkProtocolException("Splunk answered " + LOGIN_PATH + " without a session key");
                }
                LOG.debug("Logged in to Splunk as {}", username);
                return key;
            }
            String message = authenticator.redact(SplunkErrorBody.message(body));
            if (message != null) {
                message = message.replace(password, "****");
            }
            if (status == 401) {
                throw new SplunkAuthenticationException(
                        "Login failed for user '" + username + "' at " + LOGIN_PATH + " (HTTP 401)"
                                + (message == null ? "" : ": " + message),
                        401,
                        null);
            }
            throw HttpErrors.forStatus(status, LOGIN_PATH, message, headerValue(response, HttpHeaders.RETRY_AFTER));
        } finally {
            response.close();
        }
    }

    private String uri(String path) {
        return config.baseUri() + path;
    }

    private static String headerValue(ClassicHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    /** Error bodies are read up to a bound: a misbehaving proxy must not make us buffer megabytes. */
    private static byte[] readBounded(ClassicHttpResponse response) {
        try {
            return readBounded(response, SplunkErrorBody.MAX_BODY_BYTES);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static byte[] readBounded(ClassicHttpResponse response, int maxBytes) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            return in.readNBytes(maxBytes);
        }
    }
}
