package io.github.splunkdeltabridge.sink.storage;

import org.apache.kafka.connect.errors.ConnectException;

/** S3 refused the sink's bucket or credentials: a configuration problem that retrying does not fix. */
public final class StorageException extends ConnectException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
