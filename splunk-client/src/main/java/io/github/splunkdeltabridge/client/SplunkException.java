package io.github.splunkdeltabridge.client;

/**
 * Root of every failure the Splunk client reports. Unchecked: callers (the source task) handle
 * the concrete subclasses they care about and let the rest fail the task.
 *
 * <p>Messages name the endpoint path and HTTP status but never a token, password or session key.
 */
public class SplunkException extends RuntimeException {

    private final int status;

    public SplunkException(String message) {
        this(message, 0, null);
    }

    public SplunkException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    public SplunkException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status Splunk answered, or 0 when the failure did not come from an HTTP answer. */
    public int status() {
        return status;
    }
}
