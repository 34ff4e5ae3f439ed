package io.github.splunkdeltabridge.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import io.github.splunkdeltabridge.emulator.data.EmulatedEvent;
import io.github.splunkdeltabridge.emulator.data.EventQuery;
import io.github.splunkdeltabridge.emulator.faults.RoleLimits;
import io.github.splunkdeltabridge.emulator.search.SplunkRequestException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The endpoints besides search: {@code auth/login}, {@code server/info}, {@code authentication/current-context},
 * {@code authorization/roles/<role>} and {@code data/indexes[/<name>]}, each an Atom feed (or its JSON twin)
 * with the content keys the REST API Reference lists for it.
 */
final class SystemEndpoints {

    private static final List<String> CAPABILITIES =
            List.of("admin_all_objects", "list_indexes", "rest_properties_get", "search", "schedule_search");

    private final ServerContext server;
    private final Authentication authentication;
    private final RequestCounters counters;
    private final boolean tls;
    private final String guid = UUID.nameUUIDFromBytes("splunk-emulator".getBytes(StandardCharsets.UTF_8))
            .toString()
            .toUpperCase();

    SystemEndpoints(ServerContext server, Authentication authentication, RequestCounters counters, boolean tls) {
        this.server = server;
        this.authentication = authentication;
        this.counters = counters;
        this.tls = tls;
    }

    /**
     * {@code POST /services/auth/login}: {@code <response><sessionKey>…</sessionKey></response>}, or
     * {@code {"sessionKey":…,"message":"","code":""}} in JSON. With {@code cookie=1} the answer also sets the
     * {@code splunkd_<port>} session cookie (Splunk 6.2+, which the SDKs ask for), accepted in place of the header.
     */
    void login(HttpExchange exchange, RequestParameters params) throws IOException {
        counters.login();
        String key = authentication.login(params.get("username"), params.get("password"));
        if (key == null) {
            counters.rejected();
            Responses.send(
                    exchange,
                    401,
                    params.wantsJson(),
                    ErrorBodies.body(params.wantsJson(), "WARN", "Login failed", "incorrect_username_or_password"));
            return;
        }
        if (params.booleanValue("cookie", false)) {
            long maxAge = authentication.sessionTtl().toSeconds();
            String expires = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    Instant.now().plusSeconds(maxAge).atOffset(ZoneOffset.UTC));
            exchange.getResponseHeaders()
                    .add(
                            "Set-Cookie",
                            Authentication.COOKIE_PREFIX
                                    + URI.create(server.baseUri().get()).getPort() + "=" + key
                                    + "; Path=/; " + (tls ? "Secure; " : "") + "HttpOnly; Max-Age=" + maxAge
                                    + "; Expires=" + expires);
        }
        String body = params.wantsJson()
                ? Atom.json(g -> {
                    g.writeStartObject();
                    g.writeStringField("sessionKey", key);
                    g.writeStringField("message", "");
                    g.writeStringField("code", "");
                    g.writeEndObject();
                })
                : "<response>\n  <sessionKey>" + key + "</sessionKey>\n</response>\n";
        Responses.send(exchange, 200, params.wantsJson(), body);
    }

    /** {@code GET server/info}: the version (and build) the emulator plays, which clients read right after login. */
    void serverInfo(HttpExchange exchange, RequestParameters params, String basePath) throws IOException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("activeLicenseGroup", "Enterprise");
        c.put("build", server.version().build());
        c.put("cpu_arch", System.getProperty("os.arch", "x86_64"));
        c.put("guid", guid);
        c.put("health_info", "green");
        c.put("host", server.serverName());
        c.put("host_fqdn", server.serverName());
        c.put("instance_type", server.instanceType());
        c.put("isForwarding", false);
        c.put("isFree", false);
        c.put("isTrial", false);
        c.put("kvStoreStatus", "ready");
        c.put("licenseState", "OK");
        c.put("master_guid", guid);
        c.put("mode", "normal");
        c.put("numberOfCores", Runtime.getRuntime().availableProcessors());
        c.put("os_name", "Linux");
        c.put("product_type", "enterprise");
        c.put("serverName", server.serverName());
        c.put("server_roles", List.of("indexer", "search_head"));
        c.put("startup_time", server.startedAt().getEpochSecond());
        c.put("version", server.version().text());
        sendEntries(
                exchange,
                params,
                "server-info",
                basePath,
                List.of(entry("server-info", basePath + "/server-info", "system", c)));
    }

    /** {@code GET authentication/current-context}: who the caller is, their roles and time zone ({@code tz}). */
    void currentContext(HttpExchange exchange, RequestParameters params, UserAccount user, String basePath)
            throws IOException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("capabilities", user.isAdmin() ? CAPABILITIES : List.of("search"));
        c.put("defaultApp", "search");
        c.put("defaultAppIsUserOverride", false);
        c.put("defaultAppSourceRole", "system");
        c.put("email", "");
        c.put("lockedOut", false);
        c.put("realname", user.name());
        c.put("roles", List.of(user.role().name()));
        c.put("type", "Splunk");
        c.put("tz", user.timeZone() == null ? "" : user.timeZone().getId());
        c.put("username", user.name());
        sendEntries(
                exchange,
                params,
                "context",
                basePath,
                List.of(entry(user.name(), basePath + "/" + user.name(), user.name(), c)));
    }

    /** {@code GET authorization/roles/<role>}: the role's search limits as authorize.conf names them. */
    void role(HttpExchange exchange, RequestParameters params, UserAccount user, String name, String basePath)
            throws IOException {
        RoleLimits role = user.role().name().equals(name) ? user.role() : authentication.roleNamed(name);
        if (role == null) {
            throw new SplunkRequestException(404, "ERROR", "In handler 'roles': Could not find object id=" + name);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("capabilities", role.name().equals("admin") ? CAPABILITIES : List.of("search"));
        c.put("cumulativeRTSrchJobsQuota", 0);
        c.put("cumulativeSrchJobsQuota", 0);
        c.put("defaultApp", "");
        c.put("imported_roles", List.of());
        c.put("rtSrchJobsQuota", 6);
        c.put("srchDiskQuota", role.srchDiskQuotaMb());
        c.put("srchFilter", "");
        c.put("srchIndexesAllowed", role.srchIndexesAllowed());
        c.put("srchIndexesDefault", List.of("main"));
        c.put("srchJobsQuota", role.srchJobsQuota());
        c.put(
                "srchTimeEarliest",
                role.srchTimeEarliest() == null ? -1 : role.srchTimeEarliest().toSeconds());
        c.put(
                "srchTimeWin",
                role.srchTimeWin() == null ? -1 : role.srchTimeWin().toSeconds());
        sendEntries(exchange, params, "roles", basePath, List.of(entry(name, basePath, "nobody", c)));
    }

    /** {@code GET data/indexes[/<name>]}: the indexes that hold events, with their event counts and time span. */
    void indexes(HttpExchange exchange, RequestParameters params, String only, String basePath) throws IOException {
        Set<String> names = server.dataset().indexes();
        if (only != null && !names.contains(only)) {
            throw new SplunkRequestException(404, "ERROR", "In handler 'indexes': Could not find object id=" + only);
        }
        Map<String, long[]> stats = new TreeMap<>();
        Instant now = server.clock().instant();
        EventQuery query = EventQuery.builder()
                .indexes(only == null ? Set.of() : Set.of(only))
                .build();
        for (Iterator<EmulatedEvent> it = server.dataset().newestFirst(query, now); it.hasNext(); ) {
            EmulatedEvent e = it.next();
            long[] s = stats.computeIfAbsent(e.index(), i -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE, 0});
            s[0]++;
            s[1] = Math.min(s[1], e.time().getEpochSecond());
            s[2] = Math.max(s[2], e.time().getEpochSecond());
            s[3] += e.raw().length();
        }
        List<Atom.Entry> entries = new ArrayList<>();
        String collection = only == null ? basePath : basePath.substring(0, basePath.lastIndexOf('/'));
        for (String name : names) {
            if (only != null && !only.equals(name)) {
                continue;
            }
            long[] s = stats.getOrDefault(name, new long[] {0, 0, 0, 0});
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("coldPath", "$SPLUNK_DB/" + name + "/colddb");
            c.put("currentDBSizeMB", (s[3] + (1 << 20) - 1) >> 20);
            c.put("datatype", "event");
            c.put("disabled", false);
            c.put("frozenTimePeriodInSecs", 188697600);
            c.put("homePath", "$SPLUNK_DB/" + name + "/db");
            c.put("maxTime", s[0] == 0 ? "" : server.atomTime(Instant.ofEpochSecond(s[2])));
            c.put("maxTotalDataSizeMB", 500000);
            c.put("minTime", s[0] == 0 ? "" : server.atomTime(Instant.ofEpochSecond(s[1])));
            c.put("thawedPath", "$SPLUNK_DB/" + name + "/thaweddb");
            c.put("totalEventCount", s[0]);
            entries.add(entry(name, collection + "/" + name, "nobody", c));
        }
        sendEntries(exchange, params, "indexes", collection, entries);
    }

    private Atom.Entry entry(String name, String path, String author, Map<String, Object> content) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("alternate", path);
        links.put("list", path);
        Map<String, Object> acl = new LinkedHashMap<>();
        acl.put("app", "");
        acl.put("can_list", true);
        acl.put("can_write", false);
        acl.put("modifiable", false);
        acl.put("owner", author);
        acl.put("perms", Map.of("read", List.of("*"), "write", List.of()));
        acl.put("removable", false);
        acl.put("sharing", "system");
        return new Atom.Entry(name, name, path, server.atomTime(server.startedAt()), null, author, links, content, acl);
    }

    private void sendEntries(
            HttpExchange exchange, RequestParameters params, String title, String path, List<Atom.Entry> entries)
            throws IOException {
        Atom.Feed feed = new Atom.Feed(
                title, path, server.atomTime(server.clock().instant()), Map.of(), entries, entries.size(), 30, 0);
        Responses.send(
                exchange,
                200,
                params.wantsJson(),
                params.wantsJson() ? Atom.feedJson(feed, server.origin()) : Atom.feedXml(feed, server.origin()));
    }
}
