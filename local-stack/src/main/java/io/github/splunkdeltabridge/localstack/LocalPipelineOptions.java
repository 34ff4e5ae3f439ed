package io.github.splunkdeltabridge.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@code bin/local-pipeline} was asked to do: command-line flags for the data, the ports and the mode,
 * environment variables for a real Splunk (so secrets stay out of shell history and process listings).
 */
record LocalPipelineOptions(
        Duration window,
        long seed,
        int eventsPerMinute,
        Path dataDir,
        Path configDir,
        Path pluginDir,
        boolean fresh,
        boolean follow,
        Duration followInterval,
        Ports ports,
        String splunkUrl,
        String splunkToken,
        String splunkUsername,
        String splunkPassword,
        List<String> indexes) {

    /** Loopback ports of the components. */
    record Ports(int kafka, int controller, int connect, int s3, int splunk) {}

    static final String USAGE = """
            Usage: bin/local-pipeline [options]
              --minutes N             backfill window: the last N minutes (default 120); fixed when the data folder is created
              --seed N                seed of the emulator's generated data (default 42)
              --events-per-minute N   events per minute and index in the emulator (default 60)
              --data-dir DIR          where Kafka, S3, Delta and the stack's state live (default .local-stack)
              --config-dir DIR        connector and worker files to deploy (default config)
              --plugin-dir DIR        the worker's plugin.path: the unpacked plugin zips (default
                                      local-stack/target/connect-plugins, filled by ./mvnw install)
              --fresh                 delete the data folder first and start over
              --follow                keep tailing Splunk and re-run the Delta job until Ctrl-C
              --follow-interval DUR   how often --follow runs the Delta job (default 60s; 30s, 5m, PT1M)
              --kafka-port N          Kafka broker (default 9092); --controller-port N: KRaft controller (default 9093)
              --connect-port N        Kafka Connect REST API (default 8083)
              --s3-port N             S3-compatible server (default 9000)
              --splunk-port N         Splunk emulator's REST API (default 8089)
            Environment, to read a real Splunk instead of the emulator:
              SPLUNK_URL              e.g. https://splunk.example.com:8089
              SPLUNK_TOKEN            a Splunk authentication token (sent as Bearer), or
              SPLUNK_USERNAME and SPLUNK_PASSWORD
              SPLUNK_INDEXES          comma-separated indexes to read (default main)
            """;

    static LocalPipelineOptions parse(String[] args, Map<String, String> env) {
        Duration window = Duration.ofMinutes(120);
        long seed = 42;
        int eventsPerMinute = 60;
        Path dataDir = Path.of(".local-stack");
        Path configDir = Path.of("config");
        Path pluginDir = Path.of("local-stack", "target", "connect-plugins");
        boolean fresh = false;
        boolean follow = false;
        Duration followInterval = Duration.ofSeconds(60);
        int kafka = 9092;
        int controller = 9093;
        int connect = 8083;
        int s3 = 9000;
        int splunk = 8089;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                case "--fresh" -> fresh = true;
                case "--follow" -> follow = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("Missing value after " + flag + "\n" + USAGE);
                    }
                    String value = args[++i];
                    switch (flag) {
                        case "--minutes" -> window = Duration.ofMinutes(positive(flag, value));
                        case "--seed" -> seed = number(flag, value);
                        case "--events-per-minute" -> eventsPerMinute = (int) positive(flag, value);
                        case "--data-dir" -> dataDir = Path.of(value);
                        case "--config-dir" -> configDir = Path.of(value);
                        case "--plugin-dir" -> pluginDir = Path.of(value);
                        case "--follow-interval" -> followInterval = duration(flag, value);
                        case "--kafka-port" -> kafka = port(flag, value);
                        case "--controller-port" -> controller = port(flag, value);
                        case "--connect-port" -> connect = port(flag, value);
                        case "--s3-port" -> s3 = port(flag, value);
                        case "--splunk-port" -> splunk = port(flag, value);
                        default -> throw new IllegalArgumentException("Unknown option " + flag + "\n" + USAGE);
                    }
                }
            }
        }
        String url = blankToNull(env.get("SPLUNK_URL"));
        String token = blankToNull(env.get("SPLUNK_TOKEN"));
        String username = blankToNull(env.get("SPLUNK_USERNAME"));
        String password = blankToNull(env.get("SPLUNK_PASSWORD"));
        if (url != null && token == null && (username == null || password == null)) {
            throw new IllegalArgumentException(
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
                window,
                seed,
                eventsPerMinute,
                dataDir,
                configDir,
                pluginDir,
                fresh,
                follow,
                followInterval,
                new Ports(kafka, controller, connect, s3, splunk),
                url,
                token,
                username,
                password,
                indexes);
    }

    boolean usesRealSplunk() {
        return splunkUrl != null;
    }

    private static long number(String flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a whole number, not '" + value + "'");
        }
    }

    private static long positive(String flag, String value) {
        long n = number(flag, value);
        if (n <= 0) {
            throw new IllegalArgumentException(flag + " must be greater than 0, not " + n);
        }
        return n;
    }

    private static int port(String flag, String value) {
        long n = number(flag, value);
        if (n < 1 || n > 65535) {
            throw new IllegalArgumentException(flag + " must be a port between 1 and 65535, not " + n);
        }
        return (int) n;
    }

    private static Duration duration(String flag, String value) {
        try {
            Duration parsed = value.startsWith("P") ? Duration.parse(value) : shortDuration(value);
            if (parsed.isNegative() || parsed.isZero()) {
                throw new IllegalArgumentException(flag + " must be longer than 0, not " + value);
            }
            return parsed;
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException
                    && e.getMessage() != null
                    && e.getMessage().startsWith(flag)) {
                throw e;
            }
            throw new IllegalArgumentException(flag + " takes a duration such as 30s, 5m or PT1M, not '" + value + "'");
        }
    }

    private static Duration shortDuration(String value) {
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("unknown unit");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Never prints the token or password: options end up in logs. */
    @Override
    public String toString() {
        return "LocalPipelineOptions[window=" + window + ", seed=" + seed + ", dataDir=" + dataDir + ", follow="
                + follow + ", ports=" + ports + ", splunkUrl=" + splunkUrl + ", indexes=" + indexes + "]";
    }
}
