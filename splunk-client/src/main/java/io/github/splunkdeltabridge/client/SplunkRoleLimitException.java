package io.github.splunkdeltabridge.client;

/**
 * Splunk refused a search because of a limit of the user's roles (authorize.conf), which only a change of the role or
 * of what is searched can lift: not retried.
 */
public class SplunkRoleLimitException extends SplunkException {

    public SplunkRoleLimitException(String message, int status) {
        super(message, status, null);
    }
}
