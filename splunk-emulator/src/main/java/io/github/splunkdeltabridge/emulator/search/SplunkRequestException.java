package io.github.splunkdeltabridge.emulator.search;

import java.util.Map;

/**
 * A request the emulated Splunk refuses, with the HTTP status and the message (type and text) Splunk puts in
 * its {@code messages} body. Thrown anywhere below the HTTP layer, which turns it into the response.
 */
public final class SplunkRequestException extends RuntimeException {

    private final int status;
    private final String messageType;
    private final transient Map<String, String> headers;

    public SplunkRequestException(int status, String messageType, String message) {
        this(status, messageType, message, Map.of());
    }

    public SplunkRequestException(int status, String messageType, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.messageType = messageType;
        this.headers = Map.copyOf(headers);
    }

    /** 400 with a FATAL message, as Splunk answers bad SPL and bad arguments. */
    public static SplunkRequestException badRequest(String message) {
        return new SplunkRequestException(400, "FATAL", message);
    }

    public int status() {
        return status;
    }

    public String messageType() {
        return messageType;
    }

    /** Extra response headers, e.g. {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }
}
