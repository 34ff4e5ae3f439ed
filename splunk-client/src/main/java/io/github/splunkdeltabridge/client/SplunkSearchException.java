package io.github.splunkdeltabridge.client;

/** The search was rejected (HTTP 400, bad SPL) or failed while streaming (an ERROR or FATAL message in the results). */
public class SplunkSearchException extends SplunkException {

    public SplunkSearchException(String message) {
        super(message);
    }

    public SplunkSearchException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }
}
