package io.github.splunkdeltabridge.spark;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * What one Spark task reads: search x time slice units, one export at a time, in order. A task that fails is run again
 * by Spark from its first unit; the rows of the failed attempt are discarded by Spark, so none is read twice.
 */
record SplunkInputPartition(List<ExportUnit> units) implements InputPartition {

    SplunkInputPartition {
        units = List.copyOf(units);
    }
}
