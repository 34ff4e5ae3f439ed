package io.github.splunkdeltabridge.client;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the pooled Apache HttpClient: TLS, proxy, timeouts. No automatic retries: {@link RetryLoop} owns those. */
final class HttpClientFactory {

    private static final Logger LOG = LoggerFactory.getLogger(HttpClientFactory.class);
    private static final AtomicBoolean INSECURE_WARNED = new AtomicBoolean();

    private HttpClientFactory() {}

    static CloseableHttpClient create(SplunkClientConfig config) {
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(config.connectTimeout()))
                // The socket timeout is the inactivity limit while the export streams.
                .setSocketTimeout(Timeout.of(config.readTimeout()))
                .build();
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(tlsStrategy(config.tls()))
                .setDefaultConnectionConfig(connection)
                .setMaxConnTotal(16)
                .setMaxConnPerRoute(16)
                .build();
        RequestConfig request = RequestConfig.custom()
                .setResponseTimeout(Timeout.of(config.readTimeout()))
                .setConnectionRequestTimeout(Timeout.of(config.connectTimeout()))
                .build();
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(request)
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableRedirectHandling()
                .setUserAgent("splunk-delta-bridge");
        URI proxy = config.proxy();
        if (proxy != null) {
            String scheme = proxy.getScheme() == null ? "http" : proxy.getScheme();
            int port = proxy.getPort() > 0 ? proxy.getPort() : ("https".equalsIgnoreCase(scheme) ? 443 : 3128);
            builder.setProxy(new HttpHost(scheme, proxy.getHost(), port));
        }
        return builder.build();
    }

    static DefaultClientTlsStrategy tlsStrategy(TlsSettings tls) {
        try {
            return switch (tls.mode()) {
                case VERIFYING -> new DefaultClientTlsStrategy(SSLContexts.createDefault());
                case TRUST_STORE -> new DefaultClientTlsStrategy(trustStoreContext(tls));
                case INSECURE -> {
                    if (INSECURE_WARNED.compareAndSet(false, true)) {
                        LOG.warn("TLS verification is DISABLED for Splunk connections (insecure mode): "
                                + "certificates and host names are not checked. Use only in development.");
                    }
                    SSLContext trustAll = SSLContexts.custom()
                            .loadTrustMaterial(TrustAllStrategy.INSTANCE)
                            .build();
                    yield new DefaultClientTlsStrategy(
                            trustAll, HostnameVerificationPolicy.CLIENT, NoopHostnameVerifier.INSTANCE);
                }
            };
        } catch (GeneralSecurityException e) {
            throw new SplunkException("Cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static SSLContext trustStoreContext(TlsSettings tls) throws GeneralSecurityException {
        char[] password = tls.password();
        try (InputStream in = Files.newInputStream(tls.trustStore())) {
            KeyStore store = KeyStore.getInstance(tls.type());
            store.load(in, password);
            return SSLContexts.custom().loadTrustMaterial(store, null).build();
        } catch (java.io.IOException e) {
            // The keystore's own message may mention a wrong password, never the password itself.
            throw new SplunkException("Cannot read trust store " + tls.trustStore() + ": " + e.getMessage(), e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }
}
