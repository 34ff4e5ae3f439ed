package io.github.splunkdeltabridge.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * How the client authenticates. Holds secrets; {@link #toString()} never prints them.
 *
 * <ul>
 *   <li>{@link #bearerToken(String)}: Splunk authentication token (JWT), sent as {@code Authorization: Bearer <t>}.</li>
 *   <li>{@link #splunkToken(String)}: a session key obtained elsewhere, sent as {@code Authorization: Splunk <t>}.</li>
 *   <li>{@link #login(String, String)}: {@code POST /services/auth/login}, then {@code Splunk <sessionKey>};
 *       an expired session (401) triggers one new login per request.</li>
 * </ul>
 */
public final class SplunkAuth {

    enum Kind {
        BEARER,
        SPLUNK,
        LOGIN
    }

    private final Kind kind;
    private final String username;
    private final char[] secret;

    private SplunkAuth(Kind kind, String username, char[] secret) {
        this.kind = kind;
        this.username = username;
        this.secret = secret;
    }

    public static SplunkAuth bearerToken(String token) {
        return new SplunkAuth(Kind.BEARER, null, requireSecret(token, "token"));
    }

    public static SplunkAuth splunkToken(String token) {
        return new SplunkAuth(Kind.SPLUNK, null, requireSecret(token, "token"));
    }

    public static SplunkAuth login(String username, String password) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        return new SplunkAuth(Kind.LOGIN, username, requireSecret(password, "password"));
    }

    private static char[] requireSecret(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value.toCharArray();
    }

    Kind kind() {
        return kind;
    }

    String username() {
        return username;
    }

    /** The token or password; package-private so it only reaches the HTTP layer. */
    String secret() {
        return new String(secret);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SplunkAuth other
                && kind == other.kind
                && Objects.equals(username, other.username)
                && Arrays.equals(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, username);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case BEARER -> "SplunkAuth[bearer token=****]";
            case SPLUNK -> "SplunkAuth[splunk token=****]";
            case LOGIN -> "SplunkAuth[login user=" + username + ", password=****]";
        };
    }
}
