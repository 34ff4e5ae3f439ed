package io.github.splunkdeltabridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The emulator's command line: generated help, errors that name the option, exit code 2 on bad usage. */
class SplunkEmulatorMainTest {

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cmd = SplunkEmulatorMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        // Bad options fail before the emulator would start; --help prints and exits.
        return new Run(cmd.execute(args), out.toString(), err.toString());
    }

    @Test
    void helpListsEveryOptionAndExitsZero() {
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .contains(
                        "--port",
                        "--tls",
                        "--token",
                        "--user",
                        "--password",
                        "--seed",
                        "--start",
                        "--end",
                        "--events-per-minute",
                        "--data",
                        "--splunk-version",
                        "--user-time-zone",
                        "--srch-time-win",
                        "--srch-indexes-allowed",
                        "--peer-down");
    }

    @Test
    void anUnknownOptionOrBadValueIsAUsageErrorNamingIt() {
        Run unknown = run("--frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--frobnicate");

        Run badPort = run("--port", "eighty");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.err()).contains("--port").contains("eighty");

        Run badZone = run("--user-time-zone", "Mars/Olympus");
        assertThat(badZone.exitCode()).isEqualTo(2);
        assertThat(badZone.err()).contains("--user-time-zone");
    }

    @Test
    void inconsistentOptionsAreUsageErrorsBeforeAnythingListens() {
        Run version = run("--port", "0", "--splunk-version", "nine");
        assertThat(version.exitCode()).isEqualTo(2);
        assertThat(version.err()).contains("--splunk-version").contains("nine");

        Run userWithoutPassword = run("--port", "0", "--user", "alice");
        assertThat(userWithoutPassword.exitCode()).isEqualTo(2);
        assertThat(userWithoutPassword.err()).contains("--user and --password go together");

        Run badQuota = run("--port", "0", "--srch-jobs-quota", "0");
        assertThat(badQuota.exitCode()).isEqualTo(2);
        assertThat(badQuota.err()).contains("srchJobsQuota");
    }
}
