package io.github.splunkdeltabridge.localstack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Rows of the Parquet objects under a prefix, read from each object's footer (Parquet's file format spec). */
final class LandedParquet implements AutoCloseable {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private final S3Client client;
    private final String bucket;

    LandedParquet(URI endpoint, LocalSecrets secrets, String bucket) {
        this.bucket = bucket;
        this.client = S3Objects.client(endpoint, secrets);
    }

    /** Rows of every Parquet object whose key starts with {@code prefix}. */
    long rows(String prefix) {
        long rows = 0;
        for (S3Object object : client.listObjectsV2Paginator(
                        b -> b.bucket(bucket).prefix(prefix))
                .contents()) {
            if (object.key().endsWith(".parquet")) {
                rows += rows(
                        object.key(),
                        client.getObjectAsBytes(b -> b.bucket(bucket).key(object.key()))
                                .asByteArray());
            }
        }
        return rows;
    }

    /** For failure messages: how many objects the bucket holds, and the first key. */
    String describeBucket() {
        List<String> keys = new ArrayList<>();
        client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(object -> keys.add(object.key()));
        return keys.size() + " objects in " + bucket + (keys.isEmpty() ? "" : ", first " + keys.get(0));
    }

    /** A Parquet file ends with its footer, the footer's length (4 bytes, little-endian) and "PAR1". */
    private static long rows(String key, byte[] file) {
        int length = file.length;
        if (length < 12 || !ByteBuffer.wrap(file, length - 4, 4).equals(ByteBuffer.wrap(MAGIC))) {
            throw new IllegalStateException(key + " is not a Parquet file");
        }
        int footerLength = ByteBuffer.wrap(file, length - 8, 4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getInt();
        try {
            FileMetaData footer =
                    Util.readFileMetaData(new ByteArrayInputStream(file, length - 8 - footerLength, footerLength));
            return footer.getNum_rows();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the footer of " + key, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
