package io.github.splunkdeltabridge.sink.layout;

import org.apache.kafka.connect.sink.SinkRecord;

/** Chooses the directory of a record under its topic: the "encoded partition" of Confluent's storage connectors. */
public interface Partitioner {

    /** The path segment(s) for the record, e.g. {@code partition=3} or {@code year=2024/month=03/day=01}. */
    String encodePartition(SinkRecord record);
}
