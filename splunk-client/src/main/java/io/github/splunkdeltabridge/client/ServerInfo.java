package io.github.splunkdeltabridge.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code GET /services/server/info} says about the Splunk instance: its version, its instance type
 * ({@code cloud} on Splunk Cloud Platform, absent on Splunk Enterprise), its name and its product type.
 */
public record ServerInfo(String version, String instanceType, String serverName, String productType) {

    static ServerInfo from(JsonNode content, String path) {
        String version = RestEntries.text(content, "version");
        if (version == null) {
            throw new SplunkProtocolException("Splunk answered " + path + " without a version");
        }
        return new ServerInfo(
                version,
                RestEntries.text(content, "instance_type"),
                RestEntries.text(content, "serverName"),
                RestEntries.text(content, "product_type"));
    }

    /** True on Splunk Cloud Platform. */
    public boolean isCloud() {
        return "cloud".equalsIgnoreCase(instanceType);
    }

    @Override
    public String toString() {
        return (serverName == null ? "Splunk" : serverName) + " (Splunk " + (isCloud() ? "Cloud " : "") + version
                + (productType == null ? "" : ", " + productType) + ")";
    }
}
