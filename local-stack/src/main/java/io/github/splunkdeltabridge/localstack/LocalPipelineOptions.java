package io.github.splunkdeltabridge.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code bin/local-pipeline} was asked to do, as {@link LocalPipelineCommand} read it: command-line options for
 * the data, the ports and the mode, environment variables for a real Splunk (so secrets stay out of shell history
 * and process listings).
 */
record LocalPipelineOptions(
        Duration window,
        long seed,
        int eventsPerMinute,
        Path dataDir,
        Path configDir,
        Path pluginDir,
        boolean fresh,
        boolean follow,
        Duration followInterval,
        boolean repair,
        Ports ports,
        String splunkUrl,
        String splunkToken,
        String splunkUsername,
        String splunkPassword,
        List<String> indexes) {

    /** Loopback ports of the components. */
    record Ports(int kafka, int controller, int connect, int s3, int splunk) {}

    boolean usesRealSplunk() {
        return splunkUrl != null;
    }

    /** Never prints the token or password: options end up in logs. */
    @Override
    public String toString() {
        return "LocalPipelineOptions[window=" + window + ", seed=" + seed + ", dataDir=" + dataDir + ", follow="
                + follow + ", ports=" + ports + ", splunkUrl=" + splunkUrl + ", indexes=" + indexes + "]";
    }
}
