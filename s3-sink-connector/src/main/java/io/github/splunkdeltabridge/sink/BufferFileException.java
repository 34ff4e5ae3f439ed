package io.github.splunkdeltabridge.sink;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file under {@code local.buffer.dir} could not be created, written, finished or read back for its upload. Thrown
 * inside the writer and its landing queue only; {@link TopicPartitionWriter} turns it into a rewind and a
 * {@link LocalBuffer.FailureException}.
 */
final class BufferFileException extends RuntimeException {

    private final Path path;
    private final String action;

    BufferFileException(String action, Path path, IOException cause) {
        super("Cannot " + action + " " + path, cause);
        this.path = path;
        this.action = action;
    }

    Path path() {
        return path;
    }

    /** What the sink was doing: "create", "write", "finish", "read back for its upload". */
    String action() {
        return action;
    }

    IOException ioCause() {
        return (IOException) getCause();
    }
}
