package io.github.splunkdeltabridge.localstack;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@code bin/local-pipeline} was asked to do: command-line flags for the time window and the
 * emulator's data, environment variables for a real Splunk (so secrets stay out of shell history
 * and process listings).
 */
record LocalPipelineOptions(
        Duration window,
        long seed,
        int eventsPerMinute,
        int sampleEvents,
        String splunkUrl,
        String splunkToken,
        String splunkUsername,
        String splunkPassword,
        List<String> indexes) {

    static final String USAGE = """
            Usage: bin/local-pipeline [--minutes N] [--seed N] [--events-per-minute N] [--sample N]
              --minutes N            how far back to read, in minutes (default 120)
              --seed N               seed of the emulator's generated data (default 42)
              --events-per-minute N  events per minute and index in the emulator (default 60)
              --sample N             how many events to print (default 3)
            Environment, to read a real Splunk instead of the emulator:
              SPLUNK_URL             e.g. https://splunk.example.com:8089
              SPLUNK_TOKEN           a Splunk authentication token (sent as Bearer), or
              SPLUNK_USERNAME and SPLUNK_PASSWORD
              SPLUNK_INDEXES         comma-separated indexes to read (default main)
            """;

    static LocalPipelineOptions parse(String[] args, Map<String, String> env) {
        Duration window = Duration.ofMinutes(120);
        long seed = 42;
        int eventsPerMinute = 60;
        int sample = 3;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value after " + flag + "\n" + USAGE);
            }
            String value = args[++i];
            switch (flag) {
                case "--minutes" -> window = Duration.ofMinutes(positive(flag, value));
                case "--seed" -> seed = number(flag, value);
                case "--events-per-minute" -> eventsPerMinute = (int) positive(flag, value);
                case "--sample" -> sample = (int) number(flag, value);
                default -> throw new IllegalArgumentException("Unknown option " + flag + "\n" + USAGE);
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
        List<String> indexes = indexList == null ? List.of("main")
                : Arrays.stream(indexList.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new LocalPipelineOptions(window, seed, eventsPerMinute, sample, url, token, username, password, indexes);
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Never prints the token or password: options end up in logs. */
    @Override
    public String toString() {
        return "LocalPipelineOptions[window=" + window + ", seed=" + seed + ", splunkUrl=" + splunkUrl
                + ", indexes=" + indexes + "]";
    }
}
