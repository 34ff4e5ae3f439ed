package io.github.splunkdeltabridge.source;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** An absolute http(s) URL with a host, such as {@code https://splunk.example.com:8089}. */
final class UrlValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            return;
        }
        try {
            URI uri = new URI(value.toString().trim());
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw new ConfigException(
                        name,
                        value,
                        "must be an http:// or https:// URL with a host, such as https://splunk.example.com:8089");
            }
            if (uri.getUserInfo() != null) {
                // Credentials in the URL would be logged with it: they belong in the PASSWORD settings.
                throw new ConfigException(
                        name,
                        "(hidden)",
                        "must not contain credentials; use splunk.token or splunk.username/splunk.password");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(name, value, "not a valid URL: " + e.getReason());
        }
    }

    @Override
    public String toString() {
        return "http(s) URL";
    }
}
