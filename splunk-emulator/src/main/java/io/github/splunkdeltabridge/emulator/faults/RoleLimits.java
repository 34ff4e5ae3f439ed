package io.github.splunkdeltabridge.emulator.faults;

import io.github.splunkdeltabridge.emulator.data.EventQuery;
import io.github.splunkdeltabridge.emulator.data.Wildcards;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A role's search limits from {@code authorize.conf}, applied to every search of a user who has the role.
 * Defaults are those of Splunk's {@code admin} role: no time window, no earliest limit, every index.
 *
 * <ul>
 *   <li>{@code srchTimeWin}: the longest event-time span of one search. Splunk applies it "backwards from the
 *       latest time specified for a search" (authorize.conf spec): a longer search is cut, not refused.</li>
 *   <li>{@code srchTimeEarliest}: how far back from now a search may reach; an earlier {@code earliest} is moved
 *       forward.</li>
 *   <li>{@code srchIndexesAllowed}: indexes (wildcards allowed) the role may search; {@code index=*} and any
 *       other index are narrowed to them silently.</li>
 *   <li>{@code srchJobsQuota}: concurrent historical searches of one user; beyond it Splunk answers 503.</li>
 *   <li>{@code srchDiskQuota}: megabytes the user's search artifacts may take; beyond it a new search is refused.</li>
 * </ul>
 *
 * @param srchTimeWin         null for no limit
 * @param srchTimeEarliest    null for no limit
 * @param srchDiskQuotaMb     0 for no limit
 * @param srchJobsQuota       0 for no limit
 */
public record RoleLimits(
        String name,
        Duration srchTimeWin,
        Duration srchTimeEarliest,
        List<String> srchIndexesAllowed,
        long srchDiskQuotaMb,
        int srchJobsQuota) {

    /** Splunk's admin role as the emulator models it: no limits. */
    public static final RoleLimits ADMIN = builder("admin").build();

    public RoleLimits {
        Objects.requireNonNull(name, "name");
        srchIndexesAllowed = List.copyOf(srchIndexesAllowed);
    }

    public static Builder builder(String roleName) {
        return new Builder(roleName);
    }

    /** Whether the role may read {@code index}. */
    public boolean allowsIndex(String index) {
        return srchIndexesAllowed.stream()
                .anyMatch(p -> Wildcards.toRegex(p).matcher(index).matches());
    }

    /** The query with its event-time range cut to the role's window and earliest limit. */
    public EventQuery restrict(EventQuery query, Instant now) {
        Instant earliest = query.earliest();
        Instant latest = query.latest() == null ? now : query.latest();
        if (srchTimeWin != null) {
            Instant windowStart = latest.minus(srchTimeWin);
            if (earliest == null || earliest.isBefore(windowStart)) {
                earliest = windowStart;
            }
        }
        if (srchTimeEarliest != null) {
            Instant limit = now.minus(srchTimeEarliest);
            if (earliest == null || earliest.isBefore(limit)) {
                earliest = limit;
            }
        }
        if (Objects.equals(earliest, query.earliest())) {
            return query;
        }
        return new EventQuery(
                query.indexes(),
                query.fieldMatches(),
                query.rawTerms(),
                earliest,
                query.latest(),
                query.indexEarliest(),
                query.indexLatest());
    }

    public static final class Builder {
        private final String name;
        private Duration srchTimeWin;
        private Duration srchTimeEarliest;
        private List<String> srchIndexesAllowed = List.of("*");
        private long srchDiskQuotaMb;
        private int srchJobsQuota;

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a role needs a name");
            }
            this.name = name;
        }

        /** {@code srchTimeWin}: longest event-time span of one search. */
        public Builder srchTimeWin(Duration window) {
            this.srchTimeWin = positive(window, "srchTimeWin");
            return this;
        }

        /** {@code srchTimeEarliest}: how far back from now a search may reach. */
        public Builder srchTimeEarliest(Duration howFarBack) {
            this.srchTimeEarliest = positive(howFarBack, "srchTimeEarliest");
            return this;
        }

        /** {@code srchIndexesAllowed}: index names or wildcards, e.g. {@code web}, {@code app*}. */
        public Builder srchIndexesAllowed(String... indexes) {
            if (indexes.length == 0) {
                throw new IllegalArgumentException("srchIndexesAllowed needs at least one index or wildcard");
            }
            this.srchIndexesAllowed = List.of(indexes);
            return this;
        }

        /** {@code srchDiskQuota} in megabytes. */
        public Builder srchDiskQuotaMb(long megabytes) {
            if (megabytes < 1) {
                throw new IllegalArgumentException("srchDiskQuota must be at least 1 MB, not " + megabytes);
            }
            this.srchDiskQuotaMb = megabytes;
            return this;
        }

        /** {@code srchJobsQuota}: concurrent historical searches of one user. */
        public Builder srchJobsQuota(int searches) {
            if (searches < 1) {
                throw new IllegalArgumentException("srchJobsQuota must be at least 1, not " + searches);
            }
            this.srchJobsQuota = searches;
            return this;
        }

        public RoleLimits build() {
            return new RoleLimits(
                    name, srchTimeWin, srchTimeEarliest, srchIndexesAllowed, srchDiskQuotaMb, srchJobsQuota);
        }

        private static Duration positive(Duration d, String setting) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(setting + " must be a positive duration, not " + d);
            }
            return d;
        }
    }
}
