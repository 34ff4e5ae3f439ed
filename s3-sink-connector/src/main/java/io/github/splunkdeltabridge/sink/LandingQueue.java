package io.github.splunkdeltabridge.sink;

import io.github.splunkdeltabridge.sink.storage.S3Uploader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The finished files of one topic partition on their way to S3. Files closed together form a landing; landings go
 * up oldest first, and {@link #landedOffset()} moves past a landing's records only once all its files are in S3.
 *
 * <p>The newest landing uploads on the task's upload thread while the writer fills the next files, so writing and
 * uploading overlap. An older landing is waited for before a newer one starts: one upload at a time, at most two
 * landings of local files. A background upload that failed is retried in the task's own thread at the next put,
 * where a failure reaches Connect as before (retriable: Connect redelivers the batch, which the writer skips by
 * offset; permanent: the task fails without committing).
 */
final class LandingQueue {

    private static final Logger LOG = LoggerFactory.getLogger(LandingQueue.class);

    /** A finished local file and the object key it lands on. */
    record ClosedFile(String key, Path path, int records) {}

    private static final class Landing {
        final List<ClosedFile> files;
        final long offsetAfter;
        /** Files already in S3, the first ones of {@link #files}. */
        int uploaded;
        /** The upload running (or run) on the upload thread; null when none was started or it failed. */
        Future<?> background;

        boolean failedInBackground;

        Landing(List<ClosedFile> files, long offsetAfter) {
            this.files = files;
            this.offsetAfter = offsetAfter;
        }

        boolean inS3() {
            return uploaded == files.size();
        }
    }

    private final TopicPartition topicPartition;
    private final S3Uploader uploader;
    private final ExecutorService uploadThread;
    private final Deque<Landing> landings = new ArrayDeque<>();
    private long landedOffset = -1;

    LandingQueue(TopicPartition topicPartition, S3Uploader uploader, ExecutorService uploadThread) {
        this.topicPartition = topicPartition;
        this.uploader = uploader;
        this.uploadThread = uploadThread;
    }

    /**
     * Queues files closed together, whose records end before {@code offsetAfter}. Waits for older landings (and
     * retries a failed one here), then starts this one in the background.
     */
    void add(List<ClosedFile> files, long offsetAfter) {
        landings.addLast(new Landing(files, offsetAfter));
        advance(true, true);
    }

    /** Collects finished uploads without waiting; a failed one is retried here and may throw. */
    void retryFailed() {
        advance(false, true);
    }

    /** Waits for the running upload, so a commit includes it; failures stay for the next put to retry. */
    void awaitRunning() {
        advance(true, false);
    }

    boolean isEmpty() {
        return landings.isEmpty();
    }

    /** The offset after the newest landing whose files are all in S3, or -1. */
    long landedOffset() {
        return landedOffset;
    }

    /** Waits for a running upload to end, then deletes every local file not landed. */
    void discard() {
        for (Landing landing : landings) {
            if (landing.background != null) {
                try {
                    landing.background.get();
                } catch (ExecutionException | RuntimeException e) {
                    LOG.debug("Upload of a discarded landing of {} failed", topicPartition, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            landing.files.stream().skip(landing.uploaded).forEach(file -> deleteQuietly(file.path()));
        }
        landings.clear();
    }

    /**
     * Goes through the landings oldest first: collects finished background uploads; waits for a running one when
     * {@code wait}; uploads a failed one in this thread when {@code inLine}; starts the newest in the background
     * when nothing older is left.
     */
    private void advance(boolean wait, boolean inLine) {
        while (!landings.isEmpty()) {
            Landing oldest = landings.peekFirst();
            if (oldest.background != null) {
                if (!wait && !oldest.background.isDone()) {
                    return;
                }
                collect(oldest);
            }
            if (!oldest.inS3()) {
                boolean neverTried = !oldest.failedInBackground && oldest.background == null;
                if (neverTried && landings.size() == 1) {
                    oldest.background = uploadThread.submit(() -> {
                        upload(oldest);
                        return null;
                    });
                    return;
                }
                if (!inLine) {
                    return;
                }
                uploadInLine(oldest);
            }
            landings.removeFirst();
            landedOffset = oldest.offsetAfter;
        }
    }

    /** Waits for the background upload of {@code landing}; on failure marks it for a retry in line. */
    private void collect(Landing landing) {
        try {
            landing.background.get();
        } catch (ExecutionException e) {
            LOG.warn(
                    "Upload of {} records of {} failed in the background, retrying: {}",
                    records(landing),
                    topicPartition,
                    e.getCause().toString());
            landing.failedInBackground = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for an upload of " + topicPartition, e);
        }
        landing.background = null;
    }

    private void uploadInLine(Landing landing) {
        try {
            upload(landing);
        } catch (S3Exception e) {
            if (isPermanent(e)) {
                throw new ConnectException(
                        "S3 refused " + landing.files.get(landing.uploaded).key() + " with HTTP "
                                + e.statusCode() + " (" + e.awsErrorDetails().errorCode()
                                + "): check s3.bucket.name and the "
                                + "credentials' permissions; offsets were not committed, so no record is lost",
                        e);
            }
            throw retriable(landing, e);
        } catch (SdkException | IOException e) {
            throw retriable(landing, e);
        }
    }

    /** Uploads the files of {@code landing} not in S3 yet; runs on one thread at a time. */
    private void upload(Landing landing) throws IOException {
        while (!landing.inS3()) {
            ClosedFile file = landing.files.get(landing.uploaded);
            uploader.upload(file.key(), file.path());
            LOG.info("Landed {} records of {} in {}", file.records(), topicPartition, file.key());
            deleteQuietly(file.path());
            landing.uploaded++;
        }
    }

    private static int records(Landing landing) {
        return landing.files.stream().mapToInt(ClosedFile::records).sum();
    }

    /** Access denied, no such bucket and the like: retrying does not help, a person must act. */
    private static boolean isPermanent(S3Exception e) {
        int status = e.statusCode();
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    private static RetriableException retriable(Landing landing, Exception e) {
        // Connect redelivers the batch after a RetriableException; the records already written are skipped by
        // offset and this landing is uploaded again first.
        return new RetriableException(
                "Upload of " + landing.files.get(landing.uploaded).key() + " failed, will retry: " + e.getMessage(), e);
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Cannot delete buffer file {}", path, e);
        }
    }
}
