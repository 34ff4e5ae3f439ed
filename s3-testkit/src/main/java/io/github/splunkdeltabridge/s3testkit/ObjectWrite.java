package io.github.splunkdeltabridge.s3testkit;

/**
 * One object write the server accepted: a PUT, or the completion of a multipart upload. A write the server refused
 * (a failed If-None-Match, a bad signature) is not one.
 */
public record ObjectWrite(String bucket, String key) {

    /** The line a server in a child JVM prints for each write; tabs cannot occur in the sink's keys. */
    String toLine() {
        return "WRITE\t" + bucket + "\t" + key;
    }

    static ObjectWrite fromLine(String line) {
        String[] fields = line.split("\t", 3);
        if (fields.length != 3 || !fields[0].equals("WRITE")) {
            throw new IllegalArgumentException("Not a write line of the S3 test server: " + line);
        }
        return new ObjectWrite(fields[1], fields[2]);
    }
}
