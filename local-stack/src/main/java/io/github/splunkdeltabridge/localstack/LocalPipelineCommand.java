package io.github.splunkdeltabridge.localstack;

import io.github.splunkdeltabridge.cli.CommandLines;
import io.github.splunkdeltabridge.cli.DurationConverter;
import io.github.splunkdeltabridge.cli.HelpOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command line of {@code bin/local-pipeline} (which passes its arguments through): options for the data, the
 * ports and the mode; a real Splunk comes from environment variables instead, so its secrets stay out of shell
 * history and process listings.
 */
@Command(
        name = "bin/local-pipeline",
        sortOptions = false,
        showDefaultValues = true,
        usageHelpAutoWidth = true,
        description = {
            "Runs the whole pipeline on this machine, no Docker: the Splunk emulator (or a real Splunk), an"
                    + " S3-compatible server, a KRaft Kafka broker, a Connect worker with both connectors, and the"
                    + " Delta ingest job; then checks that the Delta table holds exactly the events of the Splunk"
                    + " range.",
            ""
        },
        footer = {
            "",
            "Environment, to read a real Splunk instead of the emulator:",
            "  SPLUNK_URL                  such as https://splunk.example.com:8089",
            "  SPLUNK_TOKEN                a Splunk authentication token (sent as Bearer), or",
            "  SPLUNK_USERNAME and SPLUNK_PASSWORD",
            "  SPLUNK_INDEXES              comma-separated indexes to read (default main)",
            "",
            "bin/local-pipeline --rebuild ... rebuilds the project first.",
            "Exit codes: 0 the Delta table holds exactly the events of the range, 1 it does not or a component"
                    + " failed, 2 bad options."
        })
public final class LocalPipelineCommand implements Callable<Integer> {

    @Spec
    private CommandSpec commandSpec;

    private final Map<String, String> env;
    private final ToIntFunction<LocalPipelineOptions> pipeline;

    @Option(
            names = "--minutes",
            paramLabel = "N",
            defaultValue = "120",
            description = "Backfill window: the last N minutes; fixed when the data folder is created.")
    private long minutes;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Seed of the emulator's generated data; fixed when the data folder is created.")
    private long seed;

    @Option(
            names = "--events-per-minute",
            paramLabel = "N",
            defaultValue = "60",
            description = "Events per minute and index in the emulator; fixed when the data folder is created.")
    private int eventsPerMinute;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = ".local-stack",
            description = "Where Kafka, S3, Delta and the stack's state live.")
    private Path dataDir;

    @Option(
            names = "--config-dir",
            paramLabel = "DIR",
            defaultValue = "config",
            description = "Connector and worker files to deploy.")
    private Path configDir;

    @Option(
            names = "--plugin-dir",
            paramLabel = "DIR",
            defaultValue = "local-stack/target/connect-plugins",
            description = "The Connect worker's plugin.path: the plugin zips unpacked by ./mvnw install.")
    private Path pluginDir;

    @Option(names = "--fresh", description = "Delete the data folder first and start over.")
    private boolean fresh;

    @Option(
            names = "--follow",
            description = "Keep the connectors tailing Splunk and re-run the Delta job until Ctrl-C.")
    private boolean follow;

    @Option(
            names = "--follow-interval",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "How often --follow runs the Delta job (" + DurationConverter.FORMS + ").")
    private Duration followInterval;

    @Option(
            names = "--repair",
            description = "When the reconcile finds hours missing events, copy them again with bounded source"
                    + " connectors, run the Delta job and reconcile again (not with --follow).")
    private boolean repair;

    @Option(names = "--kafka-port", paramLabel = "N", defaultValue = "9092", description = "Kafka broker.")
    private int kafkaPort;

    @Option(names = "--controller-port", paramLabel = "N", defaultValue = "9093", description = "KRaft controller.")
    private int controllerPort;

    @Option(names = "--connect-port", paramLabel = "N", defaultValue = "8083", description = "Kafka Connect REST API.")
    private int connectPort;

    @Option(names = "--s3-port", paramLabel = "N", defaultValue = "9000", description = "S3-compatible server.")
    private int s3Port;

    @Option(
            names = "--splunk-port",
            paramLabel = "N",
            defaultValue = "8089",
            description = "Splunk emulator's REST API.")
    private int splunkPort;

    @Mixin
    private HelpOption help;

    private LocalPipelineCommand(Map<String, String> env, ToIntFunction<LocalPipelineOptions> pipeline) {
        this.env = Map.copyOf(env);
        this.pipeline = pipeline;
    }

    /** The command line; {@code execute} runs {@code pipeline} and exits with its code, or prints help or an error. */
    static CommandLine commandLine(Map<String, String> env, ToIntFunction<LocalPipelineOptions> pipeline) {
        return CommandLines.create(new LocalPipelineCommand(env, pipeline));
    }

    /** The options' model, for the generated docs. */
    public static CommandSpec spec() {
        return commandLine(Map.of(), options -> 0).getCommandSpec();
    }

    /** Reads and checks the options without running anything; a bad option throws a {@link ParameterException}. */
    static LocalPipelineOptions parse(String[] args, Map<String, String> env) {
        CommandLine commandLine = commandLine(env, options -> 0);
        commandLine.parseArgs(args);
        LocalPipelineCommand command = commandLine.getCommand();
        return command.toOptions();
    }

    @Override
    public Integer call() {
        return pipeline.applyAsInt(toOptions());
    }

    LocalPipelineOptions toOptions() {
        positive("--minutes", minutes);
        positive("--events-per-minute", eventsPerMinute);
        LocalPipelineOptions.Ports ports = new LocalPipelineOptions.Ports(
                port("--kafka-port", kafkaPort),
                port("--controller-port", controllerPort),
                port("--connect-port", connectPort),
                port("--s3-port", s3Port),
                port("--splunk-port", splunkPort));
        String url = blankToNull(env.get("SPLUNK_URL"));
        String token = blankToNull(env.get("SPLUNK_TOKEN"));
        String username = blankToNull(env.get("SPLUNK_USERNAME"));
        String password = blankToNull(env.get("SPLUNK_PASSWORD"));
        if (url != null && token == null && (username == null || password == null)) {
            throw new ParameterException(
                    commandSpec.commandLine(),
                    "SPLUNK_URL is set but neither SPLUNK_TOKEN nor SPLUNK_USERNAME and SPLUNK_PASSWORD are");
        }
        String indexList = blankToNull(env.get("SPLUNK_INDEXES"));
        List<String> indexes = indexList == null
                ? List.of("main")
                : Arrays.stream(indexList.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
        return new LocalPipelineOptions(
                Duration.ofMinutes(minutes),
                seed,
                eventsPerMinute,
                dataDir,
                configDir,
                pluginDir,
                fresh,
                follow,
                followInterval,
                repair,
                ports,
                url,
                token,
                username,
                password,
                indexes);
    }

    private void positive(String option, long value) {
        if (value <= 0) {
            throw new ParameterException(commandSpec.commandLine(), option + " must be greater than 0, not " + value);
        }
    }

    private int port(String option, int value) {
        if (value < 1 || value > 65535) {
            throw new ParameterException(
                    commandSpec.commandLine(), option + " must be a port between 1 and 65535, not " + value);
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
