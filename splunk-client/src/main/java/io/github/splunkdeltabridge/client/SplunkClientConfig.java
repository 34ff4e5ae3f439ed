package io.github.splunkdeltabridge.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** Everything {@link SplunkClient} needs to reach Splunk's management port. Immutable; prints no secrets. */
public final class SplunkClientConfig {

    private final URI baseUri;
    private final SplunkAuth auth;
    private final String owner;
    private final String app;
    private final TlsSettings tls;
    private final URI proxy;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final RetryPolicy retry;
    private final SearchApiVersion searchApi;

    private SplunkClientConfig(Builder b) {
        this.baseUri = b.baseUri;
        this.auth = b.auth;
        this.owner = b.owner;
        this.app = b.app;
        this.tls = b.tls;
        this.proxy = b.proxy;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.retry = b.retry;
        this.searchApi = b.searchApi;
    }

    /** @param baseUri the management URL, e.g. {@code https://splunk:8089} (a path prefix is kept) */
    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    public URI baseUri() {
        return baseUri;
    }

    public SplunkAuth auth() {
        return auth;
    }

    /** Namespace owner, or null for the global {@code /services} endpoints. */
    public String owner() {
        return owner;
    }

    public String app() {
        return app;
    }

    public TlsSettings tls() {
        return tls;
    }

    public URI proxy() {
        return proxy;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public RetryPolicy retry() {
        return retry;
    }

    /** The search API version to use, or null to choose from the server's version ({@link SearchApiVersion}). */
    public SearchApiVersion searchApi() {
        return searchApi;
    }

    /** {@code /services} or {@code /servicesNS/<owner>/<app>}, URL-encoded. */
    String servicesPrefix() {
        if (owner == null) {
            return "/services";
        }
        return "/servicesNS/" + PathSegments.encode(owner) + "/" + PathSegments.encode(app);
    }

    @Override
    public String toString() {
        return "SplunkClientConfig[baseUri=" + baseUri + ", auth=" + auth
                + (owner == null ? "" : ", namespace=" + owner + "/" + app) + ", tls=" + tls
                + (proxy == null ? "" : ", proxy=" + proxy) + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", retry=" + retry
                + ", searchApi=" + (searchApi == null ? "auto" : searchApi.value()) + "]";
    }

    public static final class Builder {
        private final URI baseUri;
        private SplunkAuth auth;
        private String owner;
        private String app;
        private TlsSettings tls = TlsSettings.verifying();
        private URI proxy;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofMinutes(5);
        private RetryPolicy retry = RetryPolicy.defaults();
        private SearchApiVersion searchApi;

        private Builder(URI baseUri) {
            Objects.requireNonNull(baseUri, "baseUri");
            String scheme = baseUri.getScheme();
            if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("Splunk URL must be http or https: " + baseUri);
            }
            if (baseUri.getHost() == null) {
                throw new IllegalArgumentException("Splunk URL has no host: " + baseUri);
            }
            if (baseUri.getUserInfo() != null) {
                // Credentials in the URL would end up in logs; they belong in auth().
                throw new IllegalArgumentException("Splunk URL must not contain credentials; use auth()");
            }
            String s = baseUri.toString();
            this.baseUri = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        }

        public Builder auth(SplunkAuth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** Use {@code /servicesNS/<owner>/<app>/…} instead of {@code /services/…}. */
        public Builder namespace(String owner, String app) {
            if (owner == null || owner.isBlank() || app == null || app.isBlank()) {
                throw new IllegalArgumentException("namespace owner and app must not be blank");
            }
            this.owner = owner;
            this.app = app;
            return this;
        }

        public Builder tls(TlsSettings tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** An HTTP proxy, e.g. {@code http://proxy:3128}; null for none. */
        public Builder proxy(URI proxy) {
            if (proxy != null && (proxy.getHost() == null || proxy.getPort() < 0 && proxy.getScheme() == null)) {
                throw new IllegalArgumentException("proxy must look like http://host:port");
            }
            this.proxy = proxy;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
            return this;
        }

        /** Longest silence tolerated on a connection, also mid-stream. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = requirePositive(readTimeout, "readTimeout");
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** Use this search API version; null (the default) chooses it from the server's version. */
        public Builder searchApi(SearchApiVersion searchApi) {
            this.searchApi = searchApi;
            return this;
        }

        public SplunkClientConfig build() {
            if (auth == null) {
                throw new IllegalStateException("auth is required");
            }
            return new SplunkClientConfig(this);
        }

        private static Duration requirePositive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
