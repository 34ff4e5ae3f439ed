package io.github.splunkdeltabridge.source;

import static io.github.splunkdeltabridge.source.SplunkSourceConfig.APP;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.BACKFILL_END;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.BACKFILL_INDEX_LATEST;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.BACKFILL_START;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.INDEXES;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.OWNER;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.PASSWORD;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.RETRY_INITIAL_BACKOFF;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.RETRY_MAX_BACKOFF;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.SEARCHES;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.TAIL_ENABLED;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.TOKEN;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.TRUSTSTORE_PASSWORD;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.TRUSTSTORE_PATH;
import static io.github.splunkdeltabridge.source.SplunkSourceConfig.USERNAME;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The checks that involve several settings, each error on the key to show it on (Connect's validate endpoint lists
 * errors under their key). They run on a configuration that may have single-setting errors too: a check whose
 * inputs did not parse is skipped (those keys carry their own error), the others still run, so one validate call
 * reports every mistake at once.
 */
final class SettingCombinations {

    private final Map<String, ?> raw;
    private final Map<String, ConfigValue> values;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    private SettingCombinations(Map<String, ?> raw, Map<String, ConfigValue> values) {
        this.raw = raw;
        this.values = values;
    }

    /**
     * @param raw the settings as given
     * @param values the same settings parsed and checked one by one ({@code ConfigDef.validateAll})
     */
    static Map<String, List<String>> errors(Map<String, ?> raw, Map<String, ConfigValue> values) {
        SettingCombinations checks = new SettingCombinations(raw, values);
        checks.authentication();
        checks.whatToRead();
        checks.namespace();
        checks.trustStore();
        checks.timeRange();
        checks.backoff();
        return checks.errors;
    }

    private void authentication() {
        // Given at all: a blank token is given (its own check says it is empty), so it is not also "missing".
        boolean token = raw.get(TOKEN) != null;
        boolean user = raw.get(USERNAME) != null;
        boolean password = raw.get(PASSWORD) != null;
        if (!token && !(user && password)) {
            add(
                    TOKEN,
                    "Set " + TOKEN + ", or both " + USERNAME + " and " + PASSWORD
                            + ", so the connector can authenticate to Splunk");
        }
        if (user != password) {
            add(user ? PASSWORD : USERNAME, USERNAME + " and " + PASSWORD + " go together: set both or neither");
        }
    }

    private void whatToRead() {
        List<String> indexes = parsedList(INDEXES);
        List<String> searches = parsedList(SEARCHES);
        if (indexes == null || searches == null) {
            return;
        }
        if (indexes.isEmpty() && searches.isEmpty()) {
            add(INDEXES, "Set " + INDEXES + " (or " + SEARCHES + ") to say what to read");
        }
        Set<String> names = new HashSet<>(indexes);
        for (String search : searches) {
            if (!search.matches(NamedSearchConfig.NAME_PATTERN)) {
                add(SEARCHES, "search name '" + search + "' may hold only letters, digits, '_' and '-'");
            } else if (!names.add(search)) {
                // The name is the "search" of every source partition: two searches of one name share offsets.
                add(SEARCHES, "the name '" + search + "' is used twice (indexes and searches share one namespace)");
            }
        }
    }

    private void namespace() {
        if (isSet(OWNER) != isSet(APP)) {
            add(isSet(OWNER) ? APP : OWNER, OWNER + " and " + APP + " go together: set both or neither");
        }
    }

    private void trustStore() {
        if (isSet(TRUSTSTORE_PATH) && !isSet(TRUSTSTORE_PASSWORD)) {
            add(TRUSTSTORE_PASSWORD, "Set the password of " + TRUSTSTORE_PATH);
        }
    }

    private void timeRange() {
        Instant start = parsedInstant(BACKFILL_START);
        Instant end = parsedInstant(BACKFILL_END);
        if (start != null && end != null && !start.isBefore(end)) {
            add(BACKFILL_END, "must be after " + BACKFILL_START + " (" + start + "), not " + end);
        }
        if (isSet(BACKFILL_END) && !isSet(BACKFILL_START)) {
            add(BACKFILL_START, "Set " + BACKFILL_START + " too: " + BACKFILL_END + " alone reads nothing");
        }
        if (!isSet(BACKFILL_START) && Boolean.FALSE.equals(parsed(TAIL_ENABLED))) {
            add(TAIL_ENABLED, "Nothing to do: set " + BACKFILL_START + " for a backfill, or enable the tail");
        }
        if (isSet(BACKFILL_INDEX_LATEST) && Boolean.TRUE.equals(parsed(TAIL_ENABLED))) {
            // The tail starts at the backfill end: a different backfill cut-off would read some events twice
            // (later) or leave a gap (earlier).
            add(BACKFILL_INDEX_LATEST, "applies only with " + TAIL_ENABLED + "=false");
        }
        if (isSet(BACKFILL_INDEX_LATEST) && !isSet(BACKFILL_START)) {
            add(BACKFILL_INDEX_LATEST, "applies only to a backfill: set " + BACKFILL_START);
        }
    }

    private void backoff() {
        Duration initial = parsedDuration(RETRY_INITIAL_BACKOFF);
        Duration max = parsedDuration(RETRY_MAX_BACKOFF);
        if (initial != null && max != null && initial.compareTo(max) > 0) {
            add(RETRY_INITIAL_BACKOFF, "must not exceed " + RETRY_MAX_BACKOFF + " (" + max + ")");
        }
    }

    private void add(String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    /** Given with a value: an empty string means unset, as for splunk.backfill.start ("empty: no backfill"). */
    private boolean isSet(String key) {
        Object value = raw.get(key);
        return value != null && !value.toString().isBlank();
    }

    /** The parsed value; null when unset or when it did not pass its own check. */
    private Object parsed(String key) {
        ConfigValue value = values.get(key);
        return value == null || !value.errorMessages().isEmpty() ? null : value.value();
    }

    @SuppressWarnings("unchecked")
    private List<String> parsedList(String key) {
        return (List<String>) parsed(key);
    }

    private Instant parsedInstant(String key) {
        Object value = parsed(key);
        return value == null ? null : InstantValidator.parseOrNull(value.toString());
    }

    private Duration parsedDuration(String key) {
        Object value = parsed(key);
        return value == null ? null : DurationValidator.parse(value.toString());
    }
}
