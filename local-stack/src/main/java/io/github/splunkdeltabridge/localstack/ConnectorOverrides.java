package io.github.splunkdeltabridge.localstack;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings the local stack changes in the shipped connector files: where Splunk and S3 are, references to
 * secrets, the backfill range, and timings that suit a laptop. Everything else is deployed as users deploy it.
 */
final class ConnectorOverrides {

    private ConnectorOverrides() {}

    /** Where Splunk is and how to authenticate; the emulator's token comes from the local secrets file. */
    record SplunkEndpoint(URI url, List<String> indexes, String tokenSetting, String username, String password) {

        static SplunkEndpoint emulator(URI url, List<String> indexes, LocalSecrets secrets) {
            return new SplunkEndpoint(url, indexes, secrets.reference(LocalSecrets.SPLUNK_TOKEN), null, null);
        }

        /** A real Splunk: secrets stay in this process's environment, read by the worker's env config provider. */
        static SplunkEndpoint real(LocalPipelineOptions options) {
            return options.splunkToken() != null
                    ? new SplunkEndpoint(
                            URI.create(options.splunkUrl()), options.indexes(), "${env:SPLUNK_TOKEN}", null, null)
                    : new SplunkEndpoint(
                            URI.create(options.splunkUrl()),
                            options.indexes(),
                            null,
                            "${env:SPLUNK_USERNAME}",
                            "${env:SPLUNK_PASSWORD}");
        }
    }

    static Map<String, String> source(
            SplunkEndpoint splunk, Instant backfillStart, Instant backfillEnd, boolean follow) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("splunk.url", splunk.url().toString());
        if (splunk.tokenSetting() != null) {
            settings.put("splunk.token", splunk.tokenSetting());
        } else {
            // The shipped file's token reference goes: an empty token is a validation error.
            settings.put("splunk.token", null);
            settings.put("splunk.username", splunk.username());
            settings.put("splunk.password", splunk.password());
        }
        settings.put("splunk.indexes", String.join(",", splunk.indexes()));
        settings.put("splunk.backfill.start", backfillStart.toString());
        settings.put("splunk.backfill.end", backfillEnd.toString());
        settings.put("splunk.slice.duration", "PT15M");
        settings.put("splunk.tail.enabled", Boolean.toString(follow));
        // A laptop demo wants to see new events within seconds, not the production minute.
        settings.put("splunk.tail.poll.interval", "PT5S");
        settings.put("splunk.tail.lag", "PT5S");
        return settings;
    }

    static Map<String, String> sink(URI s3Endpoint, LocalSecrets secrets) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("store.url", s3Endpoint.toString());
        settings.put("s3.region", "us-east-1");
        settings.put("s3.path.style.access.enabled", "true");
        settings.put("aws.access.key.id", secrets.reference(LocalSecrets.S3_ACCESS_KEY_ID));
        settings.put("aws.secret.access.key", secrets.reference(LocalSecrets.S3_SECRET_ACCESS_KEY));
        settings.put("errors.deadletterqueue.topic.replication.factor", "1");
        // Record-time rotation leaves each partition's newest file open until newer records arrive; a wall-clock
        // rotation lands it within seconds, so the summary sees every event.
        settings.put("rotate.schedule.interval.ms", "5000");
        return settings;
    }
}
