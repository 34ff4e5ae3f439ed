package io.github.splunkdeltabridge.sink.storage;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * HEAD bucket with the sink's credentials: the one check that the bucket exists and the credentials reach it, shared
 * by the connector's validate() and the task's start. Messages name the settings to look at, never their values.
 */
public final class BucketCheck {

    /** The outcome: ok, or a message for the user (with the cause, for the log). */
    public record Result(boolean ok, String message, Exception cause) {
        static final Result OK = new Result(true, "", null);
    }

    private BucketCheck() {}

    public static Result check(S3Client client, String bucket) {
        try {
            client.headBucket(b -> b.bucket(bucket));
            return Result.OK;
        } catch (NoSuchBucketException e) {
            return failed(bucket, "does not exist; create it first", e);
        } catch (S3Exception e) {
            String reason = switch (e.statusCode()) {
                case 404 -> "does not exist; create it first";
                case 400 -> "answered HTTP 400: check s3.region (the bucket's region) and store.url";
                case 301 -> "is in another region than s3.region";
                case 403 ->
                    "refuses access to the configured credentials (aws.access.key.id / "
                            + "s3.credentials.provider.class and its settings): the IAM policy needs "
                            + "s3:ListBucket on the bucket and s3:PutObject, s3:GetObject on its objects";
                default -> "answered HTTP " + e.statusCode();
            };
            return failed(bucket, reason, e);
        } catch (SdkClientException e) {
            // No credentials found, STS refused the role, the endpoint cannot be reached, ...
            return failed(bucket, "cannot be reached: " + firstLine(e.getMessage()), e);
        } catch (SdkException e) {
            return failed(bucket, "cannot be checked: " + firstLine(e.getMessage()), e);
        }
    }

    private static Result failed(String bucket, String reason, Exception cause) {
        return new Result(false, "S3 bucket '" + bucket + "' " + reason + " (s3.bucket.name)", cause);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
