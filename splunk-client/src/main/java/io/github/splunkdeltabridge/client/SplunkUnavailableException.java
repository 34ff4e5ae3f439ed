package io.github.splunkdeltabridge.client;

/** Splunk stayed unavailable (503, 429, 5xx, connection or read failures) after every attempt the {@link RetryPolicy} allows. */
public class SplunkUnavailableException extends SplunkException {

    public SplunkUnavailableException(String message) {
        super(message);
    }

    public SplunkUnavailableException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }
}
