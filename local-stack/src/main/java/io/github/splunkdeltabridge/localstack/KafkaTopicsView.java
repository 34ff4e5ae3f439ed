package io.github.splunkdeltabridge.localstack;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the Splunk topics hold and how far the sink has landed them. Records are counted by reading the topics with
 * {@code read_committed} (end offsets would also count transaction markers and aborted records of the
 * exactly-once source), and "landed" compares the sink's committed offsets with the last committed record.
 */
final class KafkaTopicsView implements AutoCloseable {

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Pattern topics;
    private final Map<TopicPartition, Long> nextAfterLastRecord = new HashMap<>();
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private long records;

    KafkaTopicsView(String bootstrapServers, Pattern topics) {
        this.topics = topics;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Reads what was added since the last call; answers the committed records of all matching topics so far. */
    long countRecords() {
        List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(10)).entrySet().stream()
                .filter(topic -> topics.matcher(topic.getKey()).matches())
                .flatMap(topic -> topic.getValue().stream().map(p -> new TopicPartition(p.topic(), p.partition())))
                .toList();
        if (partitions.isEmpty()) {
            return 0;
        }
        consumer.assign(partitions);
        for (TopicPartition partition : partitions) {
            consumer.seek(partition, positions.getOrDefault(partition, 0L));
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                records++;
                nextAfterLastRecord.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
        }
        partitions.forEach(p -> positions.put(p, consumer.position(p)));
        return records;
    }

    /** True when the group has committed, on every partition holding records, past the last committed record. */
    boolean landedBy(String consumerGroup) {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(consumerGroup)
                    .partitionsToOffsetAndMetadata()
                    .get();
        } catch (ExecutionException e) {
            throw new StackException(
                    "Cannot read the offsets of consumer group " + consumerGroup + ": "
                            + e.getCause().getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while reading consumer group offsets", e);
        }
        return nextAfterLastRecord.entrySet().stream().allMatch(entry -> {
            OffsetAndMetadata offset = committed.get(entry.getKey());
            return offset != null && offset.offset() >= entry.getValue();
        });
    }

    @Override
    public void close() {
        consumer.close();
        admin.close();
    }
}
