package io.github.splunkdeltabridge.client;

/** The authenticated user lacks a capability or access to an index (HTTP 403). */
public class SplunkPermissionException extends SplunkException {

    public SplunkPermissionException(String message) {
        super(message);
    }

    public SplunkPermissionException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }
}
