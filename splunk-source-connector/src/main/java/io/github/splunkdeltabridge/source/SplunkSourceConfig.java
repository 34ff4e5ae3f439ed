package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.RetryPolicy;
import io.github.splunkdeltabridge.client.SearchApiVersion;
import io.github.splunkdeltabridge.client.SearchMode;
import io.github.splunkdeltabridge.client.SplunkAuth;
import io.github.splunkdeltabridge.client.SplunkClientConfig;
import io.github.splunkdeltabridge.client.TlsSettings;
import io.github.splunkdeltabridge.schema.KafkaTimestamp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Every setting of the Splunk source connector, documented, grouped and validated in one {@link ConfigDef}, plus
 * the settings of each named search ({@link NamedSearchConfig}). The settings tables of docs/source-connector.md are
 * generated from {@link #CONFIG_DEF} and {@link NamedSearchConfig#definition}. Checks across settings live in
 * {@link SettingCombinations}.
 */
public final class SplunkSourceConfig extends AbstractConfig {

    private static final String GROUP_CONNECTION = "Splunk connection";
    private static final String GROUP_WHAT = "What to read";
    private static final String GROUP_BACKFILL = "Backfill";
    private static final String GROUP_TAIL = "Tail";
    private static final String GROUP_LIMITS = "Limits and retries";

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
    public static final String TOPIC_TEMPLATE = "topic.template";
    public static final String KAFKA_TIMESTAMP = "kafka.timestamp";
    public static final String SEARCH_MODE = "splunk.search.mode";
    public static final String ENABLE_LOOKUPS = "splunk.search.enable.lookups";

    public static final String BACKFILL_START = "splunk.backfill.start";
    public static final String BACKFILL_END = "splunk.backfill.end";
    public static final String BACKFILL_INDEX_LATEST = "splunk.backfill.index.latest";
    public static final String SLICE_DURATION = "splunk.slice.duration";

    public static final String TAIL_ENABLED = "splunk.tail.enabled";
    public static final String TAIL_POLL_INTERVAL = "splunk.tail.poll.interval";
    public static final String TAIL_LAG = "splunk.tail.lag";
    public static final String TAIL_MAX_EVENT_AGE = "splunk.tail.max.event.age";

    public static final String MAX_CONCURRENT_SEARCHES = "splunk.max.concurrent.searches";
    public static final String BATCH_SIZE = "splunk.batch.size";
    public static final String CONNECT_TIMEOUT = "splunk.http.connect.timeout";
    public static final String READ_TIMEOUT = "splunk.http.read.timeout";
    public static final String RETRY_MAX_ATTEMPTS = "splunk.retry.max.attempts";
    public static final String RETRY_INITIAL_BACKOFF = "splunk.retry.backoff.initial";
    public static final String RETRY_MAX_BACKOFF = "splunk.retry.backoff.max";
    public static final String OUTAGE_BACKOFF_MAX = "splunk.outage.backoff.max";
    public static final String PARTIAL_RESULTS = "splunk.partial.results";
    public static final String PARTIAL_RESULTS_MAX_ATTEMPTS = "splunk.partial.results.max.attempts";

    public static final ConfigDef CONFIG_DEF = buildConfigDef();

    /** @throws ConfigException naming every setting that is wrong, alone or in combination */
    public SplunkSourceConfig(Map<?, ?> originals) {
        this(definition(originals), originals);
    }

    private SplunkSourceConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals);
        Map<String, List<String>> errors =
                SettingCombinations.errors(originalsStrings(), definition.validateAll(originalsStrings()));
        if (!errors.isEmpty()) {
            List<String> messages = new ArrayList<>();
            errors.forEach((key, keyErrors) -> keyErrors.forEach(error -> messages.add(key + ": " + error)));
            throw new ConfigException(String.join("; ", messages));
        }
    }

    /**
     * The connector's settings plus those of each search named in {@code splunk.searches} of {@code props};
     * {@link #CONFIG_DEF} alone when that list does not parse (its own error says why).
     */
    static ConfigDef definition(Map<?, ?> props) {
        Object searches = props.get(SEARCHES);
        List<String> names = List.of();
        if (searches != null) {
            try {
                @SuppressWarnings("unchecked")
                List<String> parsed = (List<String>) ConfigDef.parseType(SEARCHES, searches, Type.LIST);
                names = parsed;
            } catch (ConfigException invalid) {
                // Reported on splunk.searches by the validation of CONFIG_DEF.
            }
        }
        return NamedSearchConfig.withSearches(CONFIG_DEF, names);
    }

    private static ConfigDef buildConfigDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(
                URL,
                Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE,
                new UrlValidator(),
                Importance.HIGH,
                "Base URL of the Splunk REST API (management port), e.g. https://splunk.example.com:8089. "
                        + "Splunk Cloud: the search head's REST URL; port 8089 must be open for the Connect workers.",
                GROUP_CONNECTION,
                ++order,
                Width.LONG,
                "Splunk REST URL");
        def.define(
                TOKEN,
                Type.PASSWORD,
                null,
                new NotBlankValidator(),
                Importance.HIGH,
                "Splunk authentication token. Set this, or splunk.username and splunk.password.",
                GROUP_CONNECTION,
                ++order,
                Width.LONG,
                "Token");
        def.define(
                TOKEN_TYPE,
                Type.STRING,
                "Bearer",
                ConfigDef.CaseInsensitiveValidString.in("Bearer", "Splunk"),
                Importance.LOW,
                "How the token is sent: 'Bearer' for Splunk authentication tokens (JWT), 'Splunk' for session keys.",
                GROUP_CONNECTION,
                ++order,
                Width.SHORT,
                "Token type");
        def.define(
                USERNAME,
                Type.STRING,
                null,
                new NotBlankValidator(),
                Importance.HIGH,
                "Splunk user for username/password login; the connector logs in again when the session expires.",
                GROUP_CONNECTION,
                ++order,
                Width.MEDIUM,
                "Username");
        def.define(
                PASSWORD,
                Type.PASSWORD,
                null,
                new NotBlankValidator(),
                Importance.HIGH,
                "Password of splunk.username.",
                GROUP_CONNECTION,
                ++order,
                Width.MEDIUM,
                "Password");
        def.define(
                OWNER,
                Type.STRING,
                null,
                Importance.LOW,
                "Namespace owner: with splunk.app, searches run under /servicesNS/<owner>/<app>/ (e.g. 'nobody').",
                GROUP_CONNECTION,
                ++order,
                Width.SHORT,
                "Namespace owner");
        def.define(
                APP,
                Type.STRING,
                null,
                Importance.LOW,
                "Namespace app (e.g. 'search'); with splunk.owner selects the app context of the searches.",
                GROUP_CONNECTION,
                ++order,
                Width.SHORT,
                "Namespace app");
        def.define(
                TLS_VERIFY,
                Type.BOOLEAN,
                true,
                Importance.MEDIUM,
                "Verify Splunk's TLS certificate and host name. Turn off only for development.",
                GROUP_CONNECTION,
                ++order,
                Width.SHORT,
                "Verify TLS");
        def.define(
                TRUSTSTORE_PATH,
                Type.STRING,
                null,
                new NotBlankValidator(),
                Importance.MEDIUM,
                "Trust store holding the CA of Splunk's certificate, when it is not in the JVM's default trust store.",
                GROUP_CONNECTION,
                ++order,
                Width.LONG,
                "Trust store path");
        def.define(
                TRUSTSTORE_PASSWORD,
                Type.PASSWORD,
                null,
                new NotBlankValidator(),
                Importance.MEDIUM,
                "Password of the trust store.",
                GROUP_CONNECTION,
                ++order,
                Width.MEDIUM,
                "Trust store password");
        def.define(
                TRUSTSTORE_TYPE,
                Type.STRING,
                "PKCS12",
                ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS"),
                Importance.LOW,
                "Type of the trust store.",
                GROUP_CONNECTION,
                ++order,
                Width.SHORT,
                "Trust store type");
        def.define(
                PROXY_URL,
                Type.STRING,
                null,
                new UrlValidator(),
                Importance.LOW,
                "HTTP proxy for reaching Splunk, e.g. http://proxy:3128.",
                GROUP_CONNECTION,
                ++order,
                Width.LONG,
                "Proxy URL");
        def.define(
                API_VERSION,
                Type.STRING,
                "auto",
                ConfigDef.CaseInsensitiveValidString.in("auto", "v1", "v2"),
                Importance.LOW,
                "Splunk search API: v2 (/services/search/v2/jobs/export, Splunk Enterprise 9.0.1 and Splunk Cloud "
                        + "9.0.2208 on) or v1 (/services/search/jobs/export, older servers). auto chooses from the "
                        + "version /services/server/info reports at task start.",
                GROUP_CONNECTION,
                ++order,
                Width.SHORT,
                "Search API version");

        order = 0;
        def.define(
                INDEXES,
                Type.LIST,
                List.of(),
                Importance.HIGH,
                "Indexes to copy; each becomes the search 'search index=<name>' and its own topic. "
                        + "Set this and/or splunk.searches.",
                GROUP_WHAT,
                ++order,
                Width.LONG,
                "Indexes");
        def.define(
                SEARCHES,
                Type.LIST,
                List.of(),
                Importance.MEDIUM,
                "Names of full SPL searches to run (letters, digits, '_', '-'); each name N needs "
                        + "splunk.search.N.spl and may set splunk.search.N.topic (see the named search settings). "
                        + "Rows of transforming searches carry no _raw.",
                GROUP_WHAT,
                ++order,
                Width.LONG,
                "Searches");
        def.define(
                FILTER,
                Type.STRING,
                "",
                Importance.LOW,
                "Extra SPL search terms appended to every index search, e.g. 'sourcetype=access_combined'.",
                GROUP_WHAT,
                ++order,
                Width.LONG,
                "Extra filter");
        def.define(
                FIELDS,
                Type.LIST,
                List.of(),
                Importance.LOW,
                "When set, appends '| fields <list>' to index searches so only these fields (and Splunk's "
                        + "internal ones) are returned.",
                GROUP_WHAT,
                ++order,
                Width.LONG,
                "Fields");
        def.define(
                TOPIC_TEMPLATE,
                Type.STRING,
                "splunk.${index}",
                new TopicTemplateValidator(),
                Importance.HIGH,
                "Topic name template; ${index} is the index name, ${search} the search name.",
                GROUP_WHAT,
                ++order,
                Width.MEDIUM,
                "Topic template");
        def.define(
                KAFKA_TIMESTAMP,
                Type.STRING,
                KafkaTimestamp.INGEST.settingValue(),
                ConfigDef.CaseInsensitiveValidString.in(
                        KafkaTimestamp.INGEST.settingValue(), KafkaTimestamp.EVENT_TIME.settingValue()),
                Importance.MEDIUM,
                "Kafka timestamp of the records. ingest: none is set, the producer stamps the time it sends the "
                        + "record, and the topics' retention counts from then. event_time: the event's _time "
                        + "(the value always holds it as event_time). Kafka deletes a log segment once its newest "
                        + "timestamp is older than retention.ms, so with event_time a backfill older than the "
                        + "topics' retention (7 days by default) is deleted at the broker's next retention check, "
                        + "read or not: use event_time only on topics with retention.ms=-1.",
                GROUP_WHAT,
                ++order,
                Width.SHORT,
                "Kafka timestamp");
        def.define(
                SEARCH_MODE,
                Type.STRING,
                "",
                ConfigDef.CaseInsensitiveValidString.in("", "fast", "smart", "verbose"),
                Importance.LOW,
                "Splunk search mode (adhoc_search_level). fast: field discovery off, events carry their default "
                        + "fields and those the search names; smart: field discovery on for event searches, "
                        + "search-time extractions arrive in fields; verbose: all field and event data. "
                        + "Empty: Splunk's default.",
                GROUP_WHAT,
                ++order,
                Width.SHORT,
                "Search mode");
        def.define(
                ENABLE_LOOKUPS,
                Type.BOOLEAN,
                true,
                Importance.LOW,
                "Whether Splunk applies automatic lookups (enable_lookups): their output fields arrive in fields. "
                        + "Turn off to copy only what was indexed and extracted; lookups can slow searches.",
                GROUP_WHAT,
                ++order,
                Width.SHORT,
                "Lookups");

        order = 0;
        def.define(
                BACKFILL_START,
                Type.STRING,
                null,
                new InstantValidator(),
                Importance.HIGH,
                "Start of the historical range (event time, inclusive): ISO-8601 such as 2024-01-01T00:00:00Z, "
                        + "or epoch seconds. Empty: no backfill, only tail.",
                GROUP_BACKFILL,
                ++order,
                Width.MEDIUM,
                "Backfill start");
        def.define(
                BACKFILL_END,
                Type.STRING,
                null,
                new InstantValidator(),
                Importance.MEDIUM,
                "End of the historical range (exclusive). Default: the time the connector was created; the tail "
                        + "continues from there.",
                GROUP_BACKFILL,
                ++order,
                Width.MEDIUM,
                "Backfill end");
        def.define(
                BACKFILL_INDEX_LATEST,
                Type.STRING,
                null,
                new InstantValidator(),
                Importance.LOW,
                "Index-time cut-off of the backfill (exclusive): slices read the events indexed before it. Default: "
                        + "splunk.backfill.end, where the tail takes over. A later cut-off also reads the range's events "
                        + "indexed late; reconcile's repair configs set it. Only with splunk.tail.enabled=false.",
                GROUP_BACKFILL,
                ++order,
                Width.MEDIUM,
                "Backfill index-time cut-off");
        def.define(
                SLICE_DURATION,
                Type.STRING,
                "PT1H",
                new DurationValidator(Duration.ofSeconds(1)),
                Importance.MEDIUM,
                "Length of one backfill slice (ISO-8601 duration such as PT1H, P1D). One export search per slice; "
                        + "slices are spread over tasks.max tasks.",
                GROUP_BACKFILL,
                ++order,
                Width.SHORT,
                "Slice duration");

        order = 0;
        def.define(
                TAIL_ENABLED,
                Type.BOOLEAN,
                true,
                Importance.MEDIUM,
                "After the backfill (or alone), keep reading newly indexed events by index time.",
                GROUP_TAIL,
                ++order,
                Width.SHORT,
                "Tail");
        def.define(
                TAIL_POLL_INTERVAL,
                Type.STRING,
                "PT30S",
                new DurationValidator(Duration.ofMillis(100)),
                Importance.LOW,
                "How often the tail searches for new events.",
                GROUP_TAIL,
                ++order,
                Width.SHORT,
                "Tail poll interval");
        def.define(
                TAIL_LAG,
                Type.STRING,
                "PT1M",
                new DurationValidator(Duration.ZERO),
                Importance.MEDIUM,
                "Safety window on index time: the tail reads index times up to now minus this lag, so events "
                        + "still being indexed are not missed.",
                GROUP_TAIL,
                ++order,
                Width.SHORT,
                "Tail lag");
        def.define(
                TAIL_MAX_EVENT_AGE,
                Type.STRING,
                "",
                new DurationValidator(Duration.ofSeconds(1), true),
                Importance.LOW,
                "Oldest event time the tail searches, counted back from each index-time window's end (e.g. P7D). "
                        + "Events indexed later than this after their _time are not read by the tail. Empty: all "
                        + "event time, which needs a role without srchTimeWin and srchTimeEarliest limits.",
                GROUP_TAIL,
                ++order,
                Width.SHORT,
                "Tail max event age");

        order = 0;
        def.define(
                MAX_CONCURRENT_SEARCHES,
                Type.INT,
                4,
                ConfigDef.Range.atLeast(1),
                Importance.MEDIUM,
                "Most export searches the connector runs at once, across its tasks; keep below the role's "
                        + "concurrent search quota.",
                GROUP_LIMITS,
                ++order,
                Width.SHORT,
                "Max concurrent searches");
        def.define(
                BATCH_SIZE,
                Type.INT,
                1000,
                ConfigDef.Range.between(1, 100_000),
                Importance.LOW,
                "Most records a task hands to Connect per poll.",
                GROUP_LIMITS,
                ++order,
                Width.SHORT,
                "Batch size");
        def.define(
                CONNECT_TIMEOUT,
                Type.STRING,
                "PT10S",
                new DurationValidator(Duration.ofMillis(1)),
                Importance.LOW,
                "Timeout for opening a connection to Splunk.",
                GROUP_LIMITS,
                ++order,
                Width.SHORT,
                "Connect timeout");
        def.define(
                READ_TIMEOUT,
                Type.STRING,
                "PT5M",
                new DurationValidator(Duration.ofMillis(1)),
                Importance.LOW,
                "Longest silence tolerated on an export stream before it is treated as cut and resumed.",
                GROUP_LIMITS,
                ++order,
                Width.SHORT,
                "Read timeout");
        def.define(
                RETRY_MAX_ATTEMPTS,
                Type.INT,
                10,
                ConfigDef.Range.atLeast(1),
                Importance.LOW,
                "Attempts per request on 503 (search quota), 429, 5xx and connection errors.",
                GROUP_LIMITS,
                ++order,
                Width.SHORT,
                "Retry attempts");
        def.define(
                RETRY_INITIAL_BACKOFF,
                Type.STRING,
                "PT1S",
                new DurationValidator(Duration.ZERO),
                Importance.LOW,
                "First wait between attempts; doubles each time, with jitter.",
                GROUP_LIMITS,
                ++order,
                Width.SHORT,
                "Initial backoff");
        def.define(
                RETRY_MAX_BACKOFF,
                Type.STRING,
                "PT2M",
                new DurationValidator(Duration.ZERO),
                Importance.LOW,
                "Longest wait between attempts.",
                GROUP_LIMITS,
                ++order,
                Width.SHORT,
                "Max backoff");
        def.define(
                OUTAGE_BACKOFF_MAX,
                Type.STRING,
                "PT5M",
                new DurationValidator(Duration.ofMillis(1)),
                Importance.LOW,
                "When a request's attempts are spent on an unavailable Splunk, the task does not fail: it waits and "
                        + "tries again indefinitely, doubling the wait up to this.",
                GROUP_LIMITS,
                ++order,
                Width.SHORT,
                "Outage max backoff");
        def.define(
                PARTIAL_RESULTS,
                Type.STRING,
                PartialResults.RETRY.settingValue(),
                ConfigDef.CaseInsensitiveValidString.in("retry", "fail", "accept"),
                Importance.MEDIUM,
                "When Splunk says rows are missing (a search peer down or unreachable, results incomplete, a search "
                        + "auto-finalized or cancelled, the disk quota reached). retry: the slice or tail window "
                        + "stays undone and is read again later from its position; fail: the task fails with "
                        + "Splunk's text; accept: Splunk's text is logged and the slice counts as done.",
                GROUP_LIMITS,
                ++order,
                Width.SHORT,
                "Partial results");
        def.define(
                PARTIAL_RESULTS_MAX_ATTEMPTS,
                Type.INT,
                20,
                ConfigDef.Range.atLeast(1),
                Importance.LOW,
                "With splunk.partial.results=retry, how many times a slice or tail window is read while Splunk "
                        + "keeps saying rows are missing before the task fails with Splunk's text. The waits "
                        + "between them double from splunk.retry.backoff.initial up to splunk.retry.backoff.max.",
                GROUP_LIMITS,
                ++order,
                Width.SHORT,
                "Partial results attempts");
        return def;
    }

    /** The Splunk client settings these connector settings describe. */
    public SplunkClientConfig clientConfig() {
        return clientConfig(RetryPolicy.builder()
                .maxAttempts(getInt(RETRY_MAX_ATTEMPTS))
                .initialBackoff(retryInitialBackoff())
                .maxBackoff(retryMaxBackoff())
                .multiplier(2.0)
                .jitter(0.2)
                .build());
    }

    /** The same client settings with another retry policy (validate asks once and answers quickly). */
    SplunkClientConfig clientConfig(RetryPolicy retry) {
        return connection(values()).retry(retry).build();
    }

    /**
     * How to reach Splunk (URL, credentials, TLS, proxy, timeouts, search API; retries are left to the caller) from
     * parsed settings (values as {@link ConfigDef} parses them): for the tasks, and for the reachability check of
     * validate().
     */
    static SplunkClientConfig.Builder connection(Map<String, ?> parsed) {
        SplunkAuth auth;
        Password token = (Password) parsed.get(TOKEN);
        if (token != null) {
            auth = ((String) parsed.get(TOKEN_TYPE)).equalsIgnoreCase("Splunk")
                    ? SplunkAuth.splunkToken(token.value())
                    : SplunkAuth.bearerToken(token.value());
        } else {
            auth = SplunkAuth.login((String) parsed.get(USERNAME), ((Password) parsed.get(PASSWORD)).value());
        }
        TlsSettings tls;
        String trustStore = (String) parsed.get(TRUSTSTORE_PATH);
        if (!(Boolean) parsed.get(TLS_VERIFY)) {
            tls = TlsSettings.insecure();
        } else if (trustStore != null) {
            tls = TlsSettings.withTrustStore(
                    Path.of(trustStore),
                    ((Password) parsed.get(TRUSTSTORE_PASSWORD)).value().toCharArray(),
                    ((String) parsed.get(TRUSTSTORE_TYPE)).toUpperCase(Locale.ROOT));
        } else {
            tls = TlsSettings.verifying();
        }
        SplunkClientConfig.Builder builder = SplunkClientConfig.builder(URI.create(((String) parsed.get(URL)).trim()))
                .auth(auth)
                .tls(tls)
                .connectTimeout(duration(parsed, CONNECT_TIMEOUT))
                .readTimeout(duration(parsed, READ_TIMEOUT))
                .searchApi(searchApiVersion((String) parsed.get(API_VERSION)));
        if (parsed.get(OWNER) != null) {
            builder.namespace((String) parsed.get(OWNER), (String) parsed.get(APP));
        }
        if (parsed.get(PROXY_URL) != null) {
            builder.proxy(URI.create(((String) parsed.get(PROXY_URL)).trim()));
        }
        return builder;
    }

    private static Duration duration(Map<String, ?> parsed, String key) {
        return DurationValidator.parse((String) parsed.get(key));
    }

    public URI url() {
        return URI.create(getString(URL).trim());
    }

    public Instant backfillStart() {
        return InstantValidator.parseOrNull(getString(BACKFILL_START));
    }

    public Instant backfillEndOrNull() {
        return InstantValidator.parseOrNull(getString(BACKFILL_END));
    }

    /** The backfill's index-time cut-off when set apart from its end (tail off), else null. */
    public Instant backfillIndexLatestOrNull() {
        return InstantValidator.parseOrNull(getString(BACKFILL_INDEX_LATEST));
    }

    public Duration sliceDuration() {
        return DurationValidator.parse(getString(SLICE_DURATION));
    }

    public Duration tailPollInterval() {
        return DurationValidator.parse(getString(TAIL_POLL_INTERVAL));
    }

    public Duration tailLag() {
        return DurationValidator.parse(getString(TAIL_LAG));
    }

    public boolean tailEnabled() {
        return getBoolean(TAIL_ENABLED);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    /** The configured search API version; null for auto. */
    public SearchApiVersion searchApiVersion() {
        return searchApiVersion(getString(API_VERSION));
    }

    private static SearchApiVersion searchApiVersion(String setting) {
        String v = setting.toLowerCase(Locale.ROOT);
        return v.equals("auto") ? null : SearchApiVersion.valueOf(v.toUpperCase(Locale.ROOT));
    }

    /** The search mode; null for Splunk's default. */
    public SearchMode searchMode() {
        String v = getString(SEARCH_MODE);
        return v.isBlank() ? null : SearchMode.fromValue(v);
    }

    public boolean enableLookups() {
        return getBoolean(ENABLE_LOOKUPS);
    }

    /** The oldest event time the tail searches, back from a window's end; null for all event time. */
    public Duration tailMaxEventAge() {
        String v = getString(TAIL_MAX_EVENT_AGE);
        return v.isBlank() ? null : DurationValidator.parse(v);
    }

    public Duration retryInitialBackoff() {
        return DurationValidator.parse(getString(RETRY_INITIAL_BACKOFF));
    }

    public Duration retryMaxBackoff() {
        return DurationValidator.parse(getString(RETRY_MAX_BACKOFF));
    }

    public Duration outageMaxBackoff() {
        return DurationValidator.parse(getString(OUTAGE_BACKOFF_MAX));
    }

    PartialResults partialResults() {
        return PartialResults.fromSetting(getString(PARTIAL_RESULTS));
    }

    public int partialResultsMaxAttempts() {
        return getInt(PARTIAL_RESULTS_MAX_ATTEMPTS);
    }

    public KafkaTimestamp kafkaTimestamp() {
        return KafkaTimestamp.fromSetting(getString(KAFKA_TIMESTAMP));
    }
}
