package io.github.splunkdeltabridge.client;

import java.util.Locale;

/**
 * Which generation of Splunk's search endpoints the client calls. Splunk's REST API reference: "Beginning with Splunk
 * Enterprise 9.0.1, some REST API endpoints are available in multiple versions", the v2 search endpoints
 * ({@code /services/search/v2/jobs/export}); v1 ({@code /services/search/jobs/export}) is what older servers have, and
 * they answer 404 on v2. Splunk Cloud Platform has v2 from 9.0.2208. Splunk's own SDKs choose from
 * {@code server/info} the same way (splunk-sdk-java {@code Service.enableV2SearchApi}, splunk-sdk-python
 * {@code Service.disable_v2_api}), with thresholds one release later (9.0.2 and 9.0.2209); a server that answers 404
 * at the documented threshold is handled by setting the version explicitly.
 */
public enum SearchApiVersion {
    V1("/search/jobs"),
    V2("/search/v2/jobs");

    private static final SplunkVersion ENTERPRISE_V2 = SplunkVersion.parse("9.0.1");
    private static final SplunkVersion CLOUD_V2 = SplunkVersion.parse("9.0.2208");

    private final String jobsPath;

    SearchApiVersion(String jobsPath) {
        this.jobsPath = jobsPath;
    }

    /** The jobs collection below {@code /services}: {@code /search/jobs} or {@code /search/v2/jobs}. */
    public String jobsPath() {
        return jobsPath;
    }

    /** {@code v1} or {@code v2}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The version a server supports, from its {@code server/info}.
     *
     * @throws SplunkProtocolException when the server reports a version that is not one
     */
    public static SearchApiVersion forServer(ServerInfo info) {
        SplunkVersion version;
        try {
            version = SplunkVersion.parse(info.version());
        } catch (IllegalArgumentException e) {
            throw new SplunkProtocolException("Splunk reports its version as '" + info.version()
                    + "' in server/info, so the search API version cannot be chosen; set it explicitly (v1 or v2)");
        }
        return version.isAtLeast(info.isCloud() ? CLOUD_V2 : ENTERPRISE_V2) ? V2 : V1;
    }
}
