package io.github.splunkdeltabridge.client;

/** The endpoint or object does not exist (HTTP 404); the message names the path. */
public class SplunkNotFoundException extends SplunkException {

    public SplunkNotFoundException(String message) {
        super(message);
    }

    public SplunkNotFoundException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }
}
