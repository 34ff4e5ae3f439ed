package io.github.splunkdeltabridge.sink.storage;

import java.util.Map;

/**
 * Which records of a Kafka topic partition an object holds, written as user metadata on every object the sink lands
 * ({@code x-amz-meta-kafka-first-offset}, {@code -last-offset}, {@code -record-count}). When a key is already taken
 * (a replay after a crash, a second writer) the sink reads these from the object there and continues after them
 * instead of overwriting it. The object holds records of one directory (encoded partition) only, so the offsets are
 * those of its first and last record, not a contiguous range.
 */
public record ObjectOffsets(long firstOffset, long lastOffset, long recordCount) {

    static final String FIRST_OFFSET = "kafka-first-offset";
    static final String LAST_OFFSET = "kafka-last-offset";
    static final String RECORD_COUNT = "record-count";

    public ObjectOffsets {
        if (firstOffset < 0 || lastOffset < firstOffset || recordCount < 1) {
            throw new IllegalArgumentException(
                    "offsets " + firstOffset + ".." + lastOffset + " with " + recordCount + " records");
        }
    }

    /** The user metadata to write (the SDK adds the x-amz-meta- prefix). */
    Map<String, String> toMetadata() {
        return Map.of(
                FIRST_OFFSET, String.valueOf(firstOffset),
                LAST_OFFSET, String.valueOf(lastOffset),
                RECORD_COUNT, String.valueOf(recordCount));
    }

    /**
     * The offsets of an existing object, from its user metadata (keys as S3 returns them, lower case); fails naming
     * the object when they are missing or malformed, since the sink then cannot tell which records it holds.
     */
    static ObjectOffsets fromMetadata(String bucket, String key, Map<String, String> metadata) {
        String first = metadata.get(FIRST_OFFSET);
        String last = metadata.get(LAST_OFFSET);
        String count = metadata.get(RECORD_COUNT);
        if (first == null || last == null || count == null) {
            throw new StorageException("s3://" + bucket + "/" + key + " already exists but has no offset metadata "
                    + "(x-amz-meta-" + FIRST_OFFSET + ", -" + LAST_OFFSET + ", -" + RECORD_COUNT + "), so the sink "
                    + "cannot tell which records it holds and will not overwrite it. It was written by something "
                    + "else, or by a build of this sink from before offset metadata; move it out of the topics "
                    + "directory and restart the task");
        }
        try {
            return new ObjectOffsets(Long.parseLong(first), Long.parseLong(last), Long.parseLong(count));
        } catch (IllegalArgumentException e) {
            throw new StorageException("s3://" + bucket + "/" + key + " has malformed offset metadata " + FIRST_OFFSET
                    + "=" + first + ", " + LAST_OFFSET + "=" + last + ", " + RECORD_COUNT + "=" + count);
        }
    }
}
