package io.github.splunkdeltabridge.emulator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own for manual use, e.g. with curl:
 * <pre>
 * java -cp … io.github.splunkdeltabridge.emulator.SplunkEmulatorMain --port 8089 --token dev-token
 * curl -H 'Authorization: Bearer dev-token' http://127.0.0.1:8089/services/search/v2/jobs/export \
 *      -d search='search index=web' -d earliest_time=-10m -d output_mode=json
 * </pre>
 */
public final class SplunkEmulatorMain {

    private static final String USAGE = """
            Usage: SplunkEmulatorMain [--port N] [--tls] [--token T] [--user U --password P]
                                      [--seed N] [--start ISO] [--end ISO] [--events-per-minute N] [--data FILE.ndjson]
            Defaults: port 8089, token dev-token, generated data for the last 24 hours up to now.
            """;

    private SplunkEmulatorMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        SplunkEmulator.Builder emulator = SplunkEmulator.builder().port(8089);
        GeneratedDataset.Builder generated = GeneratedDataset.builder();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        generated.start(now.minus(1, ChronoUnit.DAYS)).end(now.plus(1, ChronoUnit.DAYS));
        Path data = null;
        String token = "dev-token";
        String user = null;
        String password = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--tls")) {
                emulator.tls(true);
                continue;
            }
            if (flag.equals("--help") || i + 1 >= args.length) {
                System.err.print(USAGE);
                System.exit(flag.equals("--help") ? 0 : 2);
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> emulator.port(Integer.parseInt(value));
                case "--token" -> token = value;
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--seed" -> generated.seed(Long.parseLong(value));
                case "--start" -> generated.start(Instant.parse(value));
                case "--end" -> generated.end(Instant.parse(value));
                case "--events-per-minute" -> generated.eventsPerMinute(Integer.parseInt(value));
                case "--data" -> data = Path.of(value);
                default -> {
                    System.err.print("Unknown option " + flag + "\n" + USAGE);
                    System.exit(2);
                }
            }
        }
        emulator.token(token);
        if (user != null && password != null) {
            emulator.user(user, password);
        }
        emulator.dataset(data == null ? generated.build() : NdjsonDataset.load(data));
        SplunkEmulator running = emulator.build().start();
        System.out.println("Splunk emulator listening at " + running.baseUri() + " (indexes "
                + running.dataset().indexes() + "); Ctrl-C stops it.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
