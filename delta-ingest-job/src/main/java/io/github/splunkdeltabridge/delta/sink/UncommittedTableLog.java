package io.github.splunkdeltabridge.delta.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table path's {@code _delta_log} that holds no commit: what a job killed while creating the table leaves (the
 * directory, perhaps an unfinished {@code .00000000000000000000.json.<uuid>.tmp}). Delta takes the directory for a
 * table, so {@code CREATE TABLE IF NOT EXISTS} creates nothing and every later run fails with
 * {@code DELTA_TABLE_NOT_FOUND}. Nothing in such a log was ever committed, so removing it loses nothing.
 */
final class UncommittedTableLog {

    private static final Logger LOG = LoggerFactory.getLogger(UncommittedTableLog.class);

    /**
     * Names that mean the log holds (or held) a version: commits, checkpoints, checksums, compacted commits
     * ({@code 00000000000000000000.json}, {@code ….checkpoint.parquet}, {@code ….crc}) and {@code _last_checkpoint}.
     * Delta's protocol: https://github.com/delta-io/delta/blob/master/PROTOCOL.md#delta-log-entries
     */
    private static final Pattern VERSION_FILE = Pattern.compile("^\\d{20}\\..+|^_last_checkpoint$");

    private UncommittedTableLog() {}

    /**
     * Removes the table's {@code _delta_log} when it exists and holds no version file; answers whether it did. Only
     * the files listed are deleted, then the directory only if it is empty by then, so a commit another writer makes
     * meanwhile is never deleted.
     */
    static boolean removeIfPresent(Configuration hadoop, String tableLocation) {
        Path log = new Path(tableLocation, "_delta_log");
        try {
            FileSystem fs = log.getFileSystem(hadoop);
            if (!fs.exists(log)) {
                return false;
            }
            List<Path> leftovers = new ArrayList<>();
            for (FileStatus entry : fs.listStatus(log)) {
                if (VERSION_FILE.matcher(entry.getPath().getName()).matches()) {
                    return false;
                }
                leftovers.add(entry.getPath());
            }
            LOG.warn(
                    "{} holds no commit (a run was stopped while creating the table); removing it and its {} "
                            + "unfinished file(s) {} so that the table can be created",
                    log,
                    leftovers.size(),
                    leftovers);
            for (Path leftover : leftovers) {
                fs.delete(leftover, true);
            }
            if (!fs.delete(log, false) && fs.exists(log)) {
                throw new IllegalStateException("Could not remove " + log + ", which holds no Delta commit");
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not check " + log + " for a table creation that never committed", e);
        }
    }
}
