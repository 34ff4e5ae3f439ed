package io.github.splunkdeltabridge.emulator.http;

import io.github.splunkdeltabridge.emulator.faults.FaultState;
import io.github.splunkdeltabridge.emulator.faults.RoleLimits;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may call, and as which user: users with passwords (login and Basic auth), authentication tokens (sent as
 * {@code Bearer} or {@code Splunk}), the session keys login hands out (sent as {@code Splunk <key>}, or as the
 * {@code splunkd_<port>} cookie that {@code cookie=1} login sets), which expire after a period of inactivity.
 * Session expiry runs on the wall clock, not on the dataset's clock, which tests often stop.
 */
public final class Authentication {

    /** Splunk's session cookie is named after the management port ("splunkd_8089"). */
    static final String COOKIE_PREFIX = "splunkd_";

    private record Session(String user, Instant lastUsed) {}

    private final Map<String, UserAccount> users;
    private final Map<String, String> tokenOwners;
    private final Duration sessionTtl;
    private final Clock wallClock;
    private final FaultState faults;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public Authentication(
            Map<String, UserAccount> users,
            Map<String, String> tokenOwners,
            Duration sessionTtl,
            Clock wallClock,
            FaultState faults) {
        this.users = Map.copyOf(users);
        this.tokenOwners = Map.copyOf(tokenOwners);
        this.sessionTtl = sessionTtl;
        this.wallClock = wallClock;
        this.faults = faults;
    }

    /** A new session key, or null when the user or password is wrong. */
    String login(String username, String password) {
        UserAccount user = username == null ? null : users.get(username);
        if (user == null || user.password() == null || !user.password().equals(password)) {
            return null;
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String key = HexFormat.of().formatHex(bytes);
        sessions.put(key, new Session(username, wallClock.instant()));
        return key;
    }

    /** The role of that name some user has, or null. */
    RoleLimits roleNamed(String name) {
        return users.values().stream()
                .map(UserAccount::role)
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    UserAccount user(String name) {
        return users.get(name);
    }

    Duration sessionTtl() {
        return sessionTtl;
    }

    /**
     * The user an {@code Authorization} header (or, without one, the session cookie) authenticates, or null.
     *
     * @param cookieHeader the {@code Cookie} header, may be null
     */
    UserAccount authenticate(String authorization, String cookieHeader) {
        if (authorization == null) {
            String key = sessionCookie(cookieHeader);
            return key == null ? null : liveSession(key);
        }
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = authorization.substring(0, space);
        String credential = authorization.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Basic")) {
            return basic(credential);
        }
        if (scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("Splunk")) {
            String owner = tokenOwners.get(credential);
            if (owner != null) {
                return faults.takeRejectToken() ? null : users.get(owner);
            }
            return scheme.equalsIgnoreCase("Splunk") ? liveSession(credential) : null;
        }
        return null;
    }

    public void expireAllSessions() {
        sessions.clear();
    }

    private static String sessionCookie(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (String cookie : cookieHeader.split(";")) {
            String c = cookie.trim();
            int eq = c.indexOf('=');
            if (eq > 0 && c.startsWith(COOKIE_PREFIX)) {
                return c.substring(eq + 1).trim();
            }
        }
        return null;
    }

    private UserAccount liveSession(String key) {
        Instant now = wallClock.instant();
        Session session = sessions.get(key);
        if (session == null || session.lastUsed().plus(sessionTtl).isBefore(now)) {
            sessions.remove(key);
            return null;
        }
        sessions.put(key, new Session(session.user(), now));
        return users.get(session.user());
    }

    private UserAccount basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            UserAccount user = users.get(decoded.substring(0, colon));
            return user != null && user.password() != null && user.password().equals(decoded.substring(colon + 1))
                    ? user
                    : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
