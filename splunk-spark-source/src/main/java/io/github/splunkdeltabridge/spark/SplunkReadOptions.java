package io.github.splunkdeltabridge.spark;

import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.IndexSearch;
import io.github.splunkdeltabridge.client.RetryPolicy;
import io.github.splunkdeltabridge.client.SearchApiVersion;
import io.github.splunkdeltabridge.client.SearchMode;
import io.github.splunkdeltabridge.client.SplunkAuth;
import io.github.splunkdeltabridge.client.SplunkClientConfig;
import io.github.splunkdeltabridge.client.TlsSettings;
import io.github.splunkdeltabridge.settings.SettingValues;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader's options, validated. Names and meanings are the source connector's ({@code splunk.url},
 * {@code splunk.indexes}, {@code splunk.backfill.start}, ...), so one set of settings describes both paths; the
 * options only the Spark reader has are {@link #MAX_SLICES_PER_BATCH}, and the tail is off unless asked for.
 *
 * <p>Serializable: the executors build their Splunk client from it. It holds secrets, so {@link #toString()} prints
 * none and no error message repeats the value of a secret option.
 */
public final class SplunkReadOptions implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SplunkReadOptions.class);

    public static final String URL = "splunk.url";
    public static final String TOKEN = "splunk.token";
    public static final String TOKEN_TYPE = "splunk.token.type";
    public static final String USERNAME = "splunk.username";
    public static final String PASSWORD = "splunk.password";
    public static final String OWNER = "splunk.owner";
    public static final String APP = "splunk.app";
    public static final String TLS_VERIFY = "splunk.tls.verify";
    public static final String TRUSTSTORE_PATH = "splunk.tls.truststore.path";
    public static final String TRUSTSTORE_PASSWORD = "splunk.tls.truststore.password";
    public static final String TRUSTSTORE_TYPE = "splunk.tls.truststore.type";
    public static final String PROXY_URL = "splunk.proxy.url";
    public static final String API_VERSION = "splunk.api.version";
    public static final String INDEXES = "splunk.indexes";
    public static final String SEARCHES = "splunk.searches";
    public static final String FILTER = "splunk.search.filter";
    public static final String FIELDS = "splunk.fields";
    public static final String SEARCH_MODE = "splunk.search.mode";
    public static final String ENABLE_LOOKUPS = "splunk.search.enable.lookups";
    public static final String PARTIAL_RESULTS = "splunk.partial.results";
    public static final String BACKFILL_START = "splunk.backfill.start";
    public static final String BACKFILL_END = "splunk.backfill.end";
    public static final String BACKFILL_INDEX_LATEST = "splunk.backfill.index.latest";
    public static final String SLICE_DURATION = "splunk.slice.duration";
    public static final String MAX_CONCURRENT_SEARCHES = "splunk.max.concurrent.searches";
    public static final String MAX_SLICES_PER_BATCH = "splunk.max.slices.per.batch";
    public static final String TAIL_ENABLED = "splunk.tail.enabled";
    public static final String TAIL_LAG = "splunk.tail.lag";
    public static final String CONNECT_TIMEOUT = "splunk.http.connect.timeout";
    public static final String READ_TIMEOUT = "splunk.http.read.timeout";
    public static final String RETRY_MAX_ATTEMPTS = "splunk.retry.max.attempts";
    public static final String RETRY_INITIAL_BACKOFF = "splunk.retry.backoff.initial";
    public static final String RETRY_MAX_BACKOFF = "splunk.retry.backoff.max";

    /** Every option the reader takes, besides {@code splunk.search.<name>.spl}. */
    public static final List<String> OPTIONS = List.of(
            URL,
            TOKEN,
            TOKEN_TYPE,
            USERNAME,
            PASSWORD,
            OWNER,
            APP,
            TLS_VERIFY,
            TRUSTSTORE_PATH,
            TRUSTSTORE_PASSWORD,
            TRUSTSTORE_TYPE,
            PROXY_URL,
            API_VERSION,
            INDEXES,
            SEARCHES,
            FILTER,
            FIELDS,
            SEARCH_MODE,
            ENABLE_LOOKUPS,
            PARTIAL_RESULTS,
            BACKFILL_START,
            BACKFILL_END,
            BACKFILL_INDEX_LATEST,
            SLICE_DURATION,
            MAX_CONCURRENT_SEARCHES,
            MAX_SLICES_PER_BATCH,
            TAIL_ENABLED,
            TAIL_LAG,
            CONNECT_TIMEOUT,
            READ_TIMEOUT,
            RETRY_MAX_ATTEMPTS,
            RETRY_INITIAL_BACKOFF,
            RETRY_MAX_BACKOFF);

    /** Connector settings with no meaning here: accepted (a connector's settings can be passed as they are), ignored. */
    static final Set<String> CONNECTOR_ONLY = Set.of(
            "splunk.tail.poll.interval",
            "splunk.tail.max.event.age",
            "splunk.batch.size",
            "topic.template",
            "kafka.timestamp",
            // Spark's task retries (spark.task.maxFailures) take the place of the connector's waits and attempts.
            "splunk.outage.backoff.max",
            "splunk.partial.results.max.attempts");

    private static final Pattern NAMED_SEARCH = Pattern.compile("splunk\\.search\\.(.+)\\.(spl|topic)");

    private final String url;
    private final String token;
    private final boolean splunkTokenType;
    private final String username;
    private final String password;
    private final String owner;
    private final String app;
    private final boolean tlsVerify;
    private final String trustStorePath;
    private final String trustStorePassword;
    private final String trustStoreType;
    private final String proxyUrl;
    private final SearchApiVersion apiVersion;
    private final List<SplunkSearch> searches;
    private final SearchMode searchMode;
    private final boolean enableLookups;
    private final boolean acceptIncompleteResults;
    private final Instant backfillStart;
    private final Instant backfillEnd;
    private final Instant backfillIndexLatest;
    private final Duration sliceDuration;
    private final int maxConcurrentSearches;
    private final int maxSlicesPerBatch;
    private final boolean tailEnabled;
    private final Duration tailLag;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int retryMaxAttempts;
    private final Duration retryInitialBackoff;
    private final Duration retryMaxBackoff;

    private SplunkReadOptions(Reader in) {
        url = in.url(URL, true);
        token = in.secret(TOKEN);
        splunkTokenType = in.choice(TOKEN_TYPE, "Bearer", "Bearer", "Splunk").equals("Splunk");
        username = in.text(USERNAME);
        password = in.secret(PASSWORD);
        owner = in.text(OWNER);
        app = in.text(APP);
        tlsVerify = in.bool(TLS_VERIFY, true);
        trustStorePath = in.text(TRUSTSTORE_PATH);
        trustStorePassword = in.secret(TRUSTSTORE_PASSWORD);
        trustStoreType = in.choice(TRUSTSTORE_TYPE, "PKCS12", "PKCS12", "JKS");
        proxyUrl = in.url(PROXY_URL, false);
        String api = in.choice(API_VERSION, "auto", "auto", "v1", "v2");
        apiVersion = api.equals("auto") ? null : SearchApiVersion.valueOf(api.toUpperCase(Locale.ROOT));
        searches = in.searches();
        String mode = in.choice(SEARCH_MODE, "", "fast", "smart", "verbose");
        searchMode = mode.isEmpty() ? null : SearchMode.fromValue(mode);
        enableLookups = in.bool(ENABLE_LOOKUPS, true);
        // retry and fail both fail the Spark task with Splunk's text; Spark runs the task again
        // (spark.task.maxFailures).
        acceptIncompleteResults =
                in.choice(PARTIAL_RESULTS, "retry", "retry", "fail", "accept").equals("accept");
        backfillStart = in.instant(BACKFILL_START);
        backfillEnd = in.instant(BACKFILL_END);
        backfillIndexLatest = in.instant(BACKFILL_INDEX_LATEST);
        sliceDuration = in.duration(SLICE_DURATION, "PT1H", Duration.ofSeconds(1));
        maxConcurrentSearches = in.positiveInt(MAX_CONCURRENT_SEARCHES, 4);
        maxSlicesPerBatch = in.positiveInt(MAX_SLICES_PER_BATCH, 24);
        tailEnabled = in.bool(TAIL_ENABLED, false);
        tailLag = in.duration(TAIL_LAG, "PT1M", Duration.ZERO);
        connectTimeout = in.duration(CONNECT_TIMEOUT, "PT10S", Duration.ofMillis(1));
        readTimeout = in.duration(READ_TIMEOUT, "PT5M", Duration.ofMillis(1));
        retryMaxAttempts = in.positiveInt(RETRY_MAX_ATTEMPTS, 10);
        retryInitialBackoff = in.duration(RETRY_INITIAL_BACKOFF, "PT1S", Duration.ZERO);
        retryMaxBackoff = in.duration(RETRY_MAX_BACKOFF, "PT2M", Duration.ZERO);
        checkCombinations(in);
        in.throwIfInvalid();
    }

    /**
     * Reads and checks the options given to {@code spark.read.format("splunk")} (and the session's
     * {@code spark.datasource.splunk.*} settings, which Spark adds to them).
     *
     * @throws SplunkOptionException naming every option that is missing, unknown or invalid
     */
    public static SplunkReadOptions parse(Map<String, String> options) {
        return new SplunkReadOptions(new Reader(options));
    }

    private void checkCombinations(Reader in) {
        if (token == null && (username == null || password == null)) {
            in.error(TOKEN, "set " + TOKEN + ", or both " + USERNAME + " and " + PASSWORD + ", to authenticate");
        }
        if ((username == null) != (password == null)) {
            in.error(username == null ? USERNAME : PASSWORD, USERNAME + " and " + PASSWORD + " go together");
        }
        if ((owner == null) != (app == null)) {
            in.error(owner == null ? OWNER : APP, OWNER + " and " + APP + " go together");
        }
        if (trustStorePath != null && trustStorePassword == null) {
            in.error(TRUSTSTORE_PASSWORD, "set the password of " + TRUSTSTORE_PATH);
        }
        if (searches.isEmpty()) {
            in.error(INDEXES, "set " + INDEXES + " (or " + SEARCHES + ") to say what to read");
        }
        if (backfillStart != null && backfillEnd != null && !backfillStart.isBefore(backfillEnd)) {
            in.error(BACKFILL_END, "must be after " + BACKFILL_START + " (" + backfillStart + "), not " + backfillEnd);
        }
        if (backfillIndexLatest != null && tailEnabled) {
            in.error(BACKFILL_INDEX_LATEST, "applies only with " + TAIL_ENABLED + "=false, as for the connector");
        }
        if (backfillIndexLatest != null && backfillStart == null) {
            in.error(BACKFILL_INDEX_LATEST, "applies only to a backfill: set " + BACKFILL_START);
        }
        if (backfillIndexLatest != null && backfillEnd != null && backfillIndexLatest.isBefore(backfillEnd)) {
            in.error(
                    BACKFILL_INDEX_LATEST,
                    "must not be before " + BACKFILL_END + " (" + backfillEnd + "): events of the range indexed"
                            + " in between would be left out; got " + backfillIndexLatest);
        }
        if (backfillEnd != null && backfillStart == null) {
            in.error(BACKFILL_START, "set it too: " + BACKFILL_END + " alone reads nothing");
        }
    }

    /** For a batch read: a backfill range must be set. */
    void requireBackfillStart(String why) {
        if (backfillStart == null) {
            throw new SplunkOptionException("Invalid Splunk reader option " + BACKFILL_START + ": required " + why
                    + " (ISO-8601 such as 2024-01-01T00:00:00Z, or epoch seconds)");
        }
    }

    /** The client settings these options describe; built where it is used (the executors), never serialized. */
    public SplunkClientConfig clientConfig() {
        SplunkAuth auth;
        if (token != null) {
            auth = splunkTokenType ? SplunkAuth.splunkToken(token) : SplunkAuth.bearerToken(token);
        } else {
            auth = SplunkAuth.login(username, password);
        }
        TlsSettings tls;
        if (!tlsVerify) {
            tls = TlsSettings.insecure();
        } else if (trustStorePath != null) {
            tls = TlsSettings.withTrustStore(Path.of(trustStorePath), trustStorePassword.toCharArray(), trustStoreType);
        } else {
            tls = TlsSettings.verifying();
        }
        SplunkClientConfig.Builder builder = SplunkClientConfig.builder(URI.create(url))
                .auth(auth)
                .tls(tls)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .retry(RetryPolicy.builder()
                        .maxAttempts(retryMaxAttempts)
                        .initialBackoff(retryInitialBackoff)
                        .maxBackoff(retryMaxBackoff)
                        .multiplier(2.0)
                        .jitter(0.2)
                        .build());
        if (owner != null) {
            builder.namespace(owner, app);
        }
        if (apiVersion != null) {
            builder.searchApi(apiVersion);
        }
        if (proxyUrl != null) {
            builder.proxy(URI.create(proxyUrl));
        }
        return builder.build();
    }

    public String url() {
        return url;
    }

    /** An export of one unit as these options ask for it: search mode, lookups, whether missing rows are accepted. */
    ExportRequest.Builder request(String spl) {
        return ExportRequest.builder(spl)
                .searchMode(searchMode)
                .enableLookups(enableLookups)
                .acceptIncompleteResults(acceptIncompleteResults);
    }

    /**
     * The index-time cut-off of a backfill ending at {@code end}: {@value #BACKFILL_INDEX_LATEST} when set, as the
     * connector's, otherwise the end itself.
     */
    Instant backfillIndexLatest(Instant end) {
        return backfillIndexLatest != null ? backfillIndexLatest : end;
    }

    public List<SplunkSearch> searches() {
        return searches;
    }

    /** Start of the backfill (event time, inclusive), or empty for none (a stream that only tails). */
    public Optional<Instant> backfillStart() {
        return Optional.ofNullable(backfillStart);
    }

    /** End of the backfill (event time, exclusive; also the index-time cut-off), or empty for "when the read starts". */
    public Optional<Instant> backfillEnd() {
        return Optional.ofNullable(backfillEnd);
    }

    public Duration sliceDuration() {
        return sliceDuration;
    }

    public int maxConcurrentSearches() {
        return maxConcurrentSearches;
    }

    public int maxSlicesPerBatch() {
        return maxSlicesPerBatch;
    }

    public boolean tailEnabled() {
        return tailEnabled;
    }

    public Duration tailLag() {
        return tailLag;
    }

    /** The options for logs and plans: no secrets. */
    @Override
    public String toString() {
        return "SplunkReadOptions[url=" + url + ", auth="
                + (token != null ? "token" : "login user=" + username)
                + ", searches=" + searches.stream().map(SplunkSearch::name).toList()
                + ", backfill=" + backfillStart + ".." + (backfillEnd == null ? "(start of the read)" : backfillEnd)
                + ", slice=" + sliceDuration + ", maxConcurrentSearches=" + maxConcurrentSearches
                + ", tail=" + (tailEnabled ? "on, lag " + tailLag : "off") + "]";
    }

    /** Reads raw options by name, case-insensitively as Spark passes them, and collects every error. */
    private static final class Reader {
        private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final Map<String, String> originalNames = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final Map<String, String> errors = new LinkedHashMap<>();

        Reader(Map<String, String> options) {
            Set<String> known = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            known.addAll(OPTIONS);
            options.forEach((name, value) -> {
                values.put(name, value);
                originalNames.put(name, name);
                String lower = name.toLowerCase(Locale.ROOT);
                if (CONNECTOR_ONLY.contains(lower) || lower.matches("splunk\\.search\\..+\\.topic")) {
                    LOG.warn("Option {} is a setting of the Kafka connector; the Spark reader ignores it", name);
                } else if (lower.startsWith("splunk.")
                        && !known.contains(name)
                        && !NAMED_SEARCH.matcher(lower).matches()) {
                    error(
                            name,
                            "unknown option; the reader takes " + String.join(", ", OPTIONS)
                                    + " and splunk.search.<name>.spl");
                }
            });
        }

        void error(String option, String message) {
            errors.putIfAbsent(option, message);
        }

        void throwIfInvalid() {
            if (!errors.isEmpty()) {
                throw new SplunkOptionException(errors.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("; ", "Invalid Splunk reader options: ", "")));
            }
        }

        /** The value, trimmed, or null when absent or blank. */
        String text(String name) {
            String value = values.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        }

        String secret(String name) {
            String value = values.get(name);
            return value == null || value.isEmpty() ? null : value;
        }

        /** Shown in error messages; never called for secrets. */
        private String shown(String name) {
            return "'" + text(name) + "'";
        }

        String url(String name, boolean required) {
            String value = text(name);
            if (value == null) {
                if (required) {
                    error(name, "required: Splunk's REST (management) URL, e.g. https://splunk.example.com:8089");
                }
                return null;
            }
            try {
                URI uri = new URI(value);
                if (uri.getUserInfo() != null) {
                    // Never echoed: the value holds credentials.
                    error(name, "must not contain credentials; use " + TOKEN + " or " + USERNAME + "/" + PASSWORD);
                } else if (uri.getScheme() == null
                        || !(uri.getScheme().equalsIgnoreCase("http")
                                || uri.getScheme().equalsIgnoreCase("https"))
                        || uri.getHost() == null) {
                    error(name, "must be an http:// or https:// URL with a host, got " + shown(name));
                }
            } catch (URISyntaxException e) {
                // A malformed URL may still hold credentials before an '@': not echoed then.
                error(
                        name,
                        "not a valid URL (" + e.getReason() + ")"
                                + (value.contains("@") ? "" : ", got " + shown(name)));
            }
            return value;
        }

        String choice(String name, String defaultValue, String... choices) {
            String value = text(name);
            if (value == null) {
                return defaultValue;
            }
            for (String choice : choices) {
                if (choice.equalsIgnoreCase(value)) {
                    return choice;
                }
            }
            error(name, "must be one of " + String.join(", ", choices) + ", got " + shown(name));
            return defaultValue;
        }

        boolean bool(String name, boolean defaultValue) {
            String value = text(name);
            if (value == null) {
                return defaultValue;
            }
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            error(name, "must be true or false, got " + shown(name));
            return defaultValue;
        }

        int positiveInt(String name, int defaultValue) {
            String value = text(name);
            if (value == null) {
                return defaultValue;
            }
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            error(name, "must be a positive whole number, got " + shown(name));
            return defaultValue;
        }

        Duration duration(String name, String defaultValue, Duration minimum) {
            String value = text(name);
            try {
                Duration duration = SettingValues.duration(value == null ? defaultValue : value);
                if (duration.compareTo(minimum) >= 0) {
                    return duration;
                }
                error(name, "must be at least " + minimum + ", got " + shown(name));
            } catch (DateTimeParseException e) {
                error(
                        name,
                        "not a duration: use ISO-8601 such as PT1H or a short form such as 30s, 15m, 1h, 1d; got "
                                + shown(name));
            }
            return SettingValues.duration(defaultValue);
        }

        Instant instant(String name) {
            try {
                return SettingValues.instantOrNull(text(name));
            } catch (DateTimeParseException e) {
                error(
                        name,
                        "not a time: use ISO-8601 with an offset such as 2024-01-01T00:00:00Z, or epoch seconds; got "
                                + shown(name));
                return null;
            }
        }

        List<String> list(String name) {
            String value = text(name);
            if (value == null) {
                return List.of();
            }
            return Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }

        /** One search per index, then the named searches, as the connector builds them. */
        List<SplunkSearch> searches() {
            List<SplunkSearch> searches = new ArrayList<>();
            String filter = text(FILTER);
            List<String> fields = list(FIELDS);
            Set<String> names = new LinkedHashSet<>();
            for (String index : list(INDEXES)) {
                if (names.add(index)) {
                    searches.add(new SplunkSearch(index, IndexSearch.spl(index, filter, fields)));
                }
            }
            for (String name : list(SEARCHES)) {
                String splOption = "splunk.search." + name + ".spl";
                String spl = text(splOption);
                if (spl == null) {
                    error(splOption, "required: every name in " + SEARCHES + " needs its SPL");
                } else if (!names.add(name)) {
                    error(SEARCHES, "the name '" + name + "' is used twice (an index and a search, or two searches)");
                } else {
                    searches.add(new SplunkSearch(name, spl));
                }
            }
            for (String option : values.keySet()) {
                Matcher named = NAMED_SEARCH.matcher(option.toLowerCase(Locale.ROOT));
                if (named.matches()
                        && named.group(2).equals("spl")
                        && list(SEARCHES).stream().noneMatch(n -> n.equalsIgnoreCase(named.group(1)))) {
                    error(originalNames.get(option), "names a search that " + SEARCHES + " does not list");
                }
            }
            return List.copyOf(searches);
        }
    }
}
