package io.github.splunkdeltabridge.emulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may call: users with passwords (login and Basic auth), authentication tokens (sent as {@code Bearer}
 * or {@code Splunk}), and the session keys that login hands out, which expire after a period of inactivity.
 * Session expiry runs on the wall clock, not on the dataset's clock, which tests often stop.
 */
final class Authentication {

    private final Map<String, String> passwords;
    private final Set<String> tokens;
    private final Duration sessionTtl;
    private final Clock wallClock;
    private final FaultInjector faults;
    private final Map<String, Instant> sessionsLastUsed = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    Authentication(
            Map<String, String> passwords,
            Set<String> tokens,
            Duration sessionTtl,
            Clock wallClock,
            FaultInjector faults) {
        this.passwords = Map.copyOf(passwords);
        this.tokens = Set.copyOf(tokens);
        this.sessionTtl = sessionTtl;
        this.wallClock = wallClock;
        this.faults = faults;
    }

    /** A new session key, or null when the user or password is wrong. */
    String login(String username, String password) {
        if (username == null || password == null || !password.equals(passwords.get(username))) {
            return null;
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String key = HexFormat.of().formatHex(bytes);
        sessionsLastUsed.put(key, wallClock.instant());
        return key;
    }

    /** Whether an {@code Authorization} header lets the request through. */
    boolean isAuthorized(String authorization) {
        if (authorization == null) {
            return false;
        }
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String scheme = authorization.substring(0, space);
        String credential = authorization.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Basic")) {
            return isValidBasic(credential);
        }
        if (scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("Splunk")) {
            if (tokens.contains(credential)) {
                return !faults.takeRejectToken();
            }
            return scheme.equalsIgnoreCase("Splunk") && isLiveSession(credential);
        }
        return false;
    }

    void expireAllSessions() {
        sessionsLastUsed.clear();
    }

    private boolean isLiveSession(String key) {
        Instant now = wallClock.instant();
        Instant lastUsed = sessionsLastUsed.get(key);
        if (lastUsed == null || lastUsed.plus(sessionTtl).isBefore(now)) {
            sessionsLastUsed.remove(key);
            return false;
        }
        sessionsLastUsed.put(key, now);
        return true;
    }

    private boolean isValidBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && decoded.substring(colon + 1).equals(passwords.get(decoded.substring(0, colon)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
