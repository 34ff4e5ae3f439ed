package io.github.splunkdeltabridge.emulator;

import io.github.splunkdeltabridge.cli.CommandLines;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import io.github.splunkdeltabridge.emulator.data.NdjsonDataset;
import io.github.splunkdeltabridge.emulator.faults.RoleLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the emulator on its own for manual use, e.g. with curl:
 * <pre>
 * java -cp … io.github.splunkdeltabridge.emulator.SplunkEmulatorMain --port 8089 --token dev-token
 * curl -H 'Authorization: Bearer dev-token' http://127.0.0.1:8089/services/search/v2/jobs/export \
 *      -d search='search index=web' -d earliest_time=-10m -d output_mode=json
 * </pre>
 * Bad usage exits with status 2 and a message naming the option.
 */
@Command(
        name = "splunk-emulator",
        mixinStandardHelpOptions = true,
        description = "Serves Splunk's REST search API on 127.0.0.1 over generated or NDJSON data.",
        sortOptions = false)
public final class SplunkEmulatorMain implements Callable<Integer> {

    @Option(names = "--port", description = "Loopback port (default: ${DEFAULT-VALUE}).", defaultValue = "8089")
    int port;

    @Option(names = "--tls", description = "Serve HTTPS with the bundled self-signed certificate.")
    boolean tls;

    @Option(
            names = "--token",
            description = "Authentication token of the user (default: ${DEFAULT-VALUE}).",
            defaultValue = "dev-token")
    String token;

    @Option(names = "--user", description = "User for auth/login and Basic auth (needs --password).")
    String user;

    @Option(names = "--password", description = "Password of --user.")
    String password;

    @Option(
            names = "--seed",
            description = "Seed of the generated data (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    long seed;

    @Option(names = "--start", description = "First instant of generated data, ISO-8601 (default: a day ago).")
    Instant start;

    @Option(names = "--end", description = "End of generated data, ISO-8601 (default: a day from now).")
    Instant end;

    @Option(
            names = "--events-per-minute",
            description = "Generated events per minute and index (default: ${DEFAULT-VALUE}).",
            defaultValue = "60")
    int eventsPerMinute;

    @Option(names = "--data", description = "Serve the events of this NDJSON file instead of generated data.")
    Path data;

    @Option(
            names = "--splunk-version",
            description = "Splunk version to play; before 9.0.1 there is no search/v2 (default: ${DEFAULT-VALUE}).",
            defaultValue = "9.3.2")
    String splunkVersion;

    @Option(
            names = "--user-time-zone",
            description = "Time zone of the user's preferences (tz), e.g. America/New_York.")
    ZoneId userTimeZone;

    @Option(
            names = "--server-time-zone",
            description = "The server's time zone (default: ${DEFAULT-VALUE}).",
            defaultValue = "UTC")
    ZoneId serverTimeZone;

    @Option(
            names = "--max-concurrent-searches",
            description = "Instance-wide concurrent search quota (default: ${DEFAULT-VALUE}).",
            defaultValue = "50")
    int maxConcurrentSearches;

    @Option(names = "--srch-time-win", description = "Role limit srchTimeWin of the user, e.g. 24h.")
    Duration srchTimeWin;

    @Option(names = "--srch-time-earliest", description = "Role limit srchTimeEarliest of the user, e.g. 7d.")
    Duration srchTimeEarliest;

    @Option(
            names = "--srch-indexes-allowed",
            split = ",",
            description = "Role limit srchIndexesAllowed, e.g. web,app*.")
    List<String> srchIndexesAllowed;

    @Option(names = "--srch-jobs-quota", description = "Role limit srchJobsQuota of the user.")
    Integer srchJobsQuota;

    @Option(names = "--srch-disk-quota", description = "Role limit srchDiskQuota of the user, in MB.")
    Long srchDiskQuotaMb;

    @Option(names = "--peer-down", description = "A search peer of this name is down: its share of events is missing.")
    String peerDown;

    @Option(
            names = "--peer-down-share",
            description = "Share of events on the down peer (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.25")
    double peerDownShare;

    @Spec
    CommandSpec spec;

    private SplunkEmulatorMain() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with picocli's exit codes: 0 for help, 2 for bad usage. */
    static CommandLine commandLine() {
        return CommandLines.create(new SplunkEmulatorMain()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() throws InterruptedException {
        SplunkEmulator running = configure().build().start();
        if (peerDown != null) {
            running.faults().peerDown(peerDown, peerDownShare);
        }
        PrintWriter out = new PrintWriter(System.out, true);
        out.println("Splunk emulator " + running.splunkVersion() + " listening at " + running.baseUri() + " (indexes "
                + running.dataset().indexes() + "); Ctrl-C stops it.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** The emulator the options describe; invalid combinations raise {@link CommandLine.ParameterException}. */
    SplunkEmulator.Builder configure() {
        CommandLine cmd = spec.commandLine();
        if ((user == null) != (password == null)) {
            throw new CommandLine.ParameterException(cmd, "--user and --password go together");
        }
        SplunkEmulator.Builder emulator = SplunkEmulator.builder()
                .port(port)
                .tls(tls)
                .zone(serverTimeZone)
                .maxConcurrentSearches(maxConcurrentSearches);
        try {
            emulator.splunkVersion(splunkVersion);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, "--splunk-version: " + e.getMessage());
        }
        String owner = user != null ? user : "admin";
        emulator.token(token, owner);
        if (user != null) {
            emulator.user(user, password);
        }
        if (userTimeZone != null) {
            emulator.userTimeZone(owner, userTimeZone);
        }
        RoleLimits role = roleLimits(cmd);
        if (role != null) {
            emulator.role(owner, role);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try {
            emulator.dataset(
                    data != null
                            ? NdjsonDataset.load(data)
                            : GeneratedDataset.builder()
                                    .seed(seed)
                                    .start(start != null ? start : now.minus(1, ChronoUnit.DAYS))
                                    .end(end != null ? end : now.plus(1, ChronoUnit.DAYS))
                                    .eventsPerMinute(eventsPerMinute)
                                    .build());
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, (data != null ? "--data: " : "") + e.getMessage());
        }
        return emulator;
    }

    private RoleLimits roleLimits(CommandLine cmd) {
        if (srchTimeWin == null
                && srchTimeEarliest == null
                && srchIndexesAllowed == null
                && srchJobsQuota == null
                && srchDiskQuotaMb == null) {
            return null;
        }
        try {
            RoleLimits.Builder role = RoleLimits.builder("limited");
            if (srchTimeWin != null) {
                role.srchTimeWin(srchTimeWin);
            }
            if (srchTimeEarliest != null) {
                role.srchTimeEarliest(srchTimeEarliest);
            }
            if (srchIndexesAllowed != null) {
                role.srchIndexesAllowed(srchIndexesAllowed.toArray(String[]::new));
            }
            if (srchJobsQuota != null) {
                role.srchJobsQuota(srchJobsQuota);
            }
            if (srchDiskQuotaMb != null) {
                role.srchDiskQuotaMb(srchDiskQuotaMb);
            }
            return role.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
    }
}
