package io.github.splunkdeltabridge.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/** Sent to the executors: builds each task's Splunk client from the options and reads the task's partition. */
final class SplunkReaderFactory implements PartitionReaderFactory {

    private static final long serialVersionUID = 1L;

    private final SplunkReadOptions options;

    SplunkReaderFactory(SplunkReadOptions options) {
        this.options = options;
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        return new SplunkPartitionReader(options, ((SplunkInputPartition) partition).units());
    }
}
