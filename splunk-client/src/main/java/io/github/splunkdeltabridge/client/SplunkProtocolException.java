package io.github.splunkdeltabridge.client;

/** Splunk's answer could not be understood (for example a line of the export stream that is not JSON). */
public class SplunkProtocolException extends SplunkException {

    public SplunkProtocolException(String message) {
        super(message);
    }

    public SplunkProtocolException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }
}
