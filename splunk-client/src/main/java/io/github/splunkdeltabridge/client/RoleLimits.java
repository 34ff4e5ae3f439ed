package io.github.splunkdeltabridge.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The search limits in force for a user, combined over all their roles as authorize.conf describes: "the Splunk
 * platform applies the least restrictive" time limits of the roles, -1 means the role sets none (an imported role's
 * value counts) and 0 means unlimited. The allowed indexes are the union of the roles' {@code srchIndexesAllowed}.
 *
 * <ul>
 *   <li>{@code srchTimeWin}: the longest time range one search may cover, "applied backwards from the latest time
 *       specified" (a longer search is narrowed, silently);</li>
 *   <li>{@code srchTimeEarliest}: the earliest event time that can be searched, "in seconds before the current wall
 *       clock time";</li>
 *   <li>{@code srchJobsQuota}: concurrently running historical searches per user (503 beyond it);</li>
 *   <li>{@code srchDiskQuota}: megabytes of search artifacts; beyond it a search is auto-finalized;</li>
 *   <li>{@code srchIndexesAllowed}: {@code index=*} is narrowed to these.</li>
 * </ul>
 */
public final class RoleLimits {

    /** A limit and the role it comes from, for messages that say what to change. */
    public record Limit(long value, String role) {}

    private final String username;
    private final List<String> roles;
    private final Limit searchTimeWindow;
    private final Limit searchTimeEarliest;
    private final Limit jobsQuota;
    private final Limit diskQuotaMb;
    private final Set<String> indexesAllowed;

    private RoleLimits(
            String username,
            List<String> roles,
            Limit searchTimeWindow,
            Limit searchTimeEarliest,
            Limit jobsQuota,
            Limit diskQuotaMb,
            Set<String> indexesAllowed) {
        this.username = username;
        this.roles = List.copyOf(roles);
        this.searchTimeWindow = searchTimeWindow;
        this.searchTimeEarliest = searchTimeEarliest;
        this.jobsQuota = jobsQuota;
        this.diskQuotaMb = diskQuotaMb;
        this.indexesAllowed = indexesAllowed;
    }

    /** Combines the settings of every role of {@code user}. */
    public static RoleLimits of(UserContext user, List<RoleSettings> roles) {
        Set<String> indexes = new LinkedHashSet<>();
        boolean indexesKnown = false;
        for (RoleSettings role : roles) {
            indexes.addAll(role.indexesAllowed());
            indexesKnown |= !role.indexesAllowed().isEmpty();
        }
        return new RoleLimits(
                user.username(),
                user.roles(),
                leastRestrictive(roles, RoleSettings::searchTimeWindows),
                leastRestrictive(roles, RoleSettings::searchTimeEarliest),
                leastRestrictive(roles, RoleSettings::jobsQuotas),
                leastRestrictive(roles, RoleSettings::diskQuotasMb),
                indexesKnown ? Set.copyOf(indexes) : null);
    }

    /** No limits known (the roles could not be read): nothing is checked. */
    public static RoleLimits unknown(String username) {
        return new RoleLimits(username, List.of(), null, null, null, null, null);
    }

    private static Limit leastRestrictive(
            List<RoleSettings> roles, java.util.function.Function<RoleSettings, List<Long>> values) {
        Limit widest = null;
        for (RoleSettings role : roles) {
            for (long v : values.apply(role)) {
                if (v == 0) {
                    return null; // unlimited, and no other role can narrow it
                }
                if (v > 0 && (widest == null || v > widest.value())) {
                    widest = new Limit(v, role.name());
                }
            }
        }
        return widest;
    }

    public String username() {
        return username;
    }

    public List<String> roles() {
        return roles;
    }

    /** {@code srchTimeWin}: the longest range one search may cover; empty when unlimited. */
    public Optional<Limit> searchTimeWindow() {
        return Optional.ofNullable(searchTimeWindow);
    }

    /** {@code srchTimeEarliest}: how far before now a search may reach; empty when unlimited. */
    public Optional<Limit> searchTimeEarliest() {
        return Optional.ofNullable(searchTimeEarliest);
    }

    /** {@code srchJobsQuota}: concurrent historical searches of this user; empty when unlimited. */
    public Optional<Limit> jobsQuota() {
        return Optional.ofNullable(jobsQuota);
    }

    /** {@code srchDiskQuota} in megabytes; empty when unlimited. */
    public Optional<Limit> diskQuotaMb() {
        return Optional.ofNullable(diskQuotaMb);
    }

    /** {@code srchIndexesAllowed} over all roles, wildcards kept; empty when the roles do not say. */
    public Optional<Set<String>> indexesAllowed() {
        return Optional.ofNullable(indexesAllowed);
    }

    /**
     * Whether a search of {@code index} is allowed. authorize.conf: wildcards match "either all the non-internal
     * indexes or all the internal indexes, but not both at once": {@code *} matches names not starting with
     * {@code _}, {@code _*} those that do. True when the roles do not say.
     */
    public boolean allowsIndex(String index) {
        if (indexesAllowed == null) {
            return true;
        }
        for (String pattern : indexesAllowed) {
            if (matches(pattern, index)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String index) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String i = index.toLowerCase(Locale.ROOT);
        if (p.contains("*") && p.startsWith("_") != i.startsWith("_")) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : p.toCharArray()) {
            regex.append(c == '*' ? ".*" : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return i.matches(regex.toString());
    }

    /** "srchTimeWin = 3600 s (1h, role 'migration')": a limit as a message shows it. */
    public static String describe(String setting, Limit limit) {
        return setting + " = " + limit.value() + " s (" + Duration.ofSeconds(limit.value()) + ", role '" + limit.role()
                + "')";
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        searchTimeWindow().ifPresent(l -> parts.add(describe("srchTimeWin", l)));
        searchTimeEarliest().ifPresent(l -> parts.add(describe("srchTimeEarliest", l)));
        jobsQuota().ifPresent(l -> parts.add("srchJobsQuota = " + l.value() + " (role '" + l.role() + "')"));
        diskQuotaMb().ifPresent(l -> parts.add("srchDiskQuota = " + l.value() + " MB (role '" + l.role() + "')"));
        indexesAllowed().ifPresent(i -> parts.add("srchIndexesAllowed = " + String.join(";", i)));
        return "RoleLimits[user=" + username + ", roles=" + roles + (parts.isEmpty() ? "" : ", ")
                + String.join(", ", parts) + "]";
    }
}
