package io.github.splunkdeltabridge.delta.options;

/** A missing, unknown or invalid job option; the message names the option as the user typed it. */
public final class InvalidOptionsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidOptionsException(String message) {
        super(message);
    }

    public InvalidOptionsException(String message, Throwable cause) {
        super(message, cause);
    }
}
