package io.github.splunkdeltabridge.s3testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The in-process server as its users see it, and what s3proxy 4.1.0 does with conditional writes (If-None-Match: *),
 * which the S3 sink relies on: a refused write answers 412 PreconditionFailed and leaves the object as it was.
 */
class S3TestServerTest {

    @TempDir
    Path dir;

    @Test
    void objectsWrittenThroughTheServerAreListedReadAndRecordedAsWrites() throws Exception {
        try (S3TestServer s3 = S3TestServer.start(dir.resolve("store"))) {
            s3.createBucket("landing");
            Path file = Files.writeString(dir.resolve("a.txt"), "first");
            s3.upload("landing", "topics/b.txt", file);
            s3.upload("landing", "topics/a.txt", file);

            assertThat(s3.keys("landing")).containsExactly("topics/a.txt", "topics/b.txt");
            assertThat(new String(s3.read("landing", "topics/a.txt"), StandardCharsets.UTF_8))
                    .isEqualTo("first");
            assertThat(s3.writes())
                    .containsExactly(
                            new ObjectWrite("landing", "topics/b.txt"), new ObjectWrite("landing", "topics/a.txt"));
        }
    }

    @Test
    void aServerStartedAgainOnTheSameDirectoryAndPortServesTheSameObjects() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (S3TestServer s3 =
                S3TestServer.builder(dir.resolve("store")).port(port).start()) {
            s3.createBucket("landing");
            s3.client().putObject(b -> b.bucket("landing").key("k"), RequestBody.fromString("v"));
        }
        try (S3TestServer again =
                S3TestServer.builder(dir.resolve("store")).port(port).start()) {
            assertThat(again.endpoint().toString()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(again.keys("landing")).containsExactly("k");
            assertThat(again.writes()).isEmpty();
        }
    }

    @Test
    void aClientSigningWithOtherCredentialsIsRefused() {
        try (S3TestServer s3 = S3TestServer.start(dir.resolve("store"));
                S3Client stranger = S3Client.builder()
                        .endpointOverride(s3.endpoint())
                        .region(Region.US_EAST_1)
                        .forcePathStyle(true)
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("someone-else", "another-secret")))
                        .build()) {
            s3.createBucket("landing");

            assertThatThrownBy(() -> stranger.listObjectsV2(b -> b.bucket("landing")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }

    @Test
    void aPutWithIfNoneMatchOnAnExistingKeyIsRefusedWith412AndTheObjectStaysAsItWas() {
        try (S3TestServer s3 = S3TestServer.start(dir.resolve("store"))) {
            s3.createBucket("landing");
            S3Client client = s3.client();
            client.putObject(b -> b.bucket("landing").key("k").ifNoneMatch("*"), RequestBody.fromString("first"));

            assertThatThrownBy(() -> client.putObject(
                            b -> b.bucket("landing").key("k").ifNoneMatch("*"), RequestBody.fromString("second")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> {
                        assertThat(((S3Exception) e).statusCode()).isEqualTo(412);
                        assertThat(((S3Exception) e).awsErrorDetails().errorCode())
                                .isEqualTo("PreconditionFailed");
                    });
            assertThat(new String(s3.read("landing", "k"), StandardCharsets.UTF_8))
                    .isEqualTo("first");
            assertThat(s3.writes()).containsExactly(new ObjectWrite("landing", "k"));
            assertThat(s3.refusedWrites()).containsExactly(new ObjectWrite("landing", "k", false));
        }
    }

    @Test
    void completingAMultipartUploadWithIfNoneMatchOnAnExistingKeyIsRefusedWith412() {
        try (S3TestServer s3 = S3TestServer.start(dir.resolve("store"))) {
            s3.createBucket("landing");
            S3Client client = s3.client();
            client.putObject(b -> b.bucket("landing").key("k"), RequestBody.fromString("first"));
            String uploadId = client.createMultipartUpload(
                            b -> b.bucket("landing").key("k"))
                    .uploadId();
            String eTag = client.uploadPart(
                            b -> b.bucket("landing").key("k").uploadId(uploadId).partNumber(1),
                            RequestBody.fromString("second"))
                    .eTag();
            List<CompletedPart> parts = new ArrayList<>();
            parts.add(CompletedPart.builder().partNumber(1).eTag(eTag).build());

            assertThatThrownBy(() -> client.completeMultipartUpload(b -> b.bucket("landing")
                            .key("k")
                            .uploadId(uploadId)
                            .ifNoneMatch("*")
                            .multipartUpload(CompletedMultipartUpload.builder()
                                    .parts(parts)
                                    .build())))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(412));
            assertThat(new String(s3.read("landing", "k"), StandardCharsets.UTF_8))
                    .isEqualTo("first");
            assertThat(s3.writes()).containsExactly(new ObjectWrite("landing", "k"));
        }
    }

    @Test
    void sinkAndS3aSettingsPointAtTheServer() {
        try (S3TestServer s3 = S3TestServer.start(dir.resolve("store"))) {
            assertThat(s3.sinkSettings("landing"))
                    .containsEntry("store.url", s3.endpoint().toString())
                    .containsEntry("s3.bucket.name", "landing")
                    .containsEntry("aws.secret.access.key", S3TestServer.DEFAULT_SECRET_KEY);
            assertThat(s3.s3aSettings("landing"))
                    .containsEntry(
                            "fs.s3a.bucket.landing.endpoint", s3.endpoint().toString())
                    .containsEntry("fs.s3a.bucket.landing.access.key", S3TestServer.DEFAULT_ACCESS_KEY);
        }
    }
}
