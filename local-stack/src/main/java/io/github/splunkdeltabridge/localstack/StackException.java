package io.github.splunkdeltabridge.localstack;

/** A failure of the local stack with a message meant for the person who ran it. */
final class StackException extends RuntimeException {

    StackException(String message) {
        super(message);
    }

    StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
