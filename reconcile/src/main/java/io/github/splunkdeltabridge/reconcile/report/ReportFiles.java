package io.github.splunkdeltabridge.reconcile.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.splunkdeltabridge.reconcile.EventIdDiff;
import io.github.splunkdeltabridge.reconcile.HourResult;
import io.github.splunkdeltabridge.reconcile.HourStatus;
import io.github.splunkdeltabridge.reconcile.Reconciliation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes {@code reconcile.json} (everything, ids included) and {@code reconcile.csv} (one line per index and hour)
 * into the report directory. Any Hadoop file system works: a local directory, {@code s3a://}, {@code dbfs:/}, a Unity
 * Catalog volume under {@code /Volumes}.
 */
public final class ReportFiles {

    public static final String JSON_FILE = "reconcile.json";
    public static final String CSV_FILE = "reconcile.csv";
    static final String CSV_HEADER =
            "index,hour,from,to,splunk_events,delta_rows,delta_distinct_ids,difference,status,missing_ids,extra_ids";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {}

    /** Writes both files; answers the paths written. */
    public static List<String> write(Reconciliation result, String directory, Configuration hadoop) {
        Path dir = new Path(directory);
        try {
            FileSystem fs = dir.getFileSystem(hadoop);
            fs.mkdirs(dir);
            Path json = new Path(dir, JSON_FILE);
            Path csv = new Path(dir, CSV_FILE);
            writeFile(fs, json, JSON.writeValueAsString(json(result)) + "\n");
            writeFile(fs, csv, csv(result));
            return List.of(
                    fs.makeQualified(json).toString(), fs.makeQualified(csv).toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports to " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void writeFile(FileSystem fs, Path path, String text) throws IOException {
        try (OutputStream out = fs.create(path, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static ObjectNode json(Reconciliation result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("result", result.allMatch() ? "MATCH" : "DIFFERENT");
        root.putObject("range")
                .put("from", result.range().from().toString())
                .put("to", result.range().to().toString());
        ArrayNode indexes = root.putArray("indexes");
        result.indexes().forEach(indexes::add);
        ObjectNode cutoffs = root.putObject("indexed_before");
        result.cutoffs().byIndex().forEach((index, cutoff) -> cutoffs.put(index, cutoff.toString()));
        root.put("indexed_before_source", result.cutoffs().source());
        Map<HourStatus, Long> byStatus = result.hoursByStatus();
        root.putObject("totals")
                .put("hours", result.hours().size())
                .put("matching_hours", byStatus.get(HourStatus.MATCH))
                .put("missing_hours", byStatus.get(HourStatus.MISSING))
                .put("extra_hours", byStatus.get(HourStatus.EXTRA))
                .put("splunk_events", result.splunkEvents())
                .put("delta_rows", result.deltaRows())
                .put("delta_distinct_ids", result.deltaDistinctIds());
        ArrayNode hours = root.putArray("hours");
        for (HourResult hour : result.hours()) {
            ObjectNode node = hours.addObject()
                    .put("index", hour.index())
                    .put("hour", hour.key().hour().toString())
                    .put("from", hour.from().toString())
                    .put("to", hour.to().toString())
                    .put("splunk_events", hour.splunk())
                    .put("delta_rows", hour.delta().rows())
                    .put("delta_distinct_ids", hour.delta().distinctIds())
                    .put("difference", hour.difference())
                    .put("status", hour.status().name());
            EventIdDiff ids = hour.ids();
            if (ids != null) {
                ObjectNode idNode = node.putObject("ids");
                idNode.put("missing", ids.missing());
                ids.missingIds().forEach(idNode.putArray("missing_ids")::add);
                idNode.put("extra", ids.extra());
                ids.extraIds().forEach(idNode.putArray("extra_ids")::add);
                if (ids.note() != null) {
                    idNode.put("note", ids.note());
                }
            }
        }
        return root;
    }

    static String csv(Reconciliation result) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (HourResult hour : result.hours()) {
            EventIdDiff ids = hour.ids();
            csv.append(hour.index())
                    .append(',')
                    .append(hour.key().hour())
                    .append(',')
                    .append(hour.from())
                    .append(',')
                    .append(hour.to())
                    .append(',')
                    .append(hour.splunk())
                    .append(',')
                    .append(hour.delta().rows())
                    .append(',')
                    .append(hour.delta().distinctIds())
                    .append(',')
                    .append(hour.difference())
                    .append(',')
                    .append(hour.status())
                    .append(',')
                    .append(ids == null || ids.note() != null ? "" : Long.toString(ids.missing()))
                    .append(',')
                    .append(ids == null || ids.note() != null ? "" : Long.toString(ids.extra()))
                    .append('\n');
        }
        return csv.toString();
    }
}
