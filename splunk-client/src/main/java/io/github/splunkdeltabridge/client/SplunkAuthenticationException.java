package io.github.splunkdeltabridge.client;

/** Splunk refused the credentials (HTTP 401), or login failed. */
public class SplunkAuthenticationException extends SplunkException {

    public SplunkAuthenticationException(String message) {
        super(message);
    }

    public SplunkAuthenticationException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }
}
