package io.github.splunkdeltabridge.sink.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.s3testkit.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** What the uploader sends and answers, against the S3 test server (s3proxy 4.1, which honours If-None-Match). */
class S3UploaderIT {

    @TempDir
    static Path dir;

    private static S3TestServer s3;

    @BeforeAll
    static void start() {
        s3 = S3TestServer.start(dir.resolve("store"));
        s3.createBucket("landing");
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void aPutCarriesIfNoneMatchTheCannedAclAndTheOffsetsAndAnswersThem() throws Exception {
        List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();
        try (S3Client client = recordingClient(sent)) {
            S3Uploader uploader = new S3Uploader(client, options("private", true));
            ObjectOffsets offsets = new ObjectOffsets(100, 140, 30);

            ObjectOffsets inS3 = uploader.upload("a/put", file("records"), offsets);

            assertThat(inS3).isEqualTo(offsets);
            SdkHttpRequest put = sent.stream()
                    .filter(r -> r.method().name().equals("PUT"))
                    .findFirst()
                    .orElseThrow();
            assertThat(put.firstMatchingHeader("If-None-Match")).hasValue("*");
            assertThat(put.firstMatchingHeader("x-amz-acl")).hasValue("private");
            assertThat(put.firstMatchingHeader("x-amz-meta-kafka-first-offset")).hasValue("100");
        }
    }

    @Test
    void aKeyAlreadyTakenAnswersTheOffsetsOfTheObjectThereAndLeavesItAsItWas() throws Exception {
        S3Uploader uploader = new S3Uploader(s3.client(), options("", true));
        uploader.upload("a/taken", file("first"), new ObjectOffsets(0, 9, 10));

        ObjectOffsets inS3 = uploader.upload("a/taken", file("second, longer"), new ObjectOffsets(0, 19, 20));

        assertThat(inS3).isEqualTo(new ObjectOffsets(0, 9, 10));
        assertThat(new String(s3.read("landing", "a/taken"))).isEqualTo("first");
    }

    @Test
    void aMultipartUploadToATakenKeyIsRefusedAtCompletionAndAnswersTheObjectThere() throws Exception {
        S3Uploader uploader = new S3Uploader(s3.client(), options("", true));
        uploader.upload("a/multipart", file("small"), new ObjectOffsets(0, 4, 5));
        Path big = dir.resolve("big");
        Files.write(big, new byte[6 * 1024 * 1024]);

        ObjectOffsets inS3 = uploader.upload("a/multipart", big, new ObjectOffsets(0, 99, 100));

        assertThat(inS3).isEqualTo(new ObjectOffsets(0, 4, 5));
        assertThat(new String(s3.read("landing", "a/multipart"))).isEqualTo("small");
        assertThat(s3.client().listMultipartUploads(b -> b.bucket("landing")).uploads())
                .as("the refused multipart upload was aborted")
                .isEmpty();
    }

    @Test
    void withoutConditionalWritesAHeadFindsTheObjectThereAndNoPutIsSent() throws Exception {
        s3.client()
                .putObject(
                        b -> b.bucket("landing")
                                .key("a/head")
                                .metadata(Map.of(
                                        "kafka-first-offset", "7", "kafka-last-offset", "8", "record-count", "2")),
                        software.amazon.awssdk.core.sync.RequestBody.fromString("there"));
        List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();
        try (S3Client client = recordingClient(sent)) {
            S3Uploader uploader = new S3Uploader(client, options("", false));

            assertThat(uploader.upload("a/head", file("mine"), new ObjectOffsets(7, 12, 6)))
                    .isEqualTo(new ObjectOffsets(7, 8, 2));
            assertThat(sent).extracting(r -> r.method().name()).containsExactly("HEAD");
        }
    }

    private static S3Uploader.Options options(String acl, boolean conditional) {
        return new S3Uploader.Options("landing", 5 * 1024 * 1024, "", "", acl, conditional);
    }

    private static Path file(String content) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "file-", ".bin"), content);
    }

    private static S3Client recordingClient(List<SdkHttpRequest> sent) {
        return S3Client.builder()
                .endpointOverride(s3.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(
                            Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
                        sent.add(context.httpRequest());
                    }
                }))
                .build();
    }
}
