package io.github.splunkdeltabridge.delta.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deterministic events of one index and Kafka partition, with consecutive offsets, as the connector would produce. */
public final class TestEvents {

    private TestEvents() {}

    /**
     * @param first the first event's number (its offset too), so that later calls continue a topic partition
     * @param start event time of the first event; later events are 7 minutes apart, so batches span several dates
     */
    public static List<TestEvent> of(String index, int kafkaPartition, int first, int count, Instant start) {
        List<TestEvent> events = new ArrayList<>();
        for (int n = first; n < first + count; n++) {
            Instant time = start.plus(Duration.ofMinutes(7L * (n - first)));
            Map<String, List<String>> fields = new LinkedHashMap<>();
            fields.put("status", List.of(Integer.toString(200 + n % 3 * 100)));
            fields.put("clientip", List.of("10.0." + kafkaPartition + "." + n % 250));
            if (n % 4 == 0) {
                fields.put("tag", List.of("a", "b"));
            }
            events.add(new TestEvent(
                    index + ":" + kafkaPartition + ":" + n,
                    time,
                    time.plusSeconds(2),
                    index,
                    "host-" + n % 3,
                    "/var/log/" + index + ".log",
                    index + "_type",
                    "idx-1",
                    "event " + n + " of " + index + " status="
                            + fields.get("status").get(0),
                    fields,
                    "splunk." + index,
                    kafkaPartition,
                    (long) n));
        }
        return events;
    }
}
