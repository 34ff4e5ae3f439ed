package io.github.splunkdeltabridge.sink.layout;

import java.util.Locale;
import java.util.Objects;

/**
 * Object keys in the layout of Confluent's kafka-connect-s3, so either sink feeds the same downstream readers:
 * {@code <topics.dir>/<topic>/<encoded partition>/<topic>+<kafka partition>+<start offset>.<extension>}, the start
 * offset zero-padded to ten digits. The key depends only on the first record of the object, so an upload retried
 * after a crash overwrites the same key instead of adding a duplicate.
 */
public final class ObjectKeys {

    /** Confluent's default {@code filename.offset.zero.pad.width}. */
    public static final int OFFSET_PAD_WIDTH = 10;

    private final String topicsDir;
    private final String extension;

    /**
     * @param topicsDir  {@code topics.dir}, e.g. {@code topics}; leading and trailing slashes are dropped
     * @param extension  including its dot(s), e.g. {@code .snappy.parquet} or {@code .avro}
     */
    public ObjectKeys(String topicsDir, String extension) {
        this.topicsDir = trimSlashes(Objects.requireNonNull(topicsDir, "topicsDir"));
        this.extension = Objects.requireNonNull(extension, "extension");
    }

    public String key(String topic, String encodedPartition, int kafkaPartition, long startOffset) {
        String fileName = topic + "+" + kafkaPartition + "+"
                + String.format(Locale.ROOT, "%0" + OFFSET_PAD_WIDTH + "d", startOffset) + extension;
        StringBuilder key = new StringBuilder();
        if (!topicsDir.isEmpty()) {
            key.append(topicsDir).append('/');
        }
        return key.append(topic)
                .append('/')
                .append(encodedPartition)
                .append('/')
                .append(fileName)
                .toString();
    }

    /** Parquet objects carry the codec in their extension, as Confluent's do: {@code .snappy.parquet}, {@code .parquet}. */
    public static String parquetExtension(String codec) {
        return switch (codec.toLowerCase(Locale.ROOT)) {
            case "snappy" -> ".snappy.parquet";
            case "gzip" -> ".gz.parquet";
            case "zstd" -> ".zstd.parquet";
            case "none", "uncompressed" -> ".parquet";
            default -> throw new IllegalArgumentException("Unknown Parquet codec '" + codec + "'");
        };
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }
}
