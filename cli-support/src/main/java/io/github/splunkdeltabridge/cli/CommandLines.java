package io.github.splunkdeltabridge.cli;

import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Creates the {@link CommandLine} of every main of the project, so that they behave alike: durations through
 * {@link DurationConverter}, and on bad usage a short message naming the option (not the whole help, which would
 * scroll the error away) and exit code 2; {@code --help} prints the generated help and exits with 0.
 */
public final class CommandLines {

    private CommandLines() {}

    /** A command line for {@code command}, a picocli {@code @Command} object. */
    public static CommandLine create(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.registerConverter(Duration.class, new DurationConverter());
        commandLine.setParameterExceptionHandler(CommandLines::printShortError);
        return commandLine;
    }

    private static int printShortError(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String name = commandLine.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + name + " --help' for the options.");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }
}
