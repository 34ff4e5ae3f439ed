package io.github.splunkdeltabridge.bench;

import io.github.splunkdeltabridge.cli.CommandLines;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line of every benchmark main (a picocli {@code @Command} that is a {@code Callable}): the project's
 * conventions ({@link CommandLines}) plus counts written {@code 200k} or {@code 1m} for whole-number options.
 */
public final class BenchmarkCommandLine {

    private BenchmarkCommandLine() {}

    public static CommandLine create(Object benchmark) {
        CommandLine commandLine = CommandLines.create(benchmark);
        commandLine.registerConverter(Long.class, new CountConverter());
        commandLine.registerConverter(long.class, new CountConverter());
        commandLine.registerConverter(Integer.class, new CountConverter.ToInt());
        commandLine.registerConverter(int.class, new CountConverter.ToInt());
        return commandLine;
    }

    /** Runs the benchmark with {@code args} and exits with its code (2 on bad options, 0 after --help). */
    public static void run(Object benchmark, String[] args) {
        System.exit(create(benchmark).execute(args));
    }

    /** The options as used, as the user would type them, for the report header: {@code --events 1m --rounds 5}. */
    public static String describe(CommandSpec spec) {
        return spec.options().stream()
                .filter(option -> !option.usageHelp())
                .map(option -> option.longestName() + " " + value(option))
                .collect(Collectors.joining(" "));
    }

    private static String value(OptionSpec option) {
        List<String> given = option.originalStringValues();
        if (!given.isEmpty()) {
            return given.get(given.size() - 1);
        }
        return option.defaultValue() == null ? "(not set)" : option.defaultValue();
    }
}
