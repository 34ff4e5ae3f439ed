package io.github.splunkdeltabridge.client;

import java.io.IOException;

/**
 * Produces the {@code Authorization} header and, for {@link SplunkAuth#login}, owns the session key:
 * logs in lazily, and logs in again when Splunk answers 401 (session keys expire after inactivity).
 * Also scrubs every secret it knows from text that came back from the server.
 */
final class Authenticator {

    /** One login round trip; returns the session key. */
    @FunctionalInterface
    interface LoginCall {
        String login(String username, String password) throws IOException;
    }

    private static final String REDACTED = "****";

    private final SplunkAuth auth;
    private final LoginCall loginCall;
    private volatile String sessionKey;

    Authenticator(SplunkAuth auth, LoginCall loginCall) {
        this.auth = auth;
        this.loginCall = loginCall;
    }

    /** The header value for the next request; logs in first when needed. */
    String header() throws IOException {
        return switch (auth.kind()) {
            case BEARER -> "Bearer " + auth.secret();
            case SPLUNK -> "Splunk " + auth.secret();
            case LOGIN -> "Splunk " + session();
        };
    }

    /** Tokens are not renewable by us: a 401 with a token is final. */
    boolean canRelogin() {
        return auth.kind() == SplunkAuth.Kind.LOGIN;
    }

    /** Forgets the session that was just refused, unless another thread already replaced it. */
    synchronized void invalidate(String refusedHeader) {
        if (sessionKey != null && refusedHeader.equals("Splunk " + sessionKey)) {
            sessionKey = null;
        }
    }

    private synchronized String session() throws IOException {
        if (sessionKey == null) {
            sessionKey = loginCall.login(auth.username(), auth.secret());
        }
        return sessionKey;
    }

    /** Replaces any token, password or session key in server-provided text before it reaches a message or log. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(auth.secret(), REDACTED);
        String key = sessionKey;
        return key == null || key.isEmpty() ? out : out.replace(key, REDACTED);
    }
}
