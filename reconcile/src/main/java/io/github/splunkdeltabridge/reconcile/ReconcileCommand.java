package io.github.splunkdeltabridge.reconcile;

import io.github.splunkdeltabridge.cli.CommandLines;
import io.github.splunkdeltabridge.cli.HelpOption;
import io.github.splunkdeltabridge.client.SplunkAuth;
import io.github.splunkdeltabridge.client.SplunkClientConfig;
import io.github.splunkdeltabridge.client.TlsSettings;
import io.github.splunkdeltabridge.delta.options.TableMode;
import io.github.splunkdeltabridge.delta.options.TargetTable;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code reconcile}: proves per index and UTC hour that the Delta table holds what Splunk holds. The command line;
 * {@link ReconcileRun} does the work.
 */
@Command(
        name = "reconcile",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Counts each index's events per UTC hour in Splunk (| tstats count ... by _time span=1h) and in the Delta"
                    + " table (Spark SQL), for events indexed before the cut-off the pipeline has read to, and prints"
                    + " which hours match, miss events or hold extra rows. Writes reconcile.json and reconcile.csv.",
            "Splunk credentials come from the environment: SPLUNK_TOKEN, or --splunk-username with SPLUNK_PASSWORD;"
                    + " SPLUNK_TRUSTSTORE_PASSWORD for --splunk-truststore.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every hour matches",
            "1:some hours differ (the table and the reports say which)",
            "2:bad usage: an option, an unknown index, a table that is not there",
            "3:the reconcile could not finish (Splunk, Spark, Connect or file errors)"
        })
public final class ReconcileCommand implements Callable<Integer> {

    public static final int MATCH = 0;
    public static final int DIFFERENT = 1;
    public static final int USAGE = 2;
    public static final int FAILED = 3;

    static final String SPLUNK_TOKEN = "SPLUNK_TOKEN";
    static final String SPLUNK_PASSWORD = "SPLUNK_PASSWORD";
    static final String SPLUNK_TRUSTSTORE_PASSWORD = "SPLUNK_TRUSTSTORE_PASSWORD";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--splunk-url",
            required = true,
            paramLabel = "URL",
            description = "Splunk's REST API (management port), e.g. https://splunk.example.com:8089.")
    URI splunkUrl;

    @Option(
            names = "--splunk-username",
            paramLabel = "USER",
            description = "Log in as this user with the password in SPLUNK_PASSWORD, instead of SPLUNK_TOKEN.")
    String splunkUsername;

    @Option(
            names = "--splunk-token-type",
            paramLabel = "bearer|splunk",
            defaultValue = "bearer",
            description = "How SPLUNK_TOKEN is sent: bearer (authentication tokens) or splunk (session keys)."
                    + " Default: ${DEFAULT-VALUE}.")
    String splunkTokenType;

    @Option(
            names = "--splunk-namespace",
            paramLabel = "OWNER/APP",
            description = "Search under /servicesNS/OWNER/APP instead of /services, e.g. nobody/search.")
    String splunkNamespace;

    @Option(
            names = "--splunk-tls-verify",
            paramLabel = "true|false",
            defaultValue = "true",
            arity = "1",
            description = "Verify Splunk's certificate and host name. Default: ${DEFAULT-VALUE}.")
    boolean splunkTlsVerify;

    @Option(
            names = "--splunk-truststore",
            paramLabel = "FILE",
            description = "PKCS12 trust store with the CA of Splunk's certificate (password in"
                    + " SPLUNK_TRUSTSTORE_PASSWORD).")
    Path splunkTruststore;

    @Option(
            names = "--index",
            required = true,
            split = ",",
            paramLabel = "INDEX",
            description = "Splunk index to reconcile; repeat or separate with commas. No wildcards.")
    List<String> indexes;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "TIME",
            converter = InstantConverter.class,
            description = "Start of the event-time range (inclusive): " + InstantConverter.FORMS + ".")
    Instant from;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "TIME",
            converter = InstantConverter.class,
            description = "End of the event-time range (exclusive).")
    Instant to;

    @ArgGroup(exclusive = true, multiplicity = "1")
    CutoffSource cutoff;

    static final class CutoffSource {
        @Option(
                names = "--indexed-before",
                required = true,
                paramLabel = "TIME",
                converter = InstantConverter.class,
                description = "Count only events indexed before this time: the connector's backfill end, or the"
                        + " end of the tail's last committed window.")
        Instant indexedBefore;

        @Option(
                names = "--connector",
                required = true,
                paramLabel = "NAME",
                description = "Read the cut-off of each index from this source connector's committed offsets"
                        + " (needs --connect-url).")
        String connector;
    }

    @Option(
            names = "--connect-url",
            paramLabel = "URL",
            description =
                    "Kafka Connect's REST API, e.g. http://connect:8083: for --connector, --repair and" + " --deploy.")
    URI connectUrl;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TableOption table;

    static final class TableOption {
        @Option(
                names = "--table-path",
                required = true,
                paramLabel = "PATH",
                description = "Delta table location (delta-ingest-job's --target-path).")
        String path;

        @Option(
                names = "--table",
                required = true,
                paramLabel = "NAME",
                description = "Delta table name, e.g. main.splunk.splunk_events (delta-ingest-job's --target-table).")
        String name;

        TargetTable target() {
            return path != null ? TargetTable.path(path) : TargetTable.name(name);
        }
    }

    @Option(
            names = "--table-mode",
            paramLabel = "single|per-index",
            defaultValue = "single",
            description = "As delta-ingest-job's --table-mode: one table, or one per index. Default: ${DEFAULT-VALUE}.")
    String tableMode;

    @Option(
            names = "--report-dir",
            paramLabel = "DIR",
            defaultValue = "reconcile-report",
            description = "Where reconcile.json, reconcile.csv and repair/ go (any Hadoop path: a local"
                    + " directory, s3a://..., /Volumes/...). Default: ${DEFAULT-VALUE}.")
    String reportDir;

    @Option(names = "--ids", description = "For every hour that differs, list the missing and the extra event ids.")
    boolean ids;

    @Option(
            names = "--ids-limit",
            paramLabel = "N",
            defaultValue = "100",
            description = "Ids listed per hour and kind (missing, extra). Default: ${DEFAULT-VALUE}.")
    int idsLimit;

    @Option(
            names = "--ids-max-events-per-hour",
            paramLabel = "N",
            defaultValue = "2000000",
            description = "Hours with more events are not read for ids (both sides are held in memory)."
                    + " Default: ${DEFAULT-VALUE}.")
    long idsMaxEventsPerHour;

    @Option(
            names = "--repair",
            description = "Write a source connector config per run of hours with missing events into"
                    + " DIR/repair/: the connector of --source-config (or of --connector) bounded to those indexes"
                    + " and hours, tail off. Deploy them (or use --deploy), run the Delta job, reconcile again.")
    boolean repair;

    @Option(
            names = "--source-config",
            paramLabel = "FILE",
            description = "The source connector's JSON ({\"name\": ..., \"config\": {...}}, as in config/) that"
                    + " --repair bounds; default: the config of --connector read from --connect-url.")
    Path sourceConfig;

    @Option(names = "--deploy", description = "With --repair: create the repair connectors through --connect-url.")
    boolean deploy;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master for local runs, e.g. local[2]; on a cluster Spark's own.")
    String master;

    @Option(
            names = "--spark-conf",
            paramLabel = "KEY=VALUE",
            description = "Spark setting, repeatable (e.g. spark.hadoop.fs.s3a.endpoint=...).")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Mixin
    private HelpOption help;

    private final Map<String, String> environment;
    private final PrintStream out;

    public ReconcileCommand(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    public static void main(String[] args) {
        int exitCode =
                commandLine(new ReconcileCommand(System.getenv(), System.out)).execute(args);
        if (System.getenv("DATABRICKS_RUNTIME_VERSION") != null) {
            // A Databricks jar task reports failure through an exception; System.exit would read as a crash.
            if (exitCode != MATCH) {
                throw new IllegalStateException("reconcile ended with exit code " + exitCode
                        + (exitCode == DIFFERENT ? ": some hours differ, see the table above and the reports" : ""));
            }
            return;
        }
        System.exit(exitCode);
    }

    /**
     * The command line: bad usage (options, and the {@link ReconcileUsageException}s the run throws) prints a short
     * message naming the option and exits with {@value #USAGE}; other failures print their message and exit with
     * {@value #FAILED}.
     */
    public static CommandLine commandLine(ReconcileCommand command) {
        // The project's one command-line setup: durations, a short error naming the option, exit code 2 (USAGE).
        CommandLine commandLine = CommandLines.create(command);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            if (e instanceof ReconcileUsageException) {
                cl.getErr().println("reconcile: " + e.getMessage());
                cl.getErr().flush();
                return USAGE;
            }
            cl.getErr().println("reconcile failed: " + describe(e));
            cl.getErr().flush();
            return FAILED;
        });
        return commandLine;
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null || message.contains(cause.getMessage())
                ? message
                : message + " (" + cause.getMessage() + ")";
    }

    @Override
    public Integer call() {
        ReconcileRun.Settings settings = settings();
        return new ReconcileRun(settings, new Progress(out), out).run() ? MATCH : DIFFERENT;
    }

    /** The options checked together; each error names its option and exits with {@value #USAGE}. */
    ReconcileRun.Settings settings() {
        if (!from.isBefore(to)) {
            throw usage("--to " + to + " must be after --from " + from);
        }
        if (cutoff.connector != null && connectUrl == null) {
            throw usage("--connector needs --connect-url: where Kafka Connect's REST API is");
        }
        if (repair && sourceConfig == null && cutoff.connector == null) {
            throw usage("--repair needs the source connector to bound: --source-config FILE, or --connector NAME"
                    + " with --connect-url");
        }
        if (repair && sourceConfig == null && connectUrl == null) {
            throw usage("--repair with --connector reads the connector's config: give --connect-url");
        }
        if (deploy && (!repair || connectUrl == null)) {
            throw usage("--deploy creates the --repair connectors through --connect-url: give both");
        }
        if (idsLimit < 1) {
            throw usage("--ids-limit must be at least 1, not " + idsLimit);
        }
        if (idsMaxEventsPerHour < 1) {
            throw usage("--ids-max-events-per-hour must be at least 1, not " + idsMaxEventsPerHour);
        }
        TableMode mode = switch (tableMode.toLowerCase(Locale.ROOT)) {
            case "single" -> TableMode.SINGLE;
            case "per-index" -> TableMode.PER_INDEX;
            default -> throw usage("--table-mode must be single or per-index, not '" + tableMode + "'");
        };
        List<String> checkedIndexes;
        try {
            checkedIndexes = io.github.splunkdeltabridge.reconcile.splunk.IndexNames.checked(indexes);
        } catch (ReconcileUsageException e) {
            throw usage(e.getMessage());
        }
        return new ReconcileRun.Settings(
                splunkConfig(),
                checkedIndexes,
                new ReconcileRange(from, to),
                Optional.ofNullable(cutoff.indexedBefore),
                Optional.ofNullable(cutoff.connector),
                Optional.ofNullable(connectUrl),
                table.target(),
                mode,
                reportDir,
                ids,
                idsLimit,
                idsMaxEventsPerHour,
                repair,
                Optional.ofNullable(sourceConfig),
                deploy,
                Optional.ofNullable(master),
                Map.copyOf(sparkConf));
    }

    private SplunkClientConfig splunkConfig() {
        SplunkClientConfig.Builder builder;
        try {
            builder = SplunkClientConfig.builder(splunkUrl);
        } catch (IllegalArgumentException e) {
            throw usage("--splunk-url: " + e.getMessage());
        }
        String token = environment.get(SPLUNK_TOKEN);
        String password = environment.get(SPLUNK_PASSWORD);
        if (splunkUsername != null) {
            if (password == null || password.isEmpty()) {
                throw usage("--splunk-username " + splunkUsername + " needs the password in " + SPLUNK_PASSWORD);
            }
            builder.auth(SplunkAuth.login(splunkUsername, password));
        } else if (token != null && !token.isEmpty()) {
            builder.auth(
                    switch (splunkTokenType.toLowerCase(Locale.ROOT)) {
                        case "bearer" -> SplunkAuth.bearerToken(token);
                        case "splunk" -> SplunkAuth.splunkToken(token);
                        default ->
                            throw usage("--splunk-token-type must be bearer or splunk, not '" + splunkTokenType + "'");
                    });
        } else {
            throw usage("no Splunk credentials: set " + SPLUNK_TOKEN + ", or --splunk-username with " + SPLUNK_PASSWORD
                    + " (never on the command line, where others can read them)");
        }
        if (splunkNamespace != null) {
            String[] parts = splunkNamespace.split("/", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw usage("--splunk-namespace must be OWNER/APP, e.g. nobody/search, not '" + splunkNamespace + "'");
            }
            builder.namespace(parts[0], parts[1]);
        }
        if (!splunkTlsVerify) {
            builder.tls(TlsSettings.insecure());
        } else if (splunkTruststore != null) {
            String storePassword = environment.get(SPLUNK_TRUSTSTORE_PASSWORD);
            builder.tls(TlsSettings.withTrustStore(
                    splunkTruststore, storePassword == null ? null : storePassword.toCharArray(), "PKCS12"));
        }
        return builder.build();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
