package io.github.splunkdeltabridge.sink;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's {@code local.buffer.dir}: checked once when the task starts (a path that cannot hold files is a setting
 * to fix, so the task fails), and afterwards the place whose failures (a full disk, a path that went away) the task
 * waits out. Failures are logged as a WARN at most once per {@link #WARN_INTERVAL}, naming the setting, the file and
 * the operating system's error; the first file created after them is logged as the recovery.
 */
final class LocalBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBuffer.class);

    /** How often a lasting failure is logged again. */
    static final Duration WARN_INTERVAL = Duration.ofSeconds(30);

    /** How long Connect waits before delivering the records again after a failure (SinkTaskContext#timeout). */
    static final Duration RETRY_BACKOFF = Duration.ofSeconds(5);

    /** The sink waits: Connect delivers the batch again after {@link #RETRY_BACKOFF}; no record is lost. */
    static final class FailureException extends RetriableException {
        FailureException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path dir;
    private final Clock clock;
    private final Consumer<String> warnings;
    private Instant failingSince;
    private Instant lastWarning;
    private int failuresSinceWarning;
    private int failures;

    LocalBuffer(Path dir, Clock clock) {
        this(dir, clock, LOG::warn);
    }

    /** For tests that read the warnings. */
    LocalBuffer(Path dir, Clock clock, Consumer<String> warnings) {
        this.dir = dir;
        this.clock = clock;
        this.warnings = warnings;
    }

    Path dir() {
        return dir;
    }

    /**
     * Creates the directory if missing and checks that it takes a file; fails the task start otherwise, naming the
     * setting: a wrong path is not something waiting fixes.
     */
    void checkAtStart() {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, "s3-sink-start-", ".probe");
            Files.delete(probe);
        } catch (IOException e) {
            throw new ConnectException(
                    S3SinkConfig.BUFFER_DIR + " " + dir + " cannot hold the sink's buffer files: " + osError(e)
                            + "; set " + S3SinkConfig.BUFFER_DIR + " to a writable directory",
                    e);
        }
    }

    /**
     * Reports a failure that the writer of {@code partition} answered by dropping its files not in S3 and asking
     * Connect for its records again from {@code redeliverFrom}; answers the exception that tells Connect to wait.
     */
    synchronized FailureException failed(TopicPartition partition, BufferFileException failure, long redeliverFrom) {
        Instant now = clock.instant();
        failures++;
        if (failingSince == null) {
            failingSince = now;
        }
        String message = S3SinkConfig.BUFFER_DIR + " " + dir + " failed: cannot " + failure.action() + " "
                + failure.path() + ": " + osError(failure.ioCause()) + ". " + partition
                + " drops its files not in S3 and reads its records again from offset " + redeliverFrom
                + " in " + RETRY_BACKOFF.toSeconds() + " s; nothing is lost. Free space or fix the directory";
        if (lastWarning == null || !now.isBefore(lastWarning.plus(WARN_INTERVAL))) {
            warnings.accept(message + " (failing since " + failingSince + ", " + (failuresSinceWarning + 1)
                    + " failure(s) since the last warning)");
            lastWarning = now;
            failuresSinceWarning = 0;
        } else {
            failuresSinceWarning++;
        }
        return new FailureException(message, failure.getCause());
    }

    /** A buffer file was created: ends a failure, if one was going on. */
    synchronized void fileCreated() {
        if (failingSince != null) {
            LOG.info(
                    "{} {} takes files again after {} failure(s) since {}; writing resumed",
                    S3SinkConfig.BUFFER_DIR,
                    dir,
                    failures,
                    failingSince);
            failingSince = null;
            lastWarning = null;
            failuresSinceWarning = 0;
            failures = 0;
        }
    }

    /** Whether a failure is going on (no file created since the last one). */
    synchronized boolean failing() {
        return failingSince != null;
    }

    /** The operating system's words: Java's file exceptions carry the path and the reason separately. */
    static String osError(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return "exists and is not a directory (" + e.getClass().getSimpleName() + ")";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory (" + e.getClass().getSimpleName() + ")";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory (" + e.getClass().getSimpleName() + ")";
        }
        String reason = e instanceof java.nio.file.FileSystemException fs ? fs.getReason() : e.getMessage();
        return (reason == null ? "" : reason + " ") + "(" + e.getClass().getSimpleName() + ")";
    }
}
