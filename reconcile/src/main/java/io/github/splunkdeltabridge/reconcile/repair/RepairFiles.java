package io.github.splunkdeltabridge.reconcile.repair;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.splunkdeltabridge.reconcile.repair.RepairConnectors.RepairConnector;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes each repair connector to {@code <report dir>/repair/<name>.json}, in the form Connect's REST API takes
 * ({@code curl -X POST -H 'Content-Type: application/json' --data @FILE http://connect:8083/connectors}).
 */
public final class RepairFiles {

    public static final String DIRECTORY = "repair";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RepairFiles() {}

    /** One file written, and the secret settings it carries as placeholders. */
    public record Written(String path, List<String> placeholders) {}

    public static List<Written> write(List<RepairConnector> connectors, String reportDirectory, Configuration hadoop) {
        Path dir = new Path(reportDirectory, DIRECTORY);
        List<Written> written = new ArrayList<>();
        try {
            FileSystem fs = dir.getFileSystem(hadoop);
            fs.mkdirs(dir);
            for (RepairConnector connector : connectors) {
                Map<String, String> config = new LinkedHashMap<>(connector.config());
                List<String> placeholders = RepairConnectors.redactForFile(config);
                ObjectNode file = JSON.createObjectNode().put("name", connector.name());
                ObjectNode settings = file.putObject("config");
                config.forEach(settings::put);
                Path path = new Path(dir, connector.name() + ".json");
                try (OutputStream out = fs.create(path, true)) {
                    out.write((JSON.writeValueAsString(file) + "\n").getBytes(StandardCharsets.UTF_8));
                }
                written.add(new Written(fs.makeQualified(path).toString(), placeholders));
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the repair configs to " + dir + ": " + e.getMessage(), e);
        }
    }
}
