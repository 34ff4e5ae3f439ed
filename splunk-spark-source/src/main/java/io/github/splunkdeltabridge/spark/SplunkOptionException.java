package io.github.splunkdeltabridge.spark;

/** A missing, unknown or invalid reader option; the message names each option at fault and never holds a secret. */
public final class SplunkOptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SplunkOptionException(String message) {
        super(message);
    }
}
