package io.github.splunkdeltabridge.sink.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Uploads finished local files to one bucket: a single PUT up to the part size, a multipart upload above it (parts
 * read one at a time, so memory stays at one part). A failed multipart upload is aborted so no parts linger.
 */
public final class S3Uploader {

    private static final Logger LOG = LoggerFactory.getLogger(S3Uploader.class);

    private final S3Client client;
    private final String bucket;
    private final int partSize;
    private final String sseAlgorithm;
    private final String sseKmsKeyId;

    /**
     * @param sseAlgorithm AES256, aws:kms, or empty for the bucket's default encryption
     * @param sseKmsKeyId  the KMS key for aws:kms, or empty for the account's default S3 key
     */
    public S3Uploader(S3Client client, String bucket, int partSize, String sseAlgorithm, String sseKmsKeyId) {
        this.client = client;
        this.bucket = bucket;
        this.partSize = partSize;
        this.sseAlgorithm = sseAlgorithm;
        this.sseKmsKeyId = sseKmsKeyId;
    }

    /** Fails with a message naming the bucket setting when the bucket is missing or not reachable. */
    public void checkBucket() {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            throw new StorageException("S3 bucket '" + bucket + "' does not exist (s3.bucket.name); create it first");
        } catch (S3Exception e) {
            String reason = e.statusCode() == 404
                    ? "does not exist"
                    : e.statusCode() == 403
                            ? "refuses access: check aws.access.key.id/aws.secret.access.key or the "
                                    + "IAM policy (s3:PutObject, s3:ListBucket)"
                            : "answered HTTP " + e.statusCode();
            throw new StorageException("S3 bucket '" + bucket + "' " + reason + " (s3.bucket.name)", e);
        }
    }

    /** Uploads {@code file} to {@code key}, replacing any object there (a retried upload lands on the same key). */
    public void upload(String key, Path file) throws IOException {
        long size = Files.size(file);
        if (size <= partSize) {
            client.putObject(putRequest(key), RequestBody.fromFile(file));
        } else {
            uploadInParts(key, file, size);
        }
        LOG.debug("Uploaded s3://{}/{} ({} bytes)", bucket, key, size);
    }

    private PutObjectRequest putRequest(String key) {
        PutObjectRequest.Builder request =
                PutObjectRequest.builder().bucket(bucket).key(key);
        if (!sseAlgorithm.isEmpty()) {
            request.serverSideEncryption(ServerSideEncryption.fromValue(sseAlgorithm));
            if (!sseKmsKeyId.isEmpty()) {
                request.ssekmsKeyId(sseKmsKeyId);
            }
        }
        return request.build();
    }

    private void uploadInParts(String key, Path file, long size) throws IOException {
        CreateMultipartUploadRequest.Builder create =
                CreateMultipartUploadRequest.builder().bucket(bucket).key(key);
        if (!sseAlgorithm.isEmpty()) {
            create.serverSideEncryption(ServerSideEncryption.fromValue(sseAlgorithm));
            if (!sseKmsKeyId.isEmpty()) {
                create.ssekmsKeyId(sseKmsKeyId);
            }
        }
        String uploadId = client.createMultipartUpload(create.build()).uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buffer = new byte[partSize];
            for (int partNumber = 1; (long) (partNumber - 1) * partSize < size; partNumber++) {
                int length = in.readNBytes(buffer, 0, buffer.length);
                int number = partNumber;
                UploadPartResponse response = client.uploadPart(
                        p -> p.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                        RequestBody.fromBytes(length == buffer.length ? buffer : Arrays.copyOf(buffer, length)));
                parts.add(CompletedPart.builder()
                        .partNumber(number)
                        .eTag(response.eTag())
                        .build());
            }
            client.completeMultipartUpload(c -> c.bucket(bucket)
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(
                            CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (IOException | RuntimeException e) {
            abortQuietly(key, uploadId, e);
            throw e;
        }
    }

    private void abortQuietly(String key, String uploadId, Exception cause) {
        try {
            client.abortMultipartUpload(a -> a.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException abortFailure) {
            cause.addSuppressed(abortFailure);
        }
    }
}
