package io.github.splunkdeltabridge.emulator;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A Splunk REST API on a loopback port, for tests, benchmarks and the local stack: login, streaming export,
 * the search jobs API, Splunk's status codes and error bodies, and switchable faults ({@link #faults()}).
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
    private final FaultInjector faults;
    private final EmulatorStats stats = new EmulatorStats();
    private final Authentication authentication;
    private HttpServer server;
    private ExecutorService executor;

    private SplunkEmulator(Builder settings) {
        this.settings = settings;
        AuthenticationHolder holder = new AuthenticationHolder();
        this.faults = new FaultInjector(holder::expireAllSessions);
        this.authentication =
                new Authentication(settings.users, settings.tokens, settings.sessionTtl, Clock.systemUTC(), faults);
        holder.authentication = authentication;
    }

    /** Lets the fault injector reach the authentication created after it. */
    private static final class AuthenticationHolder {
        Authentication authentication;

        void expireAllSessions() {
            authentication.expireAllSessions();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving; answers this emulator. */
    public synchronized SplunkEmulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port);
            server = settings.tls ? httpsServer(address) : HttpServer.create(address, 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + settings.port + " (is the port taken?)", e);
        }
        SearchRequests searches = new SearchRequests(settings.dataset, settings.clock, settings.zone);
        SearchJobs searchJobs = new SearchJobs();
        SearchQuota quota = new SearchQuota(settings.maxConcurrentSearches, searchJobs::runningCount);
        ExportEndpoint export = new ExportEndpoint(searches, faults, stats, quota);
        JobsEndpoint jobs = new JobsEndpoint(searches, searchJobs, quota);
        server.createContext("/", new RestHandler(authentication, faults, stats, export, jobs, quota));
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "splunk-emulator-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return this;
    }

    /** Where the REST API listens, e.g. {@code https://127.0.0.1:54321}. */
    public URI baseUri() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return URI.create((settings.tls ? "https" : "http") + "://127.0.0.1:"
                + server.getAddress().getPort());
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

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
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
        private int port;
        private boolean tls;
        private final Map<String, String> users = new LinkedHashMap<>();
        private final Set<String> tokens = new LinkedHashSet<>();
        private Duration sessionTtl = Duration.ofHours(1);
        private Dataset dataset;
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneOffset.UTC;
        private int maxConcurrentSearches = 50;

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

        /** A user for {@code /services/auth/login} and Basic auth. */
        public Builder user(String username, String password) {
            users.put(username, password);
            return this;
        }

        /** An authentication token, accepted as {@code Bearer <token>} and {@code Splunk <token>}. */
        public Builder token(String token) {
            tokens.add(token);
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

        /** The server's time zone, which {@code _time} is rendered in and relative times snap to. */
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

        public SplunkEmulator build() {
            if (dataset == null) {
                dataset = GeneratedDataset.builder().build();
            }
            return new SplunkEmulator(this);
        }
    }
}
