package io.github.splunkdeltabridge.emulator;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.splunkdeltabridge.emulator.data.Dataset;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import io.github.splunkdeltabridge.emulator.faults.FaultInjector;
import io.github.splunkdeltabridge.emulator.faults.FaultState;
import io.github.splunkdeltabridge.emulator.faults.RoleLimits;
import io.github.splunkdeltabridge.emulator.http.Authentication;
import io.github.splunkdeltabridge.emulator.http.RequestCounters;
import io.github.splunkdeltabridge.emulator.http.RestHandler;
import io.github.splunkdeltabridge.emulator.http.ServerContext;
import io.github.splunkdeltabridge.emulator.http.SplunkVersion;
import io.github.splunkdeltabridge.emulator.http.UserAccount;
import io.github.splunkdeltabridge.emulator.jobs.SearchJobs;
import io.github.splunkdeltabridge.emulator.search.SplunkTimeFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A Splunk REST API on a loopback port, for tests, benchmarks and the local stack: login, server info, streaming
 * export, the search jobs API (v1 and, from 9.0.1, v2), Splunk's Atom and results formats, status codes and error
 * bodies, role limits, and switchable faults ({@link #faults()}). docs/emulator.md lists what it emulates.
 *
 * <pre>{@code
 * try (SplunkEmulator splunk = SplunkEmulator.builder().token("t").build().start()) {
 *     URI base = splunk.baseUri();   // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class SplunkEmulator implements AutoCloseable {

    static final String KEYSTORE_RESOURCE = "emulator-tls.p12";
    static final char[] KEYSTORE_PASSWORD = "changeit".toCharArray();

    private final Builder settings;
    private final FaultState faultState = new FaultState();
    private final FaultInjector faults;
    private final RequestCounters counters = new RequestCounters();
    private final EmulatorStats stats = new EmulatorStats(counters);
    private final Authentication authentication;
    private final ScheduledExecutorService outages = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "splunk-emulator-outage");
        thread.setDaemon(true);
        return thread;
    });
    private HttpServer server;
    private RestHandler handler;
    private ExecutorService executor;
    private int boundPort = -1;
    private ScheduledFuture<?> pendingRestart;
    private boolean closed;

    private SplunkEmulator(Builder settings) {
        this.settings = settings;
        this.authentication =
                new Authentication(settings.users, settings.tokens, settings.sessionTtl, Clock.systemUTC(), faultState);
        this.faults = new FaultInjector(faultState, this::expireSessions, this::outage);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving; answers this emulator. */
    public synchronized SplunkEmulator start() {
        if (server != null || executor != null) {
            throw new IllegalStateException("already started");
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "splunk-emulator-http");
            thread.setDaemon(true);
            return thread;
        });
        ServerContext context = new ServerContext(
                settings.version,
                settings.serverName,
                settings.zone,
                settings.clock,
                settings.dataset,
                () -> baseUri().toString(),
                settings.jobRunTime,
                settings.defaultTimeFormat,
                settings.instanceType,
                settings.maxResultRows,
                Instant.now());
        handler = new RestHandler(
                context,
                authentication,
                faultState,
                counters,
                new SearchJobs(),
                settings.maxConcurrentSearches,
                settings.tls);
        listen(settings.port);
        return this;
    }

    private void listen(int port) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            server = settings.tls ? httpsServer(address) : HttpServer.create(address, 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port + " (is the port taken?)", e);
        }
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        boundPort = server.getAddress().getPort();
    }

    /** Where the REST API listens, e.g. {@code https://127.0.0.1:54321}; the same during an outage. */
    public URI baseUri() {
        if (boundPort < 0) {
            throw new IllegalStateException("not started");
        }
        return URI.create((settings.tls ? "https" : "http") + "://127.0.0.1:" + boundPort);
    }

    public FaultInjector faults() {
        return faults;
    }

    public EmulatorStats stats() {
        return stats;
    }

    public Dataset dataset() {
        return settings.dataset;
    }

    /** The Splunk version this emulator plays. */
    public String splunkVersion() {
        return settings.version.text();
    }

    /**
     * Replay mode for benchmarks: renders the export these request parameters ask for (e.g. {@code search},
     * {@code earliest_time}, {@code latest_time}, {@code output_mode}) once, now, as the token's first user, into a
     * temporary file, and from then on answers an export request with exactly these parameters from that file,
     * costing no CPU per event and no heap (a body is as large as the export: about 716 bytes per event in json).
     * Call it before timing. Faults do not apply to replayed bodies. {@link #close} deletes the files.
     *
     * @return the size of the rendered body in bytes
     */
    public long prerenderExport(Map<String, String> parameters) {
        if (handler == null) {
            throw new IllegalStateException("start the emulator before prerendering");
        }
        try {
            return handler.prerenderExport(parameters, settings.defaultUser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void expireSessions() {
        authentication.expireAllSessions();
    }

    /** Closes the listening socket (and streams in flight) now and listens again on the same port later. */
    private synchronized void outage(Duration duration) {
        if (server == null || closed) {
            throw new IllegalStateException("the emulator is not serving");
        }
        server.stop(0);
        server = null;
        pendingRestart = outages.schedule(this::restart, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void restart() {
        if (!closed && server == null) {
            listen(boundPort);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
        }
        outages.shutdownNow();
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        if (handler != null) {
            try {
                handler.deleteReplays();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the emulator's prerendered exports", e);
            }
        }
    }

    private static HttpsServer httpsServer(InetSocketAddress address) throws IOException {
        HttpsServer https = HttpsServer.create(address, 64);
        https.setHttpsConfigurator(new HttpsConfigurator(sslContext()));
        return https;
    }

    private static SSLContext sslContext() {
        try (InputStream in = SplunkEmulator.class.getResourceAsStream(KEYSTORE_RESOURCE)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(Objects.requireNonNull(in, KEYSTORE_RESOURCE), KEYSTORE_PASSWORD);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, KEYSTORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the emulator's TLS key store", e);
        }
    }

    public static final class Builder {
        private static final String ADMIN = "admin";

        private int port;
        private boolean tls;
        private final Map<String, UserAccount> users = new LinkedHashMap<>();
        private final Map<String, String> tokens = new LinkedHashMap<>();
        private Duration sessionTtl = Duration.ofHours(1);
        private Dataset dataset;
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneOffset.UTC;
        private int maxConcurrentSearches = 50;
        private SplunkVersion version = SplunkVersion.parse("9.3.2");
        private Duration jobRunTime = Duration.ofMillis(250);
        private String defaultTimeFormat = SplunkTimeFormat.ISO_8601;
        private String instanceType = "download";
        private String serverName = "splunk-emulator";
        private int maxResultRows = 50_000;

        /** Loopback port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Serve HTTPS with the bundled self-signed certificate for {@code localhost} / {@code 127.0.0.1}. */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** A user for {@code /services/auth/login} and Basic auth, with the admin role unless {@link #role} says otherwise. */
        public Builder user(String username, String password) {
            users.put(username, account(username).withPassword(Objects.requireNonNull(password, "password")));
            return this;
        }

        /** An authentication token of the {@code admin} user, accepted as {@code Bearer <token>} and {@code Splunk <token>}. */
        public Builder token(String token) {
            return token(token, ADMIN);
        }

        /** An authentication token that authenticates as {@code username}. */
        public Builder token(String token, String username) {
            users.putIfAbsent(username, account(username));
            tokens.put(Objects.requireNonNull(token, "token"), username);
            return this;
        }

        /** Role mode: {@code username}'s searches run under these {@code authorize.conf} limits. */
        public Builder role(String username, RoleLimits limits) {
            users.put(username, account(username).withRole(Objects.requireNonNull(limits, "limits")));
            return this;
        }

        /**
         * The time zone of {@code username}'s preferences ({@code tz}): {@code _time} is rendered in it and relative
         * times snap to it. Users without one use the server's zone ({@link #zone}).
         */
        public Builder userTimeZone(String username, ZoneId timeZone) {
            users.put(username, account(username).withTimeZone(Objects.requireNonNull(timeZone, "timeZone")));
            return this;
        }

        /** Session keys stop working after this much inactivity. */
        public Builder sessionTtl(Duration sessionTtl) {
            this.sessionTtl = sessionTtl;
            return this;
        }

        public Builder dataset(Dataset dataset) {
            this.dataset = dataset;
            return this;
        }

        /** The emulator's "now": relative times resolve against it and events indexed later are not yet visible. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The server's time zone, the default of users who set none. */
        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        /** Searches beyond this many at once answer 503 with Splunk's quota message. */
        public Builder maxConcurrentSearches(int maxConcurrentSearches) {
            if (maxConcurrentSearches < 1) {
                throw new IllegalArgumentException(
                        "maxConcurrentSearches must be at least 1, not " + maxConcurrentSearches);
            }
            this.maxConcurrentSearches = maxConcurrentSearches;
            return this;
        }

        /**
         * Version mode: the Splunk version to play, e.g. {@code 8.2.12}, {@code 9.3.2} (the default), {@code 10.0.0}.
         * {@code server/info} reports it; before 9.0.1 the {@code search/v2} endpoints answer 404, as Splunk's do.
         */
        public Builder splunkVersion(String version) {
            this.version = SplunkVersion.parse(version);
            return this;
        }

        /** How long a normal search job takes from QUEUED to DONE (default 250 ms); blocking jobs are done at once. */
        public Builder jobRunTime(Duration runTime) {
            if (runTime.isNegative()) {
                throw new IllegalArgumentException("jobRunTime must not be negative, not " + runTime);
            }
            this.jobRunTime = runTime;
            return this;
        }

        /**
         * The strftime rendering of {@code _time} when a request names neither {@code output_time_format} nor
         * {@code time_format}. Default Splunk's ISO-8601 ({@link SplunkTimeFormat#ISO_8601}); e.g.
         * {@link SplunkTimeFormat#SPACE_SEPARATED_WITH_ZONE_NAME} plays servers that render {@code 2024-03-01
         * 12:34:56.789 UTC}.
         */
        public Builder defaultTimeFormat(String strftime) {
            SplunkTimeFormat.of(strftime);
            this.defaultTimeFormat = strftime;
            return this;
        }

        /** {@code server/info}'s {@code instance_type}: {@code download} (Splunk Enterprise, default) or {@code cloud}. */
        public Builder instanceType(String instanceType) {
            this.instanceType = Objects.requireNonNull(instanceType, "instanceType");
            return this;
        }

        /**
         * limits.conf {@code [searchresults] maxresultrows}: the most rows one results, events or oneshot request
         * returns, whatever its {@code count} (Splunk's default 50,000).
         */
        public Builder maxResultRows(int maxResultRows) {
            if (maxResultRows < 1) {
                throw new IllegalArgumentException("maxResultRows must be at least 1, not " + maxResultRows);
            }
            this.maxResultRows = maxResultRows;
            return this;
        }

        /** {@code server/info}'s {@code serverName}. */
        public Builder serverName(String serverName) {
            this.serverName = Objects.requireNonNull(serverName, "serverName");
            return this;
        }

        public SplunkEmulator build() {
            if (dataset == null) {
                dataset = GeneratedDataset.builder().build();
            }
            return new SplunkEmulator(this);
        }

        private UserAccount account(String username) {
            UserAccount existing = users.get(username);
            return existing != null ? existing : new UserAccount(username, null, RoleLimits.ADMIN, null);
        }

        /** Whom prerendered exports run as: the admin if there is one, else the first user. */
        String defaultUser() {
            if (users.containsKey(ADMIN)) {
                return ADMIN;
            }
            return users.keySet().stream()
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the emulator has no user or token"));
        }
    }
}
