package io.github.splunkdeltabridge.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} for every command line of the project: {@code @Mixin private HelpOption help;}. */
public final class HelpOption {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Print this help and exit.")
    private boolean help;
}
