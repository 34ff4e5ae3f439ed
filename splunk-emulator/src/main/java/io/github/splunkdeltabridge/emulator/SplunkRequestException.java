package io.github.splunkdeltabridge.emulator;

/** A request the emulated Splunk refuses, with the HTTP status and the message Splunk puts in its body. */
final class SplunkRequestException extends RuntimeException {

    private final int status;
    private final String messageType;

    SplunkRequestException(int status, String messageType, String message) {
        super(message);
        this.status = status;
        this.messageType = messageType;
    }

    static SplunkRequestException badRequest(String message) {
        return new SplunkRequestException(400, "FATAL", message);
    }

    int status() {
        return status;
    }

    String messageType() {
        return messageType;
    }
}
