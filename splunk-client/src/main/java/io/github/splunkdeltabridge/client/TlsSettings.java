package io.github.splunkdeltabridge.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS verification for {@code https} Splunk URLs. Holds the trust store password;
 * {@link #toString()} never prints it.
 */
public final class TlsSettings {

    enum Mode {
        VERIFYING,
        TRUST_STORE,
        INSECURE
    }

    private static final TlsSettings VERIFYING = new TlsSettings(Mode.VERIFYING, null, null, null);
    private static final TlsSettings INSECURE = new TlsSettings(Mode.INSECURE, null, null, null);

    private final Mode mode;
    private final Path trustStore;
    private final char[] password;
    private final String type;

    private TlsSettings(Mode mode, Path trustStore, char[] password, String type) {
        this.mode = mode;
        this.trustStore = trustStore;
        this.password = password;
        this.type = type;
    }

    /** Default: certificates and host name are verified against the JVM's trust store. */
    public static TlsSettings verifying() {
        return VERIFYING;
    }

    /**
     * Certificates are verified against the given trust store (for Splunk's self-signed or a private CA),
     * host names are still checked.
     *
     * @param type {@code PKCS12} or {@code JKS}
     */
    public static TlsSettings withTrustStore(Path trustStore, char[] password, String type) {
        Objects.requireNonNull(trustStore, "trustStore");
        return new TlsSettings(
                Mode.TRUST_STORE,
                trustStore,
                password == null ? null : password.clone(),
                type == null || type.isBlank() ? "PKCS12" : type);
    }

    /** Development only: trusts every certificate and skips the host name check. Logged as a warning. */
    public static TlsSettings insecure() {
        return INSECURE;
    }

    Mode mode() {
        return mode;
    }

    Path trustStore() {
        return trustStore;
    }

    char[] password() {
        return password == null ? null : password.clone();
    }

    String type() {
        return type;
    }

    @Override
    public String toString() {
        return switch (mode) {
            case VERIFYING -> "TlsSettings[verifying, JVM trust store]";
            case INSECURE -> "TlsSettings[INSECURE: no certificate or host name verification]";
            case TRUST_STORE ->
                "TlsSettings[verifying, trustStore=" + trustStore + ", type=" + type + ", password="
                        + (password == null ? "none" : "****") + "]";
        };
    }
}
