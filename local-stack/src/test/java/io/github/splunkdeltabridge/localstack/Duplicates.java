package io.github.splunkdeltabridge.localstack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** For a failing exactly-once check: which events Kafka holds more than once, and where each copy is. */
final class Duplicates {

    private Duplicates() {}

    static String describe(String bootstrapServers) {
        Map<String, List<String>> copies = new TreeMap<>();
        CommittedRecords.forEach(
                bootstrapServers,
                topic -> topic.startsWith("splunk."),
                record -> copies.computeIfAbsent(record.key(), key -> new ArrayList<>())
                        .add(record.topic() + "-" + record.partition() + "@" + record.offset() + " "
                                + header(record, "splunk.source")));
        List<String> duplicated = copies.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " " + e.getValue())
                .toList();
        return duplicated.size() + " keys, e.g.\n  "
                + String.join("\n  ", duplicated.subList(0, Math.min(15, duplicated.size())));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
