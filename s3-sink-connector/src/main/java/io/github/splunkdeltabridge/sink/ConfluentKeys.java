package io.github.splunkdeltabridge.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every setting of Confluent's S3 sink (kafka-connect-s3 with kafka-connect-storage-common), and what this sink does
 * with it, so a ported config behaves as written or is refused with a message saying what to use instead. The docs'
 * parity table is generated from {@link #ALL}.
 *
 * <ul>
 *   <li>Supported: a setting of this sink with the same meaning (its default may differ: see {@link #note}).
 *   <li>No effect: accepted and logged; it tunes something this sink does otherwise and changes no object.
 *   <li>Unsupported: refused, unless its value asks for what this sink does anyway (e.g. {@code file.delim=+}).
 * </ul>
 */
public final class ConfluentKeys {

    public enum Status {
        SUPPORTED,
        NO_EFFECT,
        UNSUPPORTED
    }

    /**
     * One Confluent setting.
     *
     * @param confluentDefault Confluent's default, as Confluent documents it
     * @param sameAsHere for an unsupported setting, the value that asks for this sink's own behaviour (accepted), or
     *     null when there is none
     * @param note what differs, or what to use instead
     */
    public record Key(String name, Status status, String confluentDefault, String sameAsHere, String note) {}

    public static final List<Key> ALL = List.of(
            supported("s3.bucket.name", "(required)", ""),
            supported("s3.region", "us-west-2", ""),
            supported("s3.part.size", "26214400", ""),
            supported("s3.part.retries", "3", ""),
            supported("s3.retry.backoff.ms", "200", ""),
            supported(
                    "s3.path.style.access.enabled",
                    "true",
                    "Default false here (virtual-hosted addressing, what AWS recommends); S3-compatible stores "
                            + "usually need true. The sink logs a warning when store.url is set and this is not."),
            supported("s3.ssea.name", "\"\"", ""),
            supported("s3.sse.kms.key.id", "\"\"", ""),
            supported("s3.acl.canned", "null", ""),
            supported(
                    "s3.credentials.provider.class",
                    "DefaultCredentialsProvider",
                    "Also the short names default, assume-role, web-identity and profile. Confluent's "
                            + "AwsAssumeRoleCredentialsProvider is built in (assume-role); other classes load as in "
                            + "Confluent's sink (static create(), configured with the s3.credentials.provider.* "
                            + "settings when Configurable)."),
            supported("s3.credentials.provider.sts.role.arn", "(none)", "Read by AwsAssumeRoleCredentialsProvider."),
            supported("s3.credentials.provider.sts.role.external.id", "(none)", ""),
            supported("s3.credentials.provider.sts.role.session.name", "(none)", ""),
            supported("s3.credentials.provider.sts.region", "(default region chain)", "Empty takes s3.region."),
            supported("aws.access.key.id", "\"\"", ""),
            supported("aws.secret.access.key", "null", ""),
            supported(
                    "enable.conditional.writes",
                    "true",
                    "Confluent uses it only with rotate.schedule.interval.ms and without keys or headers; here "
                            + "every object is written with If-None-Match, whatever the rotation."),
            supported("store.url", "null", ""),
            supported("topics.dir", "topics", ""),
            supported("storage.class", "(required)", "Only io.confluent.connect.s3.storage.S3Storage."),
            supported(
                    "format.class",
                    "(required)",
                    "AvroFormat and ParquetFormat (or avro, parquet); JsonFormat and ByteArrayFormat are refused."),
            supported("avro.codec", "null", ""),
            supported("parquet.codec", "snappy", ""),
            supported("flush.size", "(required)", ""),
            supported("rotate.interval.ms", "-1", ""),
            supported("rotate.schedule.interval.ms", "-1", ""),
            supported(
                    "behavior.on.null.values",
                    "fail",
                    "fail sends the record to Connect's error handling (errors.tolerance, dead letter queue); "
                            + "write is refused."),
            supported(
                    "partitioner.class",
                    "(required)",
                    "DefaultPartitioner, FieldPartitioner, TimeBasedPartitioner, HourlyPartitioner, "
                            + "DailyPartitioner; custom partitioner classes are refused."),
            supported("partition.field.name", "\"\"", ""),
            supported("partition.duration.ms", "-1", ""),
            supported("path.format", "\"\"", ""),
            supported(
                    "locale",
                    "\"\"",
                    "Default en-US here; Confluent requires it with the time partitioner, so ported configs set it."),
            supported(
                    "timezone",
                    "\"\"",
                    "Default UTC here; Confluent requires it with the time partitioner, so ported configs set it."),
            supported(
                    "timestamp.extractor",
                    "Wallclock",
                    "Default Record here (the Kafka record timestamp): a replay then lands records in the same "
                            + "directories, which writing each record once relies on. The sink logs a warning when a "
                            + "config with the time partitioner or rotate.interval.ms leaves it unset. Wallclock is "
                            + "available."),
            supported(
                    "timestamp.field",
                    "timestamp",
                    "No default here: RecordField without timestamp.field is refused rather than reading a field "
                            + "named timestamp."),
            noEffect(
                    "max.files.scan.limit",
                    "100",
                    "Not needed: the offsets of an object already at a key are read from its metadata."),
            noEffect("schema.cache.size", "1000", "No schema cache to size."),
            noEffect("shutdown.timeout.ms", "3000", "Uploads are awaited or discarded on stop."),
            noEffect(
                    "retry.backoff.ms",
                    "5000",
                    "Failed uploads are retried through Connect's redelivery; s3.retry.backoff.ms paces the requests."),
            noEffect(
                    "s3.http.send.expect.continue",
                    "true",
                    "The AWS SDK's HTTP client sends Expect: 100-continue on uploads."),
            noEffect("s3.send.digest", "false", "The AWS SDK sends a checksum of every upload."),
            noEffect("s3.elastic.buffer.enable", "false", "Files are buffered on local disk (local.buffer.dir)."),
            noEffect(
                    "s3.elastic.buffer.init.capacity",
                    "131072",
                    "Files are buffered on local disk (local.buffer.dir)."),
            unsupported("s3.wan.mode", "false", "false", "S3 Transfer Acceleration is not available."),
            unsupported(
                    "s3.compression.type",
                    "none",
                    "none",
                    "Compression of JSON and byte-array objects; use parquet.codec or avro.codec."),
            unsupported("s3.compression.level", "-1", "-1", "Use parquet.codec or avro.codec."),
            unsupported(
                    "s3.sse.customer.key",
                    "null",
                    "",
                    "SSE-C is not available; use s3.ssea.name=aws:kms (with s3.sse.kms.key.id) or AES256."),
            unsupported("s3.object.tagging", "false", "false", "Objects are not tagged."),
            unsupported("s3.object.tagging.key.value.pairs", "\"\"", "", "Objects are not tagged."),
            unsupported("s3.object.behavior.on.tagging.error", "ignore", "ignore", "Objects are not tagged."),
            unsupported(
                    "s3.proxy.url",
                    "\"\"",
                    "",
                    "Set the worker JVM's https.proxyHost and https.proxyPort (and http.nonProxyHosts): the "
                            + "AWS SDK's HTTP client reads them."),
            unsupported("s3.proxy.user", "null", "", "See s3.proxy.url."),
            unsupported("s3.proxy.password", "null", "", "See s3.proxy.url."),
            unsupported(
                    "report.null.values.to.dlq",
                    "true",
                    null,
                    "behavior.on.null.values=fail sends records with null values to the dead letter queue."),
            unsupported(
                    "max.write.duration.ms",
                    "(no limit)",
                    null,
                    "Use rotate.interval.ms or rotate.schedule.interval.ms to bound how long a file stays open."),
            unsupported(
                    "rotate.file.on.partition.change",
                    "true",
                    "false",
                    "Each directory (encoded partition) has its own open file; rotation is by flush.size and the "
                            + "rotate settings."),
            unsupported(
                    "partitioner.max.open.files", "-1", "-1", "Open files are bounded by the directories in a batch."),
            unsupported(
                    "tombstone.encoded.partition",
                    "tombstone",
                    "tombstone",
                    "Tombstones are not written (behavior.on.null.values)."),
            unsupported("s3.schema.partition.affix.type", "NONE", "NONE", "Schema names do not appear in the key."),
            unsupported(
                    "store.kafka.keys",
                    "false",
                    "false",
                    "Keys are not written; record.kafka.columns.enabled adds the topic, partition and offset."),
            unsupported("store.kafka.headers", "false", "false", "Headers are not written."),
            unsupported(
                    "keys.format.class",
                    "AvroFormat",
                    "io.confluent.connect.s3.format.avro.AvroFormat",
                    "Keys are not written."),
            unsupported(
                    "headers.format.class",
                    "AvroFormat",
                    "io.confluent.connect.s3.format.avro.AvroFormat",
                    "Headers are not written."),
            unsupported("format.bytearray.extension", ".bin", ".bin", "ByteArrayFormat is not available."),
            unsupported("format.bytearray.separator", "(line separator)", null, "ByteArrayFormat is not available."),
            unsupported("json.decimal.format", "BASE64", "BASE64", "JsonFormat is not available."),
            unsupported("directory.delim", "/", "/", "Keys always use /."),
            unsupported("file.delim", "+", "+", "File names always use + (<topic>+<partition>+<offset>)."),
            unsupported("filename.offset.zero.pad.width", "10", "10", "Offsets in file names have 10 digits."),
            unsupported(
                    "schema.compatibility",
                    "NONE",
                    "NONE",
                    "A schema change always starts a new file (NONE); records are never projected."),
            unsupported(
                    "enhanced.avro.schema.support",
                    "true",
                    null,
                    "The sink converts Connect schemas to Avro itself (no Confluent AvroData)."),
            unsupported(
                    "connect.meta.data",
                    "true",
                    null,
                    "The sink converts Connect schemas to Avro itself and writes no connect.* schema properties."));

    private static final Map<String, Key> BY_NAME =
            ALL.stream().collect(Collectors.toMap(Key::name, key -> key, (a, b) -> a, TreeMap::new));

    private ConfluentKeys() {}

    /** Fails with one message listing every unsupported Confluent setting of {@code settings} and what to do. */
    static void rejectUnsupported(Map<String, ?> settings) {
        List<String> refused = new ArrayList<>();
        List<String> refusedNames = new ArrayList<>();
        for (Map.Entry<String, ?> setting : new TreeMap<>(settings).entrySet()) {
            Key key = BY_NAME.get(setting.getKey());
            if (key == null || key.status() != Status.UNSUPPORTED) {
                continue;
            }
            String value = setting.getValue() == null
                    ? ""
                    : String.valueOf(setting.getValue()).trim();
            if (key.sameAsHere() != null
                    && key.sameAsHere().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                continue;
            }
            refused.add(key.name() + " (" + key.note() + ")");
            refusedNames.add(key.name());
        }
        if (!refused.isEmpty()) {
            throw new InvalidSettingException(
                    refusedNames.get(0),
                    "Settings of Confluent's S3 sink that this sink does not implement: " + String.join("; ", refused)
                            + ". Remove them (docs/s3-sink.md lists every Confluent setting)");
        }
    }

    /** The Confluent settings present that have no effect here, for a log line. */
    static List<String> noEffectNames(Map<String, ?> settings) {
        return new TreeMap<>(settings)
                .keySet().stream()
                        .filter(name ->
                                BY_NAME.containsKey(name) && BY_NAME.get(name).status() == Status.NO_EFFECT)
                        .toList();
    }

    /**
     * Warnings for a config that relies on a default differing from Confluent's where it matters, and for Confluent
     * settings that have no effect here. Kafka Connect's validate response has no warnings, so the sink logs them.
     */
    static List<String> warnings(Map<String, ?> settings) {
        List<String> warnings = new ArrayList<>();
        String partitioner =
                String.valueOf(settings.get(S3SinkConfig.PARTITIONER_CLASS)).toLowerCase(Locale.ROOT);
        boolean timePartitioner = partitioner.endsWith("time")
                || partitioner.endsWith("timebasedpartitioner")
                || partitioner.endsWith("hourlypartitioner")
                || partitioner.endsWith("dailypartitioner");
        Object rotate = settings.get(S3SinkConfig.ROTATE_INTERVAL_MS);
        boolean recordTimeRotation =
                rotate != null && !String.valueOf(rotate).trim().equals("-1");
        if (!settings.containsKey(S3SinkConfig.TIMESTAMP_EXTRACTOR) && (timePartitioner || recordTimeRotation)) {
            warnings.add(S3SinkConfig.TIMESTAMP_EXTRACTOR + " is not set: this sink takes the Kafka record timestamp "
                    + "(Record); Confluent's sink would take the wall clock (Wallclock). Set it to say which.");
        }
        if (settings.containsKey(S3SinkConfig.STORE_URL) && !settings.containsKey(S3SinkConfig.PATH_STYLE)) {
            warnings.add(S3SinkConfig.PATH_STYLE + " is not set: this sink addresses the bucket in the host name "
                    + "(false); Confluent's sink in the path (true), which most S3-compatible stores at store.url "
                    + "need. Set it to say which.");
        }
        List<String> noEffect = noEffectNames(settings);
        if (!noEffect.isEmpty()) {
            warnings.add("Settings of Confluent's S3 sink that have no effect here: " + String.join(", ", noEffect));
        }
        return warnings;
    }

    private static Key supported(String name, String confluentDefault, String note) {
        return new Key(name, Status.SUPPORTED, confluentDefault, null, note);
    }

    private static Key noEffect(String name, String confluentDefault, String note) {
        return new Key(name, Status.NO_EFFECT, confluentDefault, null, note);
    }

    private static Key unsupported(String name, String confluentDefault, String sameAsHere, String note) {
        return new Key(name, Status.UNSUPPORTED, confluentDefault, sameAsHere, note);
    }
}
