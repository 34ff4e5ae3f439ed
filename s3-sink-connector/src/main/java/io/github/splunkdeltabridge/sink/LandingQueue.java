package io.github.splunkdeltabridge.sink;

import io.github.splunkdeltabridge.sink.storage.ObjectOffsets;
import io.github.splunkdeltabridge.sink.storage.S3Uploader;
import io.github.splunkdeltabridge.sink.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
 *
 * <p>A key already taken in S3 ends a landing's upload when the object there holds other records than the file
 * (a replay cut differently by wall-clock rotation, another writer): {@link #conflict()} then tells the writer which
 * records each directory already has in S3, and the writer rewinds (see {@link TopicPartitionWriter}).
 */
final class LandingQueue {

    private static final Logger LOG = LoggerFactory.getLogger(LandingQueue.class);

    /** A finished local file, the object key it lands on and the records it holds. */
    record ClosedFile(String key, Path path, String encodedPartition, ObjectOffsets offsets) {
        long records() {
            return offsets.recordCount();
        }
    }

    /**
     * A landing stopped at a key whose object holds other records: the offset of the landing's first record, and for
     * each directory whose records up to some offset are in S3 (the landing's files uploaded before, and the object
     * found at the key) that offset.
     */
    record Conflict(long firstOffset, Map<String, Long> landedThrough) {}

    private static final class Landing {
        final List<ClosedFile> files;
        final long offsetAfter;
        /** Files already in S3, the first ones of {@link #files}. */
        int uploaded;
        /** The upload running (or run) on the upload thread; null when none was started or it failed. */
        Future<?> background;

        boolean failedInBackground;

        /** Set by the upload when a key is taken by an object holding other records; the landing stops there. */
        volatile ObjectOffsets taken;

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

    /** The oldest landing's conflict, if its upload stopped at a key taken by an object holding other records. */
    Optional<Conflict> conflict() {
        Landing oldest = landings.peekFirst();
        if (oldest == null || oldest.taken == null || oldest.background != null) {
            return Optional.empty();
        }
        Map<String, Long> landedThrough = new HashMap<>();
        for (int i = 0; i < oldest.uploaded; i++) {
            ClosedFile file = oldest.files.get(i);
            landedThrough.put(file.encodedPartition(), file.offsets().lastOffset());
        }
        landedThrough.put(oldest.files.get(oldest.uploaded).encodedPartition(), oldest.taken.lastOffset());
        long firstOffset = oldest.files.stream()
                .mapToLong(file -> file.offsets().firstOffset())
                .min()
                .orElseThrow();
        return Optional.of(new Conflict(firstOffset, landedThrough));
    }

    /** The offset after the newest landing whose files are all in S3, or -1. */
    long landedOffset() {
        return landedOffset;
    }

    /**
     * Waits for a running upload to end, then deletes every local file not landed. Answers the first offset those
     * files held, if any.
     */
    OptionalLong discard() {
        long first = Long.MAX_VALUE;
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
            for (ClosedFile file : landing.files.subList(landing.uploaded, landing.files.size())) {
                first = Math.min(first, file.offsets().firstOffset());
                deleteQuietly(file.path());
            }
        }
        landings.clear();
        return first == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(first);
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
            if (oldest.taken != null) {
                // Left for the writer, which rewinds (conflict()).
                return;
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
                if (oldest.taken != null) {
                    // Stopped at a key taken by other records: not landed; left for the writer's rewind.
                    return;
                }
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
        } catch (SdkException e) {
            throw retriable(landing, e);
        } catch (IOException e) {
            // The uploader reads only the local file: local.buffer.dir failed, not S3.
            throw new BufferFileException(
                    "read back for its upload",
                    landing.files.get(landing.uploaded).path(),
                    e);
        }
    }

    /**
     * Uploads the files of {@code landing} not in S3 yet; runs on one thread at a time. A key found taken by an object
     * holding exactly the file's records counts as uploaded (a retried or replayed upload); one holding others stops
     * the landing.
     */
    private void upload(Landing landing) throws IOException {
        while (!landing.inS3()) {
            ClosedFile file = landing.files.get(landing.uploaded);
            ObjectOffsets inS3 = uploader.upload(file.key(), file.path(), file.offsets());
            if (inS3.equals(file.offsets())) {
                LOG.info("Landed {} records of {} in {}", file.records(), topicPartition, file.key());
            } else if (inS3.firstOffset() != file.offsets().firstOffset()) {
                throw new StorageException("The object at " + file.key() + " holds offsets from " + inS3.firstOffset()
                        + " but its key says " + file.offsets().firstOffset() + ": an object the sink did not write "
                        + "under this key; move it out of the topics directory and restart the task");
            } else {
                LOG.info(
                        "{} was already in S3 with offsets {}..{} of {}; this file held {}..{}: continuing after the "
                                + "object there",
                        file.key(),
                        inS3.firstOffset(),
                        inS3.lastOffset(),
                        topicPartition,
                        file.offsets().firstOffset(),
                        file.offsets().lastOffset());
                landing.taken = inS3;
                return;
            }
            deleteQuietly(file.path());
            landing.uploaded++;
        }
    }

    private static long records(Landing landing) {
        return landing.files.stream().mapToLong(ClosedFile::records).sum();
    }

    /** Access denied, no such bucket and the like: retrying does not help, a person must act. */
    private static boolean isPermanent(S3Exception e) {
        int status = e.statusCode();
        // 409 ConditionalRequestConflict: another conditional write of the key was in flight; S3 says to retry.
        return status >= 400 && status < 500 && status != 408 && status != 409 && status != 429;
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
            if (Files.isDirectory(path.getParent())) {
                LOG.warn("Cannot delete buffer file {}", path, e);
            } else {
                // local.buffer.dir itself went away, which LocalBuffer reports.
                LOG.debug("Cannot delete buffer file {}: {}", path, e.toString());
            }
        }
    }
}
