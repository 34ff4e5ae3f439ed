package io.github.splunkdeltabridge.sink;

import io.github.splunkdeltabridge.sink.format.FileFormat;
import io.github.splunkdeltabridge.sink.layout.DefaultPartitioner;
import io.github.splunkdeltabridge.sink.layout.FieldPartitioner;
import io.github.splunkdeltabridge.sink.layout.Partitioner;
import io.github.splunkdeltabridge.sink.layout.RecordTimestamp;
import io.github.splunkdeltabridge.sink.layout.TimeBasedPartitioner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * Every setting of the S3 sink in one {@link ConfigDef}. Keys carry the names of Confluent's kafka-connect-s3
 * wherever the meaning is the same, so a Confluent sink config ports by changing {@code connector.class}; Confluent's
 * class names are accepted for {@code format.class} and {@code partitioner.class}. The settings table of
 * docs/s3-sink.md is generated from {@link #CONFIG_DEF}.
 */
public final class S3SinkConfig extends AbstractConfig {

    private static final String GROUP_S3 = "S3";
    private static final String GROUP_CREDENTIALS = "Credentials";
    private static final String GROUP_FORMAT = "Format";
    private static final String GROUP_LAYOUT = "Layout";
    private static final String GROUP_ROTATION = "Rotation";

    public static final String BUCKET = "s3.bucket.name";
    public static final String REGION = "s3.region";
    public static final String STORE_URL = "store.url";
    public static final String PATH_STYLE = "s3.path.style.access.enabled";
    public static final String ACCESS_KEY_ID = "aws.access.key.id";
    public static final String SECRET_ACCESS_KEY = "aws.secret.access.key";
    public static final String SSE_ALGORITHM = "s3.ssea.name";
    public static final String SSE_KMS_KEY_ID = "s3.sse.kms.key.id";
    public static final String PART_SIZE = "s3.part.size";
    public static final String PART_RETRIES = "s3.part.retries";
    public static final String RETRY_BACKOFF_MS = "s3.retry.backoff.ms";
    public static final String BUFFER_DIR = "local.buffer.dir";
    public static final String CONDITIONAL_WRITES = "enable.conditional.writes";
    public static final String ACL_CANNED = "s3.acl.canned";
    public static final String STORAGE_CLASS = "storage.class";

    public static final String CREDENTIALS_PROVIDER = "s3.credentials.provider.class";
    public static final String STS_ROLE_ARN = "s3.credentials.provider.sts.role.arn";
    public static final String STS_ROLE_EXTERNAL_ID = "s3.credentials.provider.sts.role.external.id";
    public static final String STS_ROLE_SESSION_NAME = "s3.credentials.provider.sts.role.session.name";
    public static final String STS_ROLE_DURATION_SECONDS = "s3.credentials.provider.sts.role.duration.seconds";
    public static final String STS_REGION = "s3.credentials.provider.sts.region";
    public static final String STS_ENDPOINT = "s3.credentials.provider.sts.endpoint";
    public static final String WEB_IDENTITY_TOKEN_FILE = "s3.credentials.provider.web.identity.token.file";
    public static final String PROFILE_NAME = "s3.credentials.provider.profile.name";

    /** Canned ACLs S3 accepts on PutObject (Confluent's list). */
    static final List<String> CANNED_ACLS = List.of(
            "private",
            "public-read",
            "public-read-write",
            "authenticated-read",
            "log-delivery-write",
            "bucket-owner-read",
            "bucket-owner-full-control",
            "aws-exec-read");

    static final String S3_STORAGE_CLASS = "io.confluent.connect.s3.storage.S3Storage";

    public static final String FORMAT_CLASS = "format.class";
    public static final String PARQUET_CODEC = "parquet.codec";
    public static final String AVRO_CODEC = "avro.codec";
    public static final String KAFKA_COLUMNS = "record.kafka.columns.enabled";
    public static final String NULL_VALUES = "behavior.on.null.values";

    public static final String TOPICS_DIR = "topics.dir";
    public static final String PARTITIONER_CLASS = "partitioner.class";
    public static final String PARTITION_FIELD = "partition.field.name";
    public static final String PATH_FORMAT = "path.format";
    public static final String PARTITION_DURATION_MS = "partition.duration.ms";
    public static final String LOCALE = "locale";
    public static final String TIMEZONE = "timezone";
    public static final String TIMESTAMP_EXTRACTOR = "timestamp.extractor";
    public static final String TIMESTAMP_FIELD = "timestamp.field";

    public static final String FLUSH_SIZE = "flush.size";
    public static final String ROTATE_INTERVAL_MS = "rotate.interval.ms";
    public static final String ROTATE_SCHEDULE_INTERVAL_MS = "rotate.schedule.interval.ms";

    /** Multipart parts below 5 MiB are refused by S3 (except the last one). */
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    public static final ConfigDef CONFIG_DEF = buildConfigDef();

    /** How the sink treats a record whose value is null (a tombstone). */
    public enum NullValueBehavior {
        FAIL,
        IGNORE
    }

    public S3SinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        validateCombinations();
    }

    private static ConfigDef buildConfigDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(
                BUCKET,
                Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE,
                new ConfigDef.NonEmptyString(),
                Importance.HIGH,
                "The S3 bucket objects are written to. It must exist; the sink never creates buckets.",
                GROUP_S3,
                ++order,
                Width.MEDIUM,
                "Bucket");
        def.define(
                REGION,
                Type.STRING,
                "us-west-2",
                Importance.MEDIUM,
                "The bucket's AWS region (Confluent's default).",
                GROUP_S3,
                ++order,
                Width.SHORT,
                "Region");
        def.define(
                STORE_URL,
                Type.STRING,
                null,
                Importance.MEDIUM,
                "Endpoint of an S3-compatible store (MinIO, s3proxy, a VPC endpoint), e.g. http://minio:9000. "
                        + "Empty for AWS's own endpoint of the region.",
                GROUP_S3,
                ++order,
                Width.LONG,
                "Store URL");
        def.define(
                PATH_STYLE,
                Type.BOOLEAN,
                false,
                Importance.LOW,
                "Address the bucket in the path (http://host/bucket/key) instead of the host name; most "
                        + "S3-compatible stores need it.",
                GROUP_S3,
                ++order,
                Width.SHORT,
                "Path-style access");
        def.define(
                ACCESS_KEY_ID,
                Type.PASSWORD,
                null,
                Importance.HIGH,
                "Access key id. Leave empty to use " + CREDENTIALS_PROVIDER + " (by default the AWS default "
                        + "credentials chain: environment, profile, web identity, container or instance role); with "
                        + "assume-role, the keys that assume the role.",
                GROUP_S3,
                ++order,
                Width.MEDIUM,
                "Access key id");
        def.define(
                SECRET_ACCESS_KEY,
                Type.PASSWORD,
                null,
                Importance.HIGH,
                "Secret access key, given together with " + ACCESS_KEY_ID + ".",
                GROUP_S3,
                ++order,
                Width.MEDIUM,
                "Secret access key");
        def.define(
                SSE_ALGORITHM,
                Type.STRING,
                "",
                ConfigDef.CaseInsensitiveValidString.in("", "AES256", "aws:kms"),
                Importance.LOW,
                "Server-side encryption of every object: empty (the bucket's default), AES256 "
                        + "(SSE-S3) or aws:kms (SSE-KMS).",
                GROUP_S3,
                ++order,
                Width.SHORT,
                "Server-side encryption");
        def.define(
                SSE_KMS_KEY_ID,
                Type.STRING,
                "",
                Importance.LOW,
                "KMS key id or ARN for aws:kms encryption; empty uses the account's default S3 key.",
                GROUP_S3,
                ++order,
                Width.LONG,
                "KMS key id");
        def.define(
                PART_SIZE,
                Type.INT,
                25 * 1024 * 1024,
                ConfigDef.Range.atLeast(MIN_PART_SIZE),
                Importance.LOW,
                "Objects larger than this are uploaded in parts of this size (multipart upload).",
                GROUP_S3,
                ++order,
                Width.SHORT,
                "Part size");
        def.define(
                PART_RETRIES,
                Type.INT,
                3,
                ConfigDef.Range.atLeast(0),
                Importance.LOW,
                "Retries of each S3 request after a throttling, 5xx or network error, with exponential backoff. "
                        + "When they run out the task retries the whole upload on its next put.",
                GROUP_S3,
                ++order,
                Width.SHORT,
                "Request retries");
        def.define(
                RETRY_BACKOFF_MS,
                Type.LONG,
                200L,
                ConfigDef.Range.atLeast(1),
                Importance.LOW,
                "First backoff of the S3 request retries, in milliseconds (doubling after each).",
                GROUP_S3,
                ++order,
                Width.SHORT,
                "Retry backoff (ms)");
        def.define(
                BUFFER_DIR,
                Type.STRING,
                "",
                Importance.LOW,
                "Local directory where open files are written before upload, so memory stays bounded whatever "
                        + "the file size; empty for the JVM's temporary directory. Needs room for flush.size "
                        + "records per open file.",
                GROUP_S3,
                ++order,
                Width.LONG,
                "Local buffer directory");
        def.define(
                CONDITIONAL_WRITES,
                Type.BOOLEAN,
                true,
                Importance.MEDIUM,
                "Write every object with If-None-Match: * (on the PUT and on completing a multipart upload), so S3 "
                        + "refuses to replace an object already at the key; the sink then reads which offsets that "
                        + "object holds and continues after them. Set false only for stores without conditional "
                        + "writes: a HEAD request before each write then decides, which is safe while one task "
                        + "writes each partition (Connect's guarantee outside rebalances).",
                GROUP_S3,
                ++order,
                Width.SHORT,
                "Conditional writes");
        def.define(
                ACL_CANNED,
                Type.STRING,
                "",
                ConfigDef.ValidString.in(withEmpty(CANNED_ACLS).toArray(new String[0])),
                Importance.LOW,
                "Canned ACL of every object, e.g. bucket-owner-full-control when writing to a bucket of another "
                        + "account; empty sends none (the bucket's object ownership setting decides).",
                GROUP_S3,
                ++order,
                Width.MEDIUM,
                "Canned ACL");
        def.define(
                STORAGE_CLASS,
                Type.STRING,
                "",
                ConfigDef.ValidString.in("", S3_STORAGE_CLASS),
                Importance.LOW,
                "Accepted for Confluent configs: only " + S3_STORAGE_CLASS + " (or empty); the sink always writes "
                        + "to S3.",
                GROUP_S3,
                ++order,
                Width.LONG,
                "Storage class");

        order = 0;
        def.define(
                CREDENTIALS_PROVIDER,
                Type.STRING,
                "default",
                new ConfigDef.NonEmptyString(),
                Importance.HIGH,
                "Where the S3 credentials come from: default (the AWS default chain: environment, Java system "
                        + "properties, web identity (EKS IRSA), profile, container and instance roles; with "
                        + ACCESS_KEY_ID + " those keys), assume-role (STS AssumeRole of "
                        + STS_ROLE_ARN + ", from the keys or the default chain), web-identity (STS "
                        + "AssumeRoleWithWebIdentity with the token file, as EKS IRSA and MSK Connect's web identity), "
                        + "profile (a named profile of the shared config files, " + PROFILE_NAME + "), or the "
                        + "name of a class implementing the AWS SDK v2 AwsCredentialsProvider with a static create() "
                        + "method, configured with the s3.credentials.provider.* settings when it is Configurable "
                        + "(as in Confluent's sink, whose AwsAssumeRoleCredentialsProvider means assume-role here).",
                GROUP_CREDENTIALS,
                ++order,
                Width.LONG,
                "Credentials provider");
        def.define(
                STS_ROLE_ARN,
                Type.STRING,
                "",
                Importance.HIGH,
                "Role to assume (assume-role), or to assume with the web identity token (web-identity; empty takes "
                        + "AWS_ROLE_ARN), e.g. arn:aws:iam::123456789012:role/splunk-archive-writer.",
                GROUP_CREDENTIALS,
                ++order,
                Width.LONG,
                "Role ARN");
        def.define(
                STS_ROLE_EXTERNAL_ID,
                Type.PASSWORD,
                null,
                Importance.MEDIUM,
                "External id the role's trust policy requires (assume-role), as third parties are asked to use.",
                GROUP_CREDENTIALS,
                ++order,
                Width.MEDIUM,
                "External id");
        def.define(
                STS_ROLE_SESSION_NAME,
                Type.STRING,
                "splunk-delta-bridge-s3-sink",
                new ConfigDef.NonEmptyString(),
                Importance.LOW,
                "Session name of the assumed role; it shows in CloudTrail as the caller.",
                GROUP_CREDENTIALS,
                ++order,
                Width.MEDIUM,
                "Session name");
        def.define(
                STS_ROLE_DURATION_SECONDS,
                Type.INT,
                3600,
                ConfigDef.Range.between(900, 43200),
                Importance.LOW,
                "Lifetime of the assumed role's credentials in seconds (the SDK renews them before they expire); "
                        + "at most the role's maximum session duration, and 3600 when the role is assumed from "
                        + "another role's credentials (role chaining).",
                GROUP_CREDENTIALS,
                ++order,
                Width.SHORT,
                "Session duration (s)");
        def.define(
                STS_REGION,
                Type.STRING,
                "",
                Importance.LOW,
                "Region of the STS endpoint; empty uses " + REGION + ".",
                GROUP_CREDENTIALS,
                ++order,
                Width.SHORT,
                "STS region");
        def.define(
                STS_ENDPOINT,
                Type.STRING,
                "",
                Importance.LOW,
                "Endpoint of STS, e.g. an interface VPC endpoint; empty for the region's regional endpoint.",
                GROUP_CREDENTIALS,
                ++order,
                Width.LONG,
                "STS endpoint");
        def.define(
                WEB_IDENTITY_TOKEN_FILE,
                Type.STRING,
                "",
                Importance.LOW,
                "Web identity token file (web-identity); empty takes AWS_WEB_IDENTITY_TOKEN_FILE, which EKS sets for "
                        + "pods of a service account with an IAM role.",
                GROUP_CREDENTIALS,
                ++order,
                Width.LONG,
                "Web identity token file");
        def.define(
                PROFILE_NAME,
                Type.STRING,
                "",
                Importance.LOW,
                "Profile of the shared AWS config and credentials files (profile); empty takes AWS_PROFILE, then "
                        + "default. A profile with role_arn and source_profile assumes that role.",
                GROUP_CREDENTIALS,
                ++order,
                Width.MEDIUM,
                "Profile name");

        order = 0;
        def.define(
                FORMAT_CLASS,
                Type.STRING,
                "parquet",
                new ConfigDef.NonEmptyString(),
                Importance.HIGH,
                "Object format: parquet or avro (Confluent's io.confluent.connect.s3.format.parquet.ParquetFormat "
                        + "and ...avro.AvroFormat are accepted too). Record values must be Structs with a schema.",
                GROUP_FORMAT,
                ++order,
                Width.LONG,
                "Format");
        def.define(
                PARQUET_CODEC,
                Type.STRING,
                "snappy",
                ConfigDef.CaseInsensitiveValidString.in("none", "snappy", "gzip", "zstd"),
                Importance.LOW,
                "Parquet compression; it shows in the extension as with Confluent's sink (.snappy.parquet).",
                GROUP_FORMAT,
                ++order,
                Width.SHORT,
                "Parquet codec");
        def.define(
                AVRO_CODEC,
                Type.STRING,
                "null",
                ConfigDef.CaseInsensitiveValidString.in("null", "deflate", "snappy", "bzip2", "xz", "zstandard"),
                Importance.LOW,
                "Avro container file compression.",
                GROUP_FORMAT,
                ++order,
                Width.SHORT,
                "Avro codec");
        def.define(
                KAFKA_COLUMNS,
                Type.BOOLEAN,
                true,
                Importance.MEDIUM,
                "Add the record's Kafka coordinates as columns kafka_topic, kafka_partition and kafka_offset, so "
                        + "readers can tell replays apart (the Delta job keeps the latest offset). With Confluent's "
                        + "sink the InsertField transform adds the same columns.",
                GROUP_FORMAT,
                ++order,
                Width.SHORT,
                "Kafka columns");
        def.define(
                NULL_VALUES,
                Type.STRING,
                "fail",
                ConfigDef.CaseInsensitiveValidString.in("fail", "ignore"),
                Importance.LOW,
                "Records with a null value (tombstones): fail sends them to Connect's error "
                        + "handling (errors.tolerance, dead letter queue); ignore skips them.",
                GROUP_FORMAT,
                ++order,
                Width.SHORT,
                "Null values");

        order = 0;
        def.define(
                TOPICS_DIR,
                Type.STRING,
                "topics",
                Importance.MEDIUM,
                "Top-level prefix of the object keys: <topics.dir>/<topic>/<encoded partition>/"
                        + "<topic>+<kafka partition>+<start offset>.<extension>.",
                GROUP_LAYOUT,
                ++order,
                Width.MEDIUM,
                "Topics directory");
        def.define(
                PARTITIONER_CLASS,
                Type.STRING,
                "default",
                new ConfigDef.NonEmptyString(),
                Importance.HIGH,
                "How records are spread over directories: default (partition=<kafka partition>), field "
                        + "(<field>=<value>, from partition.field.name) or time (path.format). Confluent's "
                        + "DefaultPartitioner, FieldPartitioner and TimeBasedPartitioner class names are accepted, "
                        + "and its HourlyPartitioner and DailyPartitioner (the time partitioner with hourly or daily "
                        + "directories).",
                GROUP_LAYOUT,
                ++order,
                Width.LONG,
                "Partitioner");
        def.define(
                PARTITION_FIELD,
                Type.LIST,
                "",
                Importance.MEDIUM,
                "Value field(s) the field partitioner uses, comma-separated.",
                GROUP_LAYOUT,
                ++order,
                Width.MEDIUM,
                "Partition fields");
        def.define(
                PATH_FORMAT,
                Type.STRING,
                "",
                Importance.MEDIUM,
                "Joda-Time pattern of the time partitioner's directories, as in Confluent's sink, e.g. "
                        + "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH.",
                GROUP_LAYOUT,
                ++order,
                Width.LONG,
                "Path format");
        def.define(
                PARTITION_DURATION_MS,
                Type.LONG,
                -1L,
                Importance.MEDIUM,
                "Width of the time partitioner's buckets in milliseconds, e.g. 3600000 for hourly directories.",
                GROUP_LAYOUT,
                ++order,
                Width.SHORT,
                "Partition duration (ms)");
        def.define(
                LOCALE,
                Type.STRING,
                "en-US",
                Importance.LOW,
                "Locale (language tag) for the path format.",
                GROUP_LAYOUT,
                ++order,
                Width.SHORT,
                "Locale");
        def.define(
                TIMEZONE,
                Type.STRING,
                "UTC",
                Importance.MEDIUM,
                "Time zone of the time partitioner's directories and of wall-clock rotation, e.g. UTC or "
                        + "Europe/Paris.",
                GROUP_LAYOUT,
                ++order,
                Width.SHORT,
                "Time zone");
        def.define(
                TIMESTAMP_EXTRACTOR,
                Type.STRING,
                "Record",
                ConfigDef.CaseInsensitiveValidString.in("Record", "RecordField", "Wallclock"),
                Importance.MEDIUM,
                "Time of a record for the time partitioner and for rotate.interval.ms: Record (the Kafka record "
                        + "timestamp: when the Splunk source sent it, unless its kafka.timestamp is event_time), "
                        + "RecordField (timestamp.field; event_time for Splunk events) or Wallclock.",
                GROUP_LAYOUT,
                ++order,
                Width.SHORT,
                "Timestamp extractor");
        def.define(
                TIMESTAMP_FIELD,
                Type.STRING,
                "",
                Importance.LOW,
                "Value field holding the time when timestamp.extractor is RecordField (Timestamp, epoch "
                        + "milliseconds or ISO-8601 text).",
                GROUP_LAYOUT,
                ++order,
                Width.MEDIUM,
                "Timestamp field");

        order = 0;
        def.define(
                FLUSH_SIZE,
                Type.INT,
                ConfigDef.NO_DEFAULT_VALUE,
                ConfigDef.Range.atLeast(1),
                Importance.HIGH,
                "Records per object: a file is closed and uploaded when it holds this many records.",
                GROUP_ROTATION,
                ++order,
                Width.SHORT,
                "Flush size");
        def.define(
                ROTATE_INTERVAL_MS,
                Type.LONG,
                -1L,
                Importance.MEDIUM,
                "Close files when a record's time (timestamp.extractor) is this many milliseconds past the first "
                        + "record of the open files; -1 disables. Deterministic, so replays rewrite the same objects.",
                GROUP_ROTATION,
                ++order,
                Width.SHORT,
                "Rotate interval (ms)");
        def.define(
                ROTATE_SCHEDULE_INTERVAL_MS,
                Type.LONG,
                -1L,
                Importance.MEDIUM,
                "Close open files on the wall clock every this many milliseconds (aligned in timezone), so quiet "
                        + "topics still land; -1 disables. Not deterministic: a replay after a crash may cut files "
                        + "elsewhere and leave overlapping objects.",
                GROUP_ROTATION,
                ++order,
                Width.SHORT,
                "Scheduled rotate interval (ms)");
        return def;
    }

    private static List<String> withEmpty(List<String> values) {
        List<String> all = new ArrayList<>();
        all.add("");
        all.addAll(values);
        return all;
    }

    private void validateCombinations() {
        ConfluentKeys.rejectUnsupported(originals());
        if (credentialsMode() == CredentialsMode.ASSUME_ROLE && stsRoleArn().isEmpty()) {
            throw new InvalidSettingException(
                    STS_ROLE_ARN, "", "needed with " + CREDENTIALS_PROVIDER + "=assume-role: the role to assume");
        }
        stsEndpoint();
        Password keyId = getPassword(ACCESS_KEY_ID);
        Password secret = getPassword(SECRET_ACCESS_KEY);
        if ((keyId == null) != (secret == null)) {
            throw new InvalidSettingException(
                    keyId == null ? ACCESS_KEY_ID : SECRET_ACCESS_KEY,
                    "[hidden]",
                    "give both " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + ", or neither to use the AWS "
                            + "default credentials chain");
        }
        if (storeUrl() != null && (storeUrl().getScheme() == null || storeUrl().getHost() == null)) {
            throw new InvalidSettingException(
                    STORE_URL, getString(STORE_URL), "must be a URL such as http://minio:9000");
        }
        fileFormat();
        timezone();
        partitioner(Clock.systemUTC());
        long rotate = getLong(ROTATE_INTERVAL_MS);
        if (rotate == 0 || rotate < -1) {
            throw new InvalidSettingException(ROTATE_INTERVAL_MS, rotate, "must be positive, or -1 to disable");
        }
        if (rotate > 0
                && timestampSource() == RecordTimestamp.Source.RECORD_FIELD
                && timestampField().isBlank()) {
            throw new InvalidSettingException(
                    TIMESTAMP_FIELD, "", "needed with " + TIMESTAMP_EXTRACTOR + "=RecordField");
        }
        long schedule = getLong(ROTATE_SCHEDULE_INTERVAL_MS);
        if (schedule == 0 || schedule < -1) {
            throw new InvalidSettingException(
                    ROTATE_SCHEDULE_INTERVAL_MS, schedule, "must be positive, or -1 to disable");
        }
        if (!"aws:kms".equalsIgnoreCase(getString(SSE_ALGORITHM))
                && !getString(SSE_KMS_KEY_ID).isEmpty()) {
            throw new InvalidSettingException(
                    SSE_KMS_KEY_ID, getString(SSE_KMS_KEY_ID), "needs " + SSE_ALGORITHM + "=aws:kms");
        }
    }

    public String bucket() {
        return getString(BUCKET);
    }

    public String region() {
        return getString(REGION);
    }

    /** The custom endpoint, or null for AWS. */
    public URI storeUrl() {
        String url = getString(STORE_URL);
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            return URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(STORE_URL, url, "not a URL: " + e.getMessage());
        }
    }

    public boolean conditionalWrites() {
        return getBoolean(CONDITIONAL_WRITES);
    }

    /** The canned ACL of every object, or empty for none. */
    public String cannedAcl() {
        return getString(ACL_CANNED);
    }

    /** How the sink gets its S3 credentials. */
    public enum CredentialsMode {
        DEFAULT,
        ASSUME_ROLE,
        WEB_IDENTITY,
        PROFILE,
        CUSTOM_CLASS
    }

    public CredentialsMode credentialsMode() {
        String name = getString(CREDENTIALS_PROVIDER).trim();
        return switch (name) {
            case "default", "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider" ->
                CredentialsMode.DEFAULT;
            case "assume-role", "io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider" ->
                CredentialsMode.ASSUME_ROLE;
            case "web-identity", "software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider" ->
                CredentialsMode.WEB_IDENTITY;
            case "profile", "software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider" ->
                CredentialsMode.PROFILE;
            default -> {
                if (!name.contains(".")) {
                    throw new InvalidSettingException(
                            CREDENTIALS_PROVIDER,
                            name,
                            "must be default, assume-role, web-identity, profile or a class name");
                }
                yield CredentialsMode.CUSTOM_CLASS;
            }
        };
    }

    public String credentialsProviderClass() {
        return getString(CREDENTIALS_PROVIDER).trim();
    }

    public String stsRoleArn() {
        return getString(STS_ROLE_ARN).trim();
    }

    /** The external id, or null. */
    public Password stsRoleExternalId() {
        return getPassword(STS_ROLE_EXTERNAL_ID);
    }

    public String stsRoleSessionName() {
        return getString(STS_ROLE_SESSION_NAME).trim();
    }

    public int stsRoleDurationSeconds() {
        return getInt(STS_ROLE_DURATION_SECONDS);
    }

    /** The STS region: its own setting, else the bucket's. */
    public String stsRegion() {
        String region = getString(STS_REGION).trim();
        return region.isEmpty() ? region() : region;
    }

    /** The STS endpoint, or null for AWS's regional one. */
    public URI stsEndpoint() {
        String url = getString(STS_ENDPOINT).trim();
        if (url.isEmpty()) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(
                    STS_ENDPOINT, url, "must be a URL such as https://sts.eu-west-1.amazonaws.com");
        }
    }

    /** The web identity token file, or empty to take AWS_WEB_IDENTITY_TOKEN_FILE. */
    public String webIdentityTokenFile() {
        return getString(WEB_IDENTITY_TOKEN_FILE).trim();
    }

    public String profileName() {
        return getString(PROFILE_NAME).trim();
    }

    public boolean pathStyleAccess() {
        return getBoolean(PATH_STYLE);
    }

    public Password accessKeyId() {
        return getPassword(ACCESS_KEY_ID);
    }

    public Password secretAccessKey() {
        return getPassword(SECRET_ACCESS_KEY);
    }

    /** AES256, aws:kms, or empty for the bucket's default. */
    public String sseAlgorithm() {
        return getString(SSE_ALGORITHM);
    }

    public String sseKmsKeyId() {
        return getString(SSE_KMS_KEY_ID);
    }

    public int partSize() {
        return getInt(PART_SIZE);
    }

    public int partRetries() {
        return getInt(PART_RETRIES);
    }

    public long retryBackoffMs() {
        return getLong(RETRY_BACKOFF_MS);
    }

    public Path bufferDir() {
        String dir = getString(BUFFER_DIR);
        return Path.of(dir.isBlank() ? System.getProperty("java.io.tmpdir") : dir);
    }

    public String topicsDir() {
        return getString(TOPICS_DIR);
    }

    public int flushSize() {
        return getInt(FLUSH_SIZE);
    }

    /** Record-time rotation interval, or -1 when off. */
    public long rotateIntervalMs() {
        return getLong(ROTATE_INTERVAL_MS);
    }

    /** Wall-clock rotation interval, or -1 when off. */
    public long rotateScheduleIntervalMs() {
        return getLong(ROTATE_SCHEDULE_INTERVAL_MS);
    }

    public ZoneId timezone() {
        try {
            return ZoneId.of(getString(TIMEZONE));
        } catch (DateTimeException e) {
            throw new InvalidSettingException(TIMEZONE, getString(TIMEZONE), "not a time zone id: " + e.getMessage());
        }
    }

    public boolean kafkaColumns() {
        return getBoolean(KAFKA_COLUMNS);
    }

    public NullValueBehavior nullValueBehavior() {
        return NullValueBehavior.valueOf(getString(NULL_VALUES).toUpperCase(Locale.ROOT));
    }

    public FileFormat fileFormat() {
        String name = getString(FORMAT_CLASS).trim();
        String shortName = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (shortName) {
            case "parquet", "parquetformat" -> FileFormat.parquet(getString(PARQUET_CODEC));
            case "avro", "avroformat" -> FileFormat.avro(getString(AVRO_CODEC));
            default -> throw new InvalidSettingException(FORMAT_CLASS, name, "must be parquet or avro");
        };
    }

    /** The time of records for partitioning and record-time rotation. */
    public RecordTimestamp recordTimestamp(Clock clock) {
        return new RecordTimestamp(timestampSource(), timestampField(), clock);
    }

    public RecordTimestamp.Source timestampSource() {
        return switch (getString(TIMESTAMP_EXTRACTOR).toLowerCase(Locale.ROOT)) {
            case "recordfield" -> RecordTimestamp.Source.RECORD_FIELD;
            case "wallclock" -> RecordTimestamp.Source.WALLCLOCK;
            default -> RecordTimestamp.Source.RECORD;
        };
    }

    public String timestampField() {
        return getString(TIMESTAMP_FIELD);
    }

    /** The configured partitioner; the clock serves the wall-clock timestamp extractor. */
    public Partitioner partitioner(Clock clock) {
        String name = getString(PARTITIONER_CLASS).trim();
        String shortName = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        switch (shortName) {
            case "default", "defaultpartitioner":
                return new DefaultPartitioner();
            case "field", "fieldpartitioner":
                if (getList(PARTITION_FIELD).isEmpty()) {
                    throw new InvalidSettingException(
                            PARTITION_FIELD, "", "the field partitioner needs at least one field");
                }
                return new FieldPartitioner(getList(PARTITION_FIELD));
            case "time", "timebasedpartitioner":
                return timeBasedPartitioner(getString(PATH_FORMAT), getLong(PARTITION_DURATION_MS), clock);
            case "hourlypartitioner":
                // Confluent's presets of the time partitioner.
                return timeBasedPartitioner("'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH", 3_600_000L, clock);
            case "dailypartitioner":
                return timeBasedPartitioner("'year'=YYYY/'month'=MM/'day'=dd", 86_400_000L, clock);
            default:
                throw new InvalidSettingException(PARTITIONER_CLASS, name, "must be default, field or time");
        }
    }

    private Partitioner timeBasedPartitioner(String pathFormat, long duration, Clock clock) {
        if (pathFormat.isBlank()) {
            throw new InvalidSettingException(
                    PATH_FORMAT,
                    pathFormat,
                    "the time partitioner needs a path.format, e.g. " + "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH");
        }
        if (duration <= 0) {
            throw new InvalidSettingException(
                    PARTITION_DURATION_MS,
                    duration,
                    "the time partitioner needs a positive duration, e.g. 3600000 for hourly directories");
        }
        if (timestampSource() == RecordTimestamp.Source.RECORD_FIELD
                && timestampField().isBlank()) {
            throw new InvalidSettingException(
                    TIMESTAMP_FIELD, "", "needed with " + TIMESTAMP_EXTRACTOR + "=RecordField");
        }
        try {
            return new TimeBasedPartitioner(
                    pathFormat,
                    duration,
                    Locale.forLanguageTag(getString(LOCALE)),
                    timezone(),
                    timestampSource(),
                    timestampField(),
                    clock);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(PATH_FORMAT, pathFormat, e.getMessage());
        }
    }
}
