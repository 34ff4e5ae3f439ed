package io.github.splunkdeltabridge.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * What must stay the same across restarts of the local stack on one data folder: Kafka's cluster id and the
 * end of the backfill (with the emulator's data, which is generated from it). Kept in {@code stack.properties}.
 */
record StackState(String clusterId, Instant backfillEnd, Duration window, long seed, int eventsPerMinute) {

    static StackState loadOrCreate(Path dataDir, LocalPipelineOptions options) {
        Path file = dataDir.resolve("stack.properties");
        try {
            if (Files.exists(file)) {
                Properties stored = new Properties();
                try (Reader reader = Files.newBufferedReader(file)) {
                    stored.load(reader);
                }
                return new StackState(
                        stored.getProperty("cluster.id"),
                        Instant.parse(stored.getProperty("backfill.end")),
                        Duration.parse(stored.getProperty("window")),
                        Long.parseLong(stored.getProperty("seed")),
                        Integer.parseInt(stored.getProperty("events.per.minute")));
            }
            StackState state = new StackState(
                    Uuid.randomUuid().toString(),
                    Instant.now().truncatedTo(ChronoUnit.MINUTES),
                    options.window(),
                    options.seed(),
                    options.eventsPerMinute());
            Properties props = new Properties();
            props.setProperty("cluster.id", state.clusterId());
            props.setProperty("backfill.end", state.backfillEnd().toString());
            props.setProperty("window", state.window().toString());
            props.setProperty("seed", Long.toString(state.seed()));
            props.setProperty("events.per.minute", Integer.toString(state.eventsPerMinute()));
            Files.createDirectories(dataDir);
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(
                        out,
                        "The local stack's fixed settings for this data folder (delete the folder or use --fresh to start over)");
            }
            return state;
        } catch (IOException | RuntimeException e) {
            throw new StackException(
                    "Cannot read or write " + file + " (" + e.getMessage() + "); start over with --fresh", e);
        }
    }

    Instant backfillStart() {
        return backfillEnd.minus(window);
    }

    /** True when the options asked for other data than this folder holds, so the user can be told. */
    boolean differsFrom(LocalPipelineOptions options) {
        return !window.equals(options.window())
                || seed != options.seed()
                || eventsPerMinute != options.eventsPerMinute();
    }
}
