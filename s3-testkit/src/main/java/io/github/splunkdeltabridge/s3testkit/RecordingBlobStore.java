package io.github.splunkdeltabridge.s3testkit;

import java.io.InputStream;
import java.util.function.Consumer;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Reports every object write the store accepted or refused, so a test can prove a key was written once. s3proxy unwraps
 * forwarding stores to find the store's type, so conditional writes still go to the filesystem store's native
 * If-None-Match check.
 */
final class RecordingBlobStore extends ForwardingBlobStore {

    /** s3proxy keeps its multipart bookkeeping in hidden objects of the bucket; they are not the client's writes. */
    private static final String S3PROXY_INTERNAL_PREFIX = ".s3proxy-";

    private final Consumer<ObjectWrite> onWrite;

    RecordingBlobStore(BlobStore delegate, Consumer<ObjectWrite> onWrite) {
        super(delegate);
        this.onWrite = onWrite;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        if (request.key().startsWith(S3PROXY_INTERNAL_PREFIX)) {
            return super.putBlob(request, content);
        }
        PutObjectResponse response;
        try {
            response = super.putBlob(request, content);
        } catch (RuntimeException e) {
            onWrite.accept(new ObjectWrite(request.bucket(), request.key(), false));
            throw e;
        }
        onWrite.accept(new ObjectWrite(request.bucket(), request.key()));
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response;
        try {
            response = super.completeMultipartUpload(upload, request);
        } catch (RuntimeException e) {
            onWrite.accept(new ObjectWrite(request.bucket(), request.key(), false));
            throw e;
        }
        onWrite.accept(new ObjectWrite(request.bucket(), request.key()));
        return response;
    }
}
