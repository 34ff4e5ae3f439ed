package io.github.splunkdeltabridge.client;

import java.io.IOException;

/**
 * The export body ended in the middle of a line: the connection was cut, not Splunk speaking nonsense.
 * An {@link IOException} so it is handled like every other transport failure (resume and retry).
 */
final class TruncatedStreamException extends IOException {

    TruncatedStreamException(String message) {
        super(message);
    }
}
