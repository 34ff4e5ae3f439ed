package io.github.splunkdeltabridge.localstack;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local pipeline's verdict: the reconcile command (docs/reconcile.md) over the backfill range, in a JVM of its
 * own with local Spark like the Delta job, its table echoed to the console. The Splunk credentials reach it through
 * its environment, never its command line.
 */
final class ReconcileStep implements AutoCloseable {

    static final String COMMAND_CLASS = "io.github.splunkdeltabridge.reconcile.ReconcileCommand";

    private final PrintStream out;
    private final DeltaJobLauncher launcher;
    private final Path reportDir;

    /** The reconcile's exit code (0: every hour matches, 1: some differ) and its verdict line. */
    record Verdict(int exitCode, String line) {
        boolean allMatch() {
            return exitCode == 0;
        }
    }

    ReconcileStep(Path dataDir, Map<String, String> splunkSecrets, PrintStream out) {
        this.out = out;
        this.reportDir = dataDir.resolve("reconcile");
        this.launcher = new DeltaJobLauncher(dataDir.resolve("delta"), splunkSecrets, reconcileClasspath());
    }

    /**
     * Reconciles the backfill range {@code [from, to)}. With a source connector, each index's cut-off comes from its
     * committed offsets (the backfill end while the tail is off); without, it is {@code to}, the backfill end, as with
     * --follow, whose tail has read later windows that the Delta job may not have ingested yet.
     */
    Verdict run(
            ConnectorOverrides.SplunkEndpoint splunk,
            Instant from,
            Instant to,
            Path table,
            String username,
            URI connectUrl,
            String sourceConnector) {
        return run(splunk, from, to, table, username, connectUrl, sourceConnector, List.of(), line -> {});
    }

    /**
     * Reconciles with {@code --repair --deploy}: the source connector's bounded copies for the hours missing events
     * are created through Connect; answers the verdict, and the names deployed through {@code deployed}.
     */
    Verdict repair(
            ConnectorOverrides.SplunkEndpoint splunk,
            Instant from,
            Instant to,
            Path table,
            String username,
            URI connectUrl,
            String sourceConnector,
            List<String> deployed) {
        return run(
                splunk,
                from,
                to,
                table,
                username,
                connectUrl,
                sourceConnector,
                List.of("--repair", "--deploy"),
                line -> {
                    Matcher matcher = DEPLOYED.matcher(line);
                    if (matcher.matches()) {
                        deployed.add(matcher.group(1));
                    }
                });
    }

    private static final Pattern DEPLOYED = Pattern.compile("\\s*deployed (\\S+) to .*");

    private Verdict run(
            ConnectorOverrides.SplunkEndpoint splunk,
            Instant from,
            Instant to,
            Path table,
            String username,
            URI connectUrl,
            String sourceConnector,
            List<String> more,
            java.util.function.Consumer<String> lines) {
        List<String> args = new ArrayList<>(List.of(
                "--splunk-url", splunk.url().toString(),
                "--index", String.join(",", splunk.indexes()),
                "--from", from.toString(),
                "--to", to.toString()));
        if (sourceConnector != null) {
            args.addAll(List.of("--connector", sourceConnector, "--connect-url", connectUrl.toString()));
        } else {
            args.addAll(List.of("--indexed-before", to.toString()));
        }
        args.addAll(List.of(
                "--table-path",
                table.toString(),
                "--master",
                "local[2]",
                "--spark-conf",
                "spark.ui.enabled=false",
                "--report-dir",
                reportDir.toString(),
                "--ids"));
        if (username != null) {
            args.addAll(List.of("--splunk-username", username));
        }
        args.addAll(more);
        out.println(
                "\nReconciling the Delta table with Splunk, hour by hour (reconcile " + String.join(" ", args) + "):");
        String[] verdict = {null};
        int exit = launcher.exitCode(COMMAND_CLASS, args, line -> {
            out.println("    " + line);
            lines.accept(line);
            if (line.startsWith("RECONCILE: ")) {
                verdict[0] = line;
            }
        });
        if (exit > 1 || verdict[0] == null) {
            throw new StackException("reconcile exited with code " + exit + " without a verdict; see its output above");
        }
        return new Verdict(exit, verdict[0]);
    }

    @Override
    public void close() {
        launcher.close();
    }

    /** The Splunk secrets of the reconcile's environment: the emulator's token, or the real Splunk's. */
    static Map<String, String> secrets(LocalPipelineOptions options, LocalSecrets secrets) {
        Map<String, String> env = new LinkedHashMap<>();
        if (!options.usesRealSplunk()) {
            env.put("SPLUNK_TOKEN", secrets.emulatorToken());
        } else if (options.splunkToken() != null) {
            env.put("SPLUNK_TOKEN", options.splunkToken());
        } else {
            env.put("SPLUNK_PASSWORD", options.splunkPassword());
        }
        return env;
    }

    /** The reconcile classes and the libraries its build recorded (Spark comes from the Delta job's class path). */
    private static List<String> reconcileClasspath() {
        List<String> classpath = new ArrayList<>();
        try {
            Class<?> command = Class.forName(COMMAND_CLASS, false, ReconcileStep.class.getClassLoader());
            classpath.add(Path.of(command.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new StackException(
                    "The reconcile classes are not on the class path; rebuild with bin/local-pipeline --rebuild", e);
        }
        String recorded = DeltaJobLauncher.resource("reconcile-classpath.txt").trim();
        classpath.addAll(Arrays.asList(recorded.split(java.io.File.pathSeparator)));
        return classpath;
    }
}
