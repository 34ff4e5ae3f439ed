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
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Uploads finished local files to one bucket, each object written once: a single PUT up to the part size, a multipart
 * upload above it (parts read one at a time, so memory stays at one part). A failed multipart upload is aborted so no
 * parts linger.
 *
 * <p>An object already at the key is never replaced. With conditional writes (the default) the PUT, or the completion
 * of the multipart upload, carries {@code If-None-Match: *} and S3 refuses it atomically with 412 when the key is
 * taken. Without them (stores that lack conditional writes) a HEAD before the write decides, which is safe only while
 * one writer owns the partition. Either way {@link #upload} answers the offsets the object at the key holds: the file's
 * own when it was written, the existing object's (from its metadata) when the key was taken.
 */
public final class S3Uploader {

    private static final Logger LOG = LoggerFactory.getLogger(S3Uploader.class);

    /** The upload settings from the sink's configuration. */
    public record Options(
            String bucket,
            int partSize,
            String sseAlgorithm,
            String sseKmsKeyId,
            String cannedAcl,
            boolean conditionalWrites) {}

    private final S3Client client;
    private final Options options;

    public S3Uploader(S3Client client, Options options) {
        this.client = client;
        this.options = options;
    }

    /** Fails with a message naming the bucket setting when the bucket is missing or not reachable. */
    public void checkBucket() {
        BucketCheck.Result result = BucketCheck.check(client, options.bucket());
        if (!result.ok()) {
            throw new StorageException(result.message(), result.cause());
        }
    }

    /**
     * Uploads {@code file} to {@code key} unless an object is already there; answers the offsets of the object now at
     * the key ({@code offsets} when this call wrote it).
     */
    public ObjectOffsets upload(String key, Path file, ObjectOffsets offsets) throws IOException {
        if (!options.conditionalWrites()) {
            ObjectOffsets existing = existingObject(key);
            if (existing != null) {
                return existing;
            }
        }
        long size = Files.size(file);
        try {
            if (size <= options.partSize()) {
                client.putObject(putRequest(key, offsets), RequestBody.fromFile(file));
            } else {
                uploadInParts(key, file, size, offsets);
            }
        } catch (S3Exception e) {
            if (isPreconditionFailed(e)) {
                ObjectOffsets existing = existingObject(key);
                if (existing == null) {
                    // S3 said the key is taken, yet nothing is there: an object deleted in between. Retry later.
                    throw e;
                }
                return existing;
            }
            if (e.statusCode() == 501) {
                throw new StorageException(notImplementedMessage(key), e);
            }
            throw e;
        }
        LOG.debug("Uploaded s3://{}/{} ({} bytes)", options.bucket(), key, size);
        return offsets;
    }

    /** The store lacks something the write asked for: say which settings ask for what. */
    private String notImplementedMessage(String key) {
        List<String> asked = new ArrayList<>();
        if (options.conditionalWrites()) {
            asked.add("a conditional write (If-None-Match; enable.conditional.writes=false checks each key with a "
                    + "HEAD request instead, safe while one task writes each partition)");
        }
        if (!options.cannedAcl().isEmpty()) {
            asked.add("the canned ACL " + options.cannedAcl() + " (s3.acl.canned)");
        }
        return "The S3 store answered 501 NotImplemented to the write of " + key
                + (asked.isEmpty() ? "" : "; the write asked for " + String.join(" and ", asked));
    }

    /** 412 PreconditionFailed; S3 may also report it in the body of a 200 response to a multipart completion. */
    private static boolean isPreconditionFailed(S3Exception e) {
        return e.statusCode() == 412
                || (e.awsErrorDetails() != null
                        && "PreconditionFailed".equals(e.awsErrorDetails().errorCode()));
    }

    /** The offsets of the object at {@code key}, or null when there is none. */
    private ObjectOffsets existingObject(String key) {
        try {
            HeadObjectResponse head =
                    client.headObject(b -> b.bucket(options.bucket()).key(key));
            ObjectOffsets existing = ObjectOffsets.fromMetadata(options.bucket(), key, head.metadata());
            LOG.info(
                    "s3://{}/{} already exists with offsets {}..{} ({} records); keeping it",
                    options.bucket(),
                    key,
                    existing.firstOffset(),
                    existing.lastOffset(),
                    existing.recordCount());
            return existing;
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private PutObjectRequest putRequest(String key, ObjectOffsets offsets) {
        PutObjectRequest.Builder request =
                PutObjectRequest.builder().bucket(options.bucket()).key(key).metadata(offsets.toMetadata());
        if (options.conditionalWrites()) {
            request.ifNoneMatch("*");
        }
        if (!options.sseAlgorithm().isEmpty()) {
            request.serverSideEncryption(ServerSideEncryption.fromValue(options.sseAlgorithm()));
            if (!options.sseKmsKeyId().isEmpty()) {
                request.ssekmsKeyId(options.sseKmsKeyId());
            }
        }
        if (!options.cannedAcl().isEmpty()) {
            request.acl(ObjectCannedACL.fromValue(options.cannedAcl()));
        }
        return request.build();
    }

    private void uploadInParts(String key, Path file, long size, ObjectOffsets offsets) throws IOException {
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
                .bucket(options.bucket())
                .key(key)
                .metadata(offsets.toMetadata());
        if (!options.sseAlgorithm().isEmpty()) {
            create.serverSideEncryption(ServerSideEncryption.fromValue(options.sseAlgorithm()));
            if (!options.sseKmsKeyId().isEmpty()) {
                create.ssekmsKeyId(options.sseKmsKeyId());
            }
        }
        if (!options.cannedAcl().isEmpty()) {
            create.acl(ObjectCannedACL.fromValue(options.cannedAcl()));
        }
        String uploadId = client.createMultipartUpload(create.build()).uploadId();
        int partSize = options.partSize();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buffer = new byte[partSize];
            for (int partNumber = 1; (long) (partNumber - 1) * partSize < size; partNumber++) {
                int length = in.readNBytes(buffer, 0, buffer.length);
                int number = partNumber;
                UploadPartResponse response = client.uploadPart(
                        p -> p.bucket(options.bucket())
                                .key(key)
                                .uploadId(uploadId)
                                .partNumber(number),
                        RequestBody.fromBytes(length == buffer.length ? buffer : Arrays.copyOf(buffer, length)));
                parts.add(CompletedPart.builder()
                        .partNumber(number)
                        .eTag(response.eTag())
                        .build());
            }
            CompleteMultipartUploadRequest.Builder complete = CompleteMultipartUploadRequest.builder()
                    .bucket(options.bucket())
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(
                            CompletedMultipartUpload.builder().parts(parts).build());
            if (options.conditionalWrites()) {
                complete.ifNoneMatch("*");
            }
            client.completeMultipartUpload(complete.build());
        } catch (IOException | RuntimeException e) {
            abortQuietly(key, uploadId, e);
            throw e;
        }
    }

    private void abortQuietly(String key, String uploadId, Exception cause) {
        try {
            client.abortMultipartUpload(a -> a.bucket(options.bucket()).key(key).uploadId(uploadId));
        } catch (RuntimeException abortFailure) {
            cause.addSuppressed(abortFailure);
        }
    }
}
