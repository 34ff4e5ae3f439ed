package io.github.splunkdeltabridge.sink.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.splunkdeltabridge.s3testkit.FakeSts;
import io.github.splunkdeltabridge.sink.InvalidSettingException;
import io.github.splunkdeltabridge.sink.S3SinkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/** Every credentials mode built from the sink's settings, and what each sends to STS or reads from the files. */
class S3CredentialsTest {

    @TempDir
    Path dir;

    @Test
    void withoutSettingsTheAwsDefaultChainIsUsedAndWithKeysThoseKeys() {
        assertThat(S3Credentials.provider(config(Map.of()), Map.of())).isInstanceOf(DefaultCredentialsProvider.class);

        AwsCredentials keys = S3Credentials.provider(
                        config(Map.of(
                                S3SinkConfig.ACCESS_KEY_ID, "AKIAKEYS", S3SinkConfig.SECRET_ACCESS_KEY, "key-secret")),
                        Map.of())
                .resolveCredentials();
        assertThat(keys.accessKeyId()).isEqualTo("AKIAKEYS");
        assertThat(keys.secretAccessKey()).isEqualTo("key-secret");
    }

    @Test
    void assumeRoleAsksStsForTheRoleWithExternalIdSessionNameAndDurationSignedWithTheKeys() throws Exception {
        try (FakeSts sts = new FakeSts()) {
            Map<String, String> settings = new HashMap<>();
            settings.put(S3SinkConfig.CREDENTIALS_PROVIDER, "assume-role");
            settings.put(S3SinkConfig.STS_ROLE_ARN, "arn:aws:iam::123456789012:role/splunk-archive-writer");
            settings.put(S3SinkConfig.STS_ROLE_EXTERNAL_ID, "external-42");
            settings.put(S3SinkConfig.STS_ROLE_SESSION_NAME, "archive-sink");
            settings.put(S3SinkConfig.STS_ROLE_DURATION_SECONDS, "1800");
            settings.put(S3SinkConfig.STS_ENDPOINT, sts.endpoint().toString());
            settings.put(S3SinkConfig.ACCESS_KEY_ID, "AKIASOURCE");
            settings.put(S3SinkConfig.SECRET_ACCESS_KEY, "source-secret");

            AwsCredentials credentials =
                    S3Credentials.provider(config(settings), Map.of()).resolveCredentials();

            assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
            assertThat(credentials.accessKeyId()).isEqualTo(FakeSts.ACCESS_KEY);
            assertThat(((AwsSessionCredentials) credentials).sessionToken()).isEqualTo(FakeSts.SESSION_TOKEN);
            FakeSts.Request request = sts.requests.get(0);
            assertThat(request.parameters())
                    .containsEntry("Action", "AssumeRole")
                    .containsEntry("RoleArn", "arn:aws:iam::123456789012:role/splunk-archive-writer")
                    .containsEntry("ExternalId", "external-42")
                    .containsEntry("RoleSessionName", "archive-sink")
                    .containsEntry("DurationSeconds", "1800");
            assertThat(request.authorization()).contains("Credential=AKIASOURCE/");
        }
    }

    @Test
    void confluentsAssumeRoleProviderClassMeansAssumeRoleWithItsSettingNames() throws Exception {
        try (FakeSts sts = new FakeSts()) {
            Map<String, String> settings = new HashMap<>();
            settings.put(
                    S3SinkConfig.CREDENTIALS_PROVIDER, "io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider");
            settings.put("s3.credentials.provider.sts.role.arn", "arn:aws:iam::123456789012:role/ported");
            settings.put("s3.credentials.provider.sts.role.session.name", "ported-session");
            settings.put("s3.credentials.provider.sts.role.external.id", "ported-external");
            settings.put(S3SinkConfig.STS_ENDPOINT, sts.endpoint().toString());
            settings.put(S3SinkConfig.ACCESS_KEY_ID, "AKIASOURCE");
            settings.put(S3SinkConfig.SECRET_ACCESS_KEY, "source-secret");

            S3Credentials.provider(config(settings), Map.of()).resolveCredentials();

            assertThat(sts.requests.get(0).parameters())
                    .containsEntry("RoleArn", "arn:aws:iam::123456789012:role/ported")
                    .containsEntry("RoleSessionName", "ported-session")
                    .containsEntry("ExternalId", "ported-external");
        }
    }

    @Test
    void assumeRoleWithoutARoleIsRefusedOnTheRoleSetting() {
        assertThatThrownBy(() -> config(Map.of(S3SinkConfig.CREDENTIALS_PROVIDER, "assume-role")))
                .isInstanceOf(InvalidSettingException.class)
                .satisfies(
                        e -> assertThat(((InvalidSettingException) e).setting()).isEqualTo(S3SinkConfig.STS_ROLE_ARN));
    }

    @Test
    void webIdentityExchangesTheTokenFileFromTheEnvironmentForTheRole() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "eyJ.irsa.token");
        try (FakeSts sts = new FakeSts()) {
            Map<String, String> settings = Map.of(
                    S3SinkConfig.CREDENTIALS_PROVIDER,
                    "web-identity",
                    S3SinkConfig.STS_ENDPOINT,
                    sts.endpoint().toString());
            Map<String, String> eksEnvironment = Map.of(
                    "AWS_ROLE_ARN",
                    "arn:aws:iam::123456789012:role/irsa-writer",
                    "AWS_WEB_IDENTITY_TOKEN_FILE",
                    token.toString());

            AwsCredentials credentials =
                    S3Credentials.provider(config(settings), eksEnvironment).resolveCredentials();

            assertThat(credentials.accessKeyId()).isEqualTo(FakeSts.ACCESS_KEY);
            assertThat(sts.requests.get(0).parameters())
                    .containsEntry("Action", "AssumeRoleWithWebIdentity")
                    .containsEntry("RoleArn", "arn:aws:iam::123456789012:role/irsa-writer")
                    .containsEntry("WebIdentityToken", "eyJ.irsa.token")
                    .containsEntry("RoleSessionName", "splunk-delta-bridge-s3-sink");
        }
    }

    @Test
    void webIdentityWithoutATokenFileNamesTheSettingAndTheEnvironmentVariable() {
        S3SinkConfig config = config(Map.of(
                S3SinkConfig.CREDENTIALS_PROVIDER,
                "web-identity",
                S3SinkConfig.STS_ROLE_ARN,
                "arn:aws:iam::123456789012:role/irsa-writer"));
        assertThatThrownBy(() -> S3Credentials.provider(config, Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(S3SinkConfig.WEB_IDENTITY_TOKEN_FILE)
                .hasMessageContaining("AWS_WEB_IDENTITY_TOKEN_FILE");
    }

    @Test
    void aNamedProfileIsReadFromTheSharedCredentialsFile() throws Exception {
        Path credentialsFile = Files.writeString(
                dir.resolve("credentials"),
                "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = default-secret\n"
                        + "[archive]\naws_access_key_id = AKIAARCHIVE\naws_secret_access_key = archive-secret\n");
        Path configFile = Files.writeString(dir.resolve("config"), "");
        String previousCredentials = System.setProperty("aws.sharedCredentialsFile", credentialsFile.toString());
        String previousConfig = System.setProperty("aws.configFile", configFile.toString());
        try {
            AwsCredentialsProvider provider = S3Credentials.provider(
                    config(Map.of(S3SinkConfig.CREDENTIALS_PROVIDER, "profile", S3SinkConfig.PROFILE_NAME, "archive")),
                    Map.of());

            assertThat(provider).isInstanceOf(ProfileCredentialsProvider.class);
            assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIAARCHIVE");
        } finally {
            restore("aws.sharedCredentialsFile", previousCredentials);
            restore("aws.configFile", previousConfig);
        }
    }

    @Test
    void aProviderClassOfTheUsersIsCreatedAndConfiguredWithTheProviderSettingsAsConfluentDoes() {
        Map<String, String> settings = new HashMap<>();
        settings.put(S3SinkConfig.CREDENTIALS_PROVIDER, RecordingCredentialsProvider.class.getName());
        settings.put("s3.credentials.provider.custom.user", "alice");

        AwsCredentialsProvider provider = S3Credentials.provider(config(settings), Map.of());

        assertThat(provider).isInstanceOf(RecordingCredentialsProvider.class);
        assertThat(((RecordingCredentialsProvider) provider).configured)
                .containsEntry("custom.user", "alice")
                .containsKey(S3SinkConfig.ACCESS_KEY_ID)
                .doesNotContainKey("class");
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("from-alice");
    }

    @Test
    void aClassThatIsNotACredentialsProviderOrIsMissingIsRefusedOnTheProviderSetting() {
        assertThatThrownBy(() -> S3Credentials.provider(
                        config(Map.of(S3SinkConfig.CREDENTIALS_PROVIDER, String.class.getName())), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("does not implement");
        assertThatThrownBy(() -> S3Credentials.provider(
                        config(Map.of(S3SinkConfig.CREDENTIALS_PROVIDER, "com.example.NoSuchProvider")), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("no such class");
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }

    private static S3SinkConfig config(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put(S3SinkConfig.BUCKET, "archive");
        settings.put(S3SinkConfig.REGION, "eu-west-1");
        settings.put(S3SinkConfig.FLUSH_SIZE, "100");
        settings.putAll(overrides);
        return new S3SinkConfig(settings);
    }
}
