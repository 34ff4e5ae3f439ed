package io.github.splunkdeltabridge.delta.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A Splunk event as the S3 sink lands it; null Kafka coordinates mean "written without the InsertField SMT". */
public record TestEvent(
        String eventId,
        Instant eventTime,
        Instant indexTime,
        String index,
        String host,
        String source,
        String sourcetype,
        String splunkServer,
        String raw,
        Map<String, List<String>> fields,
        String kafkaTopic,
        Integer kafkaPartition,
        Long kafkaOffset) {

    public TestEvent withRaw(String newRaw) {
        return new TestEvent(
                eventId,
                eventTime,
                indexTime,
                index,
                host,
                source,
                sourcetype,
                splunkServer,
                newRaw,
                fields,
                kafkaTopic,
                kafkaPartition,
                kafkaOffset);
    }

    public TestEvent withOffset(long offset) {
        return new TestEvent(
                eventId,
                eventTime,
                indexTime,
                index,
                host,
                source,
                sourcetype,
                splunkServer,
                raw,
                fields,
                kafkaTopic,
                kafkaPartition,
                offset);
    }
}
