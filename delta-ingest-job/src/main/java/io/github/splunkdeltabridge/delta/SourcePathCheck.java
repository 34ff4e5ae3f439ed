package io.github.splunkdeltabridge.delta;

import io.github.splunkdeltabridge.delta.options.IngestOptions;
import io.github.splunkdeltabridge.delta.options.InvalidOptionsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Fails before the stream starts when the source path is not there: a typo would otherwise give a stream that
 * silently finds nothing, run after run.
 */
public final class SourcePathCheck {

    private SourcePathCheck() {}

    public static void requireExisting(SparkSession spark, IngestOptions options) {
        Path path = new Path(options.sourcePath());
        // The session's Hadoop settings, spark.hadoop.* and per-session fs.s3a.* included.
        Configuration hadoop = spark.sessionState().newHadoopConf();
        try {
            FileSystem fileSystem = path.getFileSystem(hadoop);
            FileStatus[] matches = fileSystem.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new InvalidOptionsException("--source-path " + options.sourcePath()
                        + " does not exist (nothing has landed yet, or a typo?)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read --source-path " + options.sourcePath() + ": " + e.getMessage(), e);
        }
    }
}
