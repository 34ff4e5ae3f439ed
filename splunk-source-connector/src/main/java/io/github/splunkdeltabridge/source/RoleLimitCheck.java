package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.RoleLimits;
import io.github.splunkdeltabridge.client.TimeSlice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Compares what the connector will search with the limits of the Splunk user's roles (authorize.conf). Splunk narrows a
 * search that reaches beyond {@code srchTimeWin} or {@code srchTimeEarliest} without failing it, so a slice that does
 * not fit would be copied in part and marked done: these checks refuse such a search before it runs, naming the
 * limit and the setting to change. {@link #errors} checks a configuration (validate, task start); the
 * {@code check…} methods check each export as the task issues it, since {@code srchTimeEarliest} moves with the
 * clock.
 */
final class RoleLimitCheck {

    private final RoleLimits limits;

    RoleLimitCheck(RoleLimits limits) {
        this.limits = limits;
    }

    RoleLimits limits() {
        return limits;
    }

    /** Errors by the setting to show them on; empty when the configuration fits the roles. */
    Map<String, String> errors(SplunkSourceConfig config, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<RoleLimits.Limit> window = limits.searchTimeWindow();
        Optional<RoleLimits.Limit> earliest = limits.searchTimeEarliest();
        if (config.backfillStart() != null) {
            Duration slice = config.sliceDuration();
            window.filter(w -> slice.compareTo(seconds(w)) > 0)
                    .ifPresent(w -> errors.put(SplunkSourceConfig.SLICE_DURATION, sliceTooLong(slice, w)));
            earliest.filter(e -> config.backfillStart().isBefore(now.minus(seconds(e))))
                    .ifPresent(e -> errors.put(
                            SplunkSourceConfig.BACKFILL_START,
                            SplunkSourceConfig.BACKFILL_START + " (" + config.backfillStart() + ") is before the"
                                    + " earliest time the role may search, "
                                    + RoleLimits.describe("srchTimeEarliest", e) + ": nothing before "
                                    + now.minus(seconds(e)) + " can be read. Set " + SplunkSourceConfig.BACKFILL_START
                                    + " later, or raise srchTimeEarliest"));
        }
        if (config.tailEnabled()) {
            tailError(config, window, "srchTimeWin", "the longest time range one search may cover")
                    .or(() -> tailError(config, earliest, "srchTimeEarliest", "how far back a search may reach"))
                    .ifPresent(e -> errors.put(SplunkSourceConfig.TAIL_MAX_EVENT_AGE, e));
        }
        int concurrent = config.getInt(SplunkSourceConfig.MAX_CONCURRENT_SEARCHES);
        limits.jobsQuota()
                .filter(q -> concurrent > q.value())
                .ifPresent(q -> errors.put(
                        SplunkSourceConfig.MAX_CONCURRENT_SEARCHES,
                        SplunkSourceConfig.MAX_CONCURRENT_SEARCHES + " (" + concurrent + ") exceeds the role's"
                                + " concurrent search quota, srchJobsQuota = " + q.value() + " (role '" + q.role()
                                + "'): searches beyond it are refused with 503 until one ends. Set it to "
                                + q.value() + " or less, or raise srchJobsQuota"));
        List<String> forbidden = new ArrayList<>();
        for (String index : config.getList(SplunkSourceConfig.INDEXES)) {
            if (!index.contains("*") && !limits.allowsIndex(index)) {
                forbidden.add(index);
            }
        }
        if (!forbidden.isEmpty()) {
            errors.put(
                    SplunkSourceConfig.INDEXES,
                    "The roles of user '" + limits.username() + "' may not search " + String.join(", ", forbidden)
                            + " (srchIndexesAllowed = "
                            + String.join(";", limits.indexesAllowed().orElseThrow())
                            + "): Splunk would return nothing for them. Grant the indexes to a role of the user");
        }
        return errors;
    }

    private Optional<String> tailError(
            SplunkSourceConfig config, Optional<RoleLimits.Limit> limit, String setting, String meaning) {
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        Duration allowed = seconds(limit.get());
        Duration age = config.tailMaxEventAge();
        Duration suggestion = allowed.minus(config.tailLag()).minus(config.tailPollInterval());
        if (age == null) {
            return Optional.of("The tail searches all event time, but the role limits " + meaning + ": "
                    + RoleLimits.describe(setting, limit.get()) + ". Set " + SplunkSourceConfig.TAIL_MAX_EVENT_AGE
                    + " to at most " + suggestion + " (the limit less " + SplunkSourceConfig.TAIL_LAG + " and "
                    + SplunkSourceConfig.TAIL_POLL_INTERVAL + "), or raise " + setting);
        }
        if (age.compareTo(suggestion) > 0) {
            return Optional.of(SplunkSourceConfig.TAIL_MAX_EVENT_AGE + " (" + age + ") plus "
                    + SplunkSourceConfig.TAIL_LAG + " (" + config.tailLag() + ") and "
                    + SplunkSourceConfig.TAIL_POLL_INTERVAL + " (" + config.tailPollInterval() + ") exceeds "
                    + meaning + ", "
                    + RoleLimits.describe(setting, limit.get()) + ". Set " + SplunkSourceConfig.TAIL_MAX_EVENT_AGE
                    + " to at most " + suggestion + ", or raise " + setting);
        }
        return Optional.empty();
    }

    /** Before a slice's export: refuses a range the role would narrow. */
    void checkSlice(SearchSpec search, TimeSlice range, Instant now) {
        Duration length = Duration.between(range.start(), range.end());
        limits.searchTimeWindow().filter(w -> length.compareTo(seconds(w)) > 0).ifPresent(w -> {
            throw new ConnectException(
                    sliceTooLong(length, w) + " (slice " + range.id() + " of search " + search.name() + ")");
        });
        limits.searchTimeEarliest()
                .filter(e -> range.start().isBefore(now.minus(seconds(e))))
                .ifPresent(e -> {
                    throw new ConnectException("Slice " + range.id() + " of search " + search.name()
                            + " starts before the earliest time the role may search, "
                            + RoleLimits.describe("srchTimeEarliest", e) + ": nothing before "
                            + now.minus(seconds(e)) + " can be read, so the slice would be copied in part. Set "
                            + SplunkSourceConfig.BACKFILL_START + " later, or raise srchTimeEarliest");
                });
    }

    /**
     * Before a tail window's export, whose event time runs from {@code earliest} (null: all time) to now: refuses it
     * when the role would narrow it (a tail far behind, after a long outage, can reach beyond the window).
     */
    void checkTail(SearchSpec search, Instant earliest, Instant now) {
        if (earliest == null) {
            limits.searchTimeWindow().or(limits::searchTimeEarliest).ifPresent(l -> {
                throw new ConnectException("The tail of search " + search.name() + " searches all event time, but"
                        + " the role limits it (" + limits + "). Set " + SplunkSourceConfig.TAIL_MAX_EVENT_AGE);
            });
            return;
        }
        Duration span = Duration.between(earliest, now);
        limits.searchTimeWindow().filter(w -> span.compareTo(seconds(w)) > 0).ifPresent(w -> {
            throw new ConnectException(tailTooFarBack(search, earliest, span, "srchTimeWin", w));
        });
        limits.searchTimeEarliest().filter(e -> span.compareTo(seconds(e)) > 0).ifPresent(e -> {
            throw new ConnectException(tailTooFarBack(search, earliest, span, "srchTimeEarliest", e));
        });
    }

    private static String tailTooFarBack(
            SearchSpec search, Instant earliest, Duration span, String setting, RoleLimits.Limit limit) {
        return "The tail of search " + search.name() + " would search event time from " + earliest + ", "
                + span.toSeconds() + " s back, beyond " + RoleLimits.describe(setting, limit)
                + ": Splunk would leave the older part unread. The tail is further behind than "
                + SplunkSourceConfig.TAIL_MAX_EVENT_AGE + " and " + SplunkSourceConfig.TAIL_LAG
                + " allow for; lower " + SplunkSourceConfig.TAIL_MAX_EVENT_AGE + " or raise " + setting;
    }

    private static String sliceTooLong(Duration slice, RoleLimits.Limit window) {
        return SplunkSourceConfig.SLICE_DURATION + " exceeds the role's search time window of " + window.value()
                + " s (srchTimeWin, role '" + window.role() + "'): Splunk would read only the last " + window.value()
                + " s of each " + slice + " slice. Set " + SplunkSourceConfig.SLICE_DURATION + " to "
                + Duration.ofSeconds(window.value()) + " or less, or raise srchTimeWin";
    }

    private static Duration seconds(RoleLimits.Limit limit) {
        return Duration.ofSeconds(limit.value());
    }
}
