package io.github.splunkdeltabridge.delta.options;

/**
 * An option whose value proves wrong only once the job looks at the storage (a {@code --source-path} that does not
 * exist); the message names the option. The command line reports it as bad usage (exit code 2), like the errors
 * picocli finds while reading the options.
 */
public final class InvalidOptionsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidOptionsException(String message) {
        super(message);
    }

    public InvalidOptionsException(String message, Throwable cause) {
        super(message, cause);
    }
}
