package io.github.splunkdeltabridge.s3testkit;

/**
 * One object write that reached the store: a PUT, or the completion of a multipart upload. {@code accepted} is false
 * when the store refused it (a failed If-None-Match: the key was taken).
 */
public record ObjectWrite(String bucket, String key, boolean accepted) {

    /** An accepted write. */
    public ObjectWrite(String bucket, String key) {
        this(bucket, key, true);
    }

    /** The line a server in a child JVM prints for each write; tabs cannot occur in the sink's keys. */
    String toLine() {
        return (accepted ? "WRITE" : "REFUSED") + "\t" + bucket + "\t" + key;
    }

    static ObjectWrite fromLine(String line) {
        String[] fields = line.split("\t", 3);
        if (fields.length != 3 || !(fields[0].equals("WRITE") || fields[0].equals("REFUSED"))) {
            throw new IllegalArgumentException("Not a write line of the S3 test server: " + line);
        }
        return new ObjectWrite(fields[1], fields[2], fields[0].equals("WRITE"));
    }
}
