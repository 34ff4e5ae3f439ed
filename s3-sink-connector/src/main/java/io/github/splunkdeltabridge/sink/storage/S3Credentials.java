package io.github.splunkdeltabridge.sink.storage;

import io.github.splunkdeltabridge.sink.InvalidSettingException;
import io.github.splunkdeltabridge.sink.S3SinkConfig;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Configurable;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;

/**
 * Builds the credentials the sink signs its S3 requests with, from {@code s3.credentials.provider.class} and its
 * settings: the default chain (or static keys), an assumed role, a web identity token (EKS IRSA), a named profile,
 * or a provider class of the user's, as Confluent's sink loads one.
 */
public final class S3Credentials {

    static final String ROLE_ARN_ENV = "AWS_ROLE_ARN";
    static final String TOKEN_FILE_ENV = "AWS_WEB_IDENTITY_TOKEN_FILE";
    private static final String PROVIDER_PREFIX = "s3.credentials.provider.";

    private S3Credentials() {}

    public static AwsCredentialsProvider provider(S3SinkConfig config) {
        return provider(config, System.getenv());
    }

    /** With the environment given, so tests need not set the process's. */
    static AwsCredentialsProvider provider(S3SinkConfig config, Map<String, String> environment) {
        return switch (config.credentialsMode()) {
            case DEFAULT -> keysOrDefaultChain(config);
            case ASSUME_ROLE -> assumeRole(config);
            case WEB_IDENTITY -> webIdentity(config, environment);
            case PROFILE -> profile(config);
            case CUSTOM_CLASS -> customClass(config);
        };
    }

    private static AwsCredentialsProvider keysOrDefaultChain(S3SinkConfig config) {
        if (config.accessKeyId() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                config.accessKeyId().value(), config.secretAccessKey().value()));
    }

    private static AwsCredentialsProvider assumeRole(S3SinkConfig config) {
        String externalId = config.stsRoleExternalId() == null
                ? null
                : config.stsRoleExternalId().value();
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts(config, keysOrDefaultChain(config)))
                .refreshRequest(request -> request.roleArn(config.stsRoleArn())
                        .roleSessionName(config.stsRoleSessionName())
                        .durationSeconds(config.stsRoleDurationSeconds())
                        .externalId(externalId))
                .build();
    }

    private static AwsCredentialsProvider webIdentity(S3SinkConfig config, Map<String, String> environment) {
        String roleArn =
                config.stsRoleArn().isEmpty() ? environment.getOrDefault(ROLE_ARN_ENV, "") : config.stsRoleArn();
        String tokenFile = config.webIdentityTokenFile().isEmpty()
                ? environment.getOrDefault(TOKEN_FILE_ENV, "")
                : config.webIdentityTokenFile();
        if (roleArn.isBlank()) {
            throw new InvalidSettingException(
                    S3SinkConfig.STS_ROLE_ARN,
                    "web-identity needs the role: set " + S3SinkConfig.STS_ROLE_ARN + " or the " + ROLE_ARN_ENV
                            + " environment variable (EKS sets it for a service account with an IAM role)");
        }
        if (tokenFile.isBlank()) {
            throw new InvalidSettingException(
                    S3SinkConfig.WEB_IDENTITY_TOKEN_FILE,
                    "web-identity needs the token file: set " + S3SinkConfig.WEB_IDENTITY_TOKEN_FILE + " or the "
                            + TOKEN_FILE_ENV + " environment variable (EKS sets it for a service account with an "
                            + "IAM role)");
        }
        if (!Files.isReadable(Path.of(tokenFile))) {
            throw new InvalidSettingException(
                    S3SinkConfig.WEB_IDENTITY_TOKEN_FILE,
                    "the web identity token file " + tokenFile + " does not exist or cannot be read");
        }
        // AssumeRoleWithWebIdentity is not signed: the token is the credential.
        return StsWebIdentityTokenFileCredentialsProvider.builder()
                .stsClient(sts(config, AnonymousCredentialsProvider.create()))
                .roleArn(roleArn)
                .roleSessionName(config.stsRoleSessionName())
                .webIdentityTokenFile(Path.of(tokenFile))
                .build();
    }

    private static AwsCredentialsProvider profile(S3SinkConfig config) {
        ProfileCredentialsProvider.Builder builder = ProfileCredentialsProvider.builder();
        if (!config.profileName().isEmpty()) {
            builder.profileName(config.profileName());
        }
        return builder.build();
    }

    private static StsClient sts(S3SinkConfig config, AwsCredentialsProvider credentials) {
        StsClientBuilder builder = StsClient.builder()
                .region(Region.of(config.stsRegion()))
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder());
        if (config.stsEndpoint() != null) {
            builder.endpointOverride(config.stsEndpoint());
        }
        return builder.build();
    }

    /** As Confluent's sink: a class with a static create(), configured with the provider's settings if Configurable. */
    private static AwsCredentialsProvider customClass(S3SinkConfig config) {
        String name = config.credentialsProviderClass();
        Object provider;
        try {
            Class<?> type = Class.forName(name, true, S3Credentials.class.getClassLoader());
            if (!AwsCredentialsProvider.class.isAssignableFrom(type)) {
                throw new InvalidSettingException(
                        S3SinkConfig.CREDENTIALS_PROVIDER,
                        name,
                        "does not implement the AWS SDK v2 " + AwsCredentialsProvider.class.getName());
            }
            provider = type.getMethod("create").invoke(null);
        } catch (ClassNotFoundException e) {
            throw new InvalidSettingException(
                    S3SinkConfig.CREDENTIALS_PROVIDER,
                    name,
                    "no such class on the plugin's class path; put its jar in the plugin's directory, or use "
                            + "default, assume-role, web-identity or profile");
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new InvalidSettingException(
                    S3SinkConfig.CREDENTIALS_PROVIDER, name, "has no public static create() method");
        } catch (InvocationTargetException e) {
            throw new InvalidSettingException(
                    S3SinkConfig.CREDENTIALS_PROVIDER,
                    name,
                    "create() failed: " + e.getCause().getClass().getSimpleName());
        }
        if (provider instanceof Configurable configurable) {
            Map<String, Object> settings = new HashMap<>(config.originalsWithPrefix(PROVIDER_PREFIX));
            settings.remove("class");
            settings.put(
                    S3SinkConfig.ACCESS_KEY_ID,
                    config.accessKeyId() == null ? "" : config.accessKeyId().value());
            settings.put(
                    S3SinkConfig.SECRET_ACCESS_KEY,
                    config.secretAccessKey() == null
                            ? null
                            : config.secretAccessKey().value());
            configurable.configure(settings);
        }
        return (AwsCredentialsProvider) provider;
    }
}
