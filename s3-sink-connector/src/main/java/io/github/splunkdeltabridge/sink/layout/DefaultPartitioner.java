package io.github.splunkdeltabridge.sink.layout;

import org.apache.kafka.connect.sink.SinkRecord;

/** One directory per Kafka partition: {@code partition=<n>}, like Confluent's {@code DefaultPartitioner}. */
public final class DefaultPartitioner implements Partitioner {

    @Override
    public String encodePartition(SinkRecord record) {
        return "partition=" + record.kafkaPartition();
    }
}
