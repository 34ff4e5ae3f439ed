package io.github.splunkdeltabridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line alone: every check here happens before Splunk or Spark is touched. */
class ReconcileCommandTest {

    private static final Map<String, String> TOKEN = Map.of("SPLUNK_TOKEN", "a-token-value-from-the-environment");

    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        CommandLine commandLine = ReconcileCommand.commandLine(
                new ReconcileCommand(env, new PrintStream(out, true, StandardCharsets.UTF_8)));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        return commandLine.execute(args);
    }

    /** Valid arguments, with {@code changes} replacing the value of an option given there or added. */
    private static String[] valid(String... changes) {
        List<String> args = new ArrayList<>(List.of(
                "--splunk-url", "https://splunk.example.com:8089",
                "--index", "web,os",
                "--from", "2024-03-01T00:00:00Z",
                "--to", "2024-03-02",
                "--indexed-before", "1709337600",
                "--table-path", "/tmp/no-such-table"));
        List<String> more = Arrays.asList(changes);
        for (int i = 0; i < more.size(); i++) {
            String option = more.get(i);
            boolean hasValue = i + 1 < more.size() && !more.get(i + 1).startsWith("--");
            int at = args.indexOf(option);
            if (at >= 0 && hasValue && !option.equals("--index")) {
                args.set(at + 1, more.get(++i));
            } else {
                args.add(option);
                if (hasValue) {
                    args.add(more.get(++i));
                }
            }
        }
        return args.toArray(String[]::new);
    }

    private ReconcileRun.Settings settings(Map<String, String> env, String... args) {
        ReconcileCommand command = new ReconcileCommand(env, System.out);
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void helpListsTheOptionsAndTheExitCodes() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--splunk-url", "--index", "--indexed-before", "--connector", "--table-path", "--ids")
                .contains("--repair", "--deploy", "--report-dir")
                .contains("Exit codes:")
                .contains("1   some hours differ")
                .contains("2   bad usage");
    }

    @Test
    void aRangeThatEndsBeforeItStartsExitsWithTwoNamingTheOptions() {
        assertThat(run(TOKEN, valid("--to", "2024-02-01T00:00:00Z"))).isEqualTo(2);
        assertThat(err.toString()).contains("reconcile: --to 2024-02-01T00:00:00Z must be after --from");
    }

    @Test
    void aMissingRequiredOptionIsNamed() {
        assertThat(run(TOKEN, "--splunk-url", "https://s:8089", "--from", "2024-03-01", "--to", "2024-03-02"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option").contains("--index");
    }

    @Test
    void aCutOffIsRequiredAndOnlyOneKind() {
        List<String> args = new ArrayList<>(List.of(valid()));
        int i = args.indexOf("--indexed-before");
        args.remove(i);
        args.remove(i);
        assertThat(run(TOKEN, args.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString()).contains("--indexed-before").contains("--connector");

        assertThat(run(TOKEN, valid("--connector", "splunk-source"))).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void aConnectorCutOffNeedsTheConnectUrl() {
        String[] args = valid();
        List<String> list = new ArrayList<>(List.of(args));
        int i = list.indexOf("--indexed-before");
        list.set(i, "--connector");
        list.set(i + 1, "splunk-source");
        assertThat(run(TOKEN, list.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString()).contains("--connector needs --connect-url");
    }

    @Test
    void badTimesAndIndexNamesAreRefusedWithTheValue() {
        assertThat(run(TOKEN, valid("--from", "yesterday"))).isEqualTo(2);
        assertThat(err.toString()).contains("'yesterday' is not a time");

        assertThat(run(TOKEN, valid("--index", "web*"))).isEqualTo(2);
        assertThat(err.toString()).contains("--index 'web*'").contains("no wildcards");
    }

    @Test
    void credentialsComeFromTheEnvironmentOnly() {
        assertThat(run(Map.of(), valid())).isEqualTo(2);
        assertThat(err.toString()).contains("no Splunk credentials: set SPLUNK_TOKEN");

        assertThat(run(Map.of(), valid("--splunk-username", "admin"))).isEqualTo(2);
        assertThat(err.toString()).contains("needs the password in SPLUNK_PASSWORD");
    }

    @Test
    void repairNeedsTheConnectorToBoundAndDeployNeedsConnect() {
        assertThat(run(TOKEN, valid("--repair"))).isEqualTo(2);
        assertThat(err.toString()).contains("--repair needs the source connector to bound");

        assertThat(run(TOKEN, valid("--repair", "--source-config", "config/splunk-source.json", "--deploy")))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--deploy creates the --repair connectors through --connect-url");
    }

    @Test
    void validOptionsBecomeSettingsWithIndexesSortedAndTheSecretNowhereInThem() {
        ReconcileRun.Settings settings = settings(TOKEN, valid("--index", "app", "--table-mode", "per-index"));

        assertThat(settings.indexes()).containsExactly("app", "os", "web");
        assertThat(settings.range().from()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(settings.range().to()).isEqualTo(Instant.parse("2024-03-02T00:00:00Z"));
        assertThat(settings.indexedBefore()).contains(Instant.parse("2024-03-02T00:00:00Z"));
        assertThat(settings.tableMode().optionValue()).isEqualTo("per-index");
        assertThat(settings.toString()).doesNotContain("a-token-value-from-the-environment");
    }
}
