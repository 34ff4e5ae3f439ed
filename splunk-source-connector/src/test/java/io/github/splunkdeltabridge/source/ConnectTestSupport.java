package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.emulator.data.Dataset;
import io.github.splunkdeltabridge.emulator.data.EventQuery;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/** Starting the in-process Kafka + Connect cluster and reading back what the connector wrote. */
final class ConnectTestSupport {

    private ConnectTestSupport() {}

    static EmbeddedConnectCluster startCluster(String name, boolean exactlyOnce) {
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        broker.put("auto.create.topics.enable", "true");
        // Topics keep Kafka's default 7-day retention.ms; checking it every second instead of every 5 minutes means
        // a record stamped with an older time would be deleted while a test runs, as it would be in production.
        broker.put("log.retention.check.interval.ms", "1000");
        broker.put("log.initial.task.delay.ms", "0");
        Map<String, String> worker = new HashMap<>();
        worker.put("offset.flush.interval.ms", "500");
        // The connector and Kafka's own plugins carry ServiceLoader manifests: no reflective scan of the class path.
        worker.put("plugin.discovery", "service_load");
        if (exactlyOnce) {
            worker.put("exactly.once.source.support", "enabled");
        }
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name(name)
                .numWorkers(1)
                .brokerProps(broker)
                .workerProps(worker)
                .build();
        connect.start();
        return connect;
    }

    /** Connector settings for the emulator at {@code url}; records as JSON without schemas so tests can read them. */
    static Map<String, String> connectorConfig(String url, String token) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", SplunkSourceConnector.class.getName());
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put(SplunkSourceConfig.URL, url);
        config.put(SplunkSourceConfig.TOKEN, token);
        config.put(SplunkSourceConfig.RETRY_INITIAL_BACKOFF, "50ms");
        config.put(SplunkSourceConfig.RETRY_MAX_BACKOFF, "1s");
        return config;
    }

    /** Every committed record of the topics, read to the end: keys (event ids) in topic order. */
    static List<String> committedKeys(EmbeddedConnectCluster connect, String... topics) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime());
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumer(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read topics " + List.of(topics) + " to their end");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    keys.add(new String(record.key(), StandardCharsets.UTF_8));
                }
            }
        }
        return keys;
    }

    /** Waits until the topics hold at least {@code count} committed records; answers their keys. */
    static List<String> awaitCommittedKeys(
            EmbeddedConnectCluster connect, String connector, int count, Duration timeout, String... topics)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> keys = List.of();
        while (System.nanoTime() < deadline) {
            failIfTaskFailed(connect, connector);
            ensureTopics(connect, topics);
            keys = committedKeys(connect, topics);
            if (keys.size() >= count) {
                return keys;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Expected at least " + count + " records in " + List.of(topics) + " within " + timeout
                + ", found " + keys.size());
    }

    /**
     * Waits for the topics to hold as many records as expected, lets a little more time pass so that extra
     * (duplicate) records would show, and answers every committed key.
     */
    static List<String> awaitAllCommitted(
            EmbeddedConnectCluster connect, String connector, List<String> expected, Duration timeout, String... topics)
            throws InterruptedException {
        awaitCommittedKeys(connect, connector, expected.size(), timeout, topics);
        Thread.sleep(1500);
        return committedKeys(connect, topics);
    }

    /** A failed task will not deliver more: say why at once instead of waiting for the timeout. */
    static void failIfTaskFailed(EmbeddedConnectCluster connect, String connector) {
        try {
            connect.connectorStatus(connector).tasks().stream()
                    .filter(t -> t.state().equals("FAILED"))
                    .findFirst()
                    .ifPresent(t -> {
                        throw new AssertionError("Task " + t.id() + " of " + connector + " failed: " + t.trace());
                    });
        } catch (org.apache.kafka.connect.runtime.rest.errors.ConnectRestException notYetThere) {
            // The connector is still being created or its worker restarting.
        }
    }

    private static void ensureTopics(EmbeddedConnectCluster connect, String... topics) {
        for (String topic : topics) {
            try {
                connect.kafka().createTopic(topic, 2);
            } catch (RuntimeException alreadyThere) {
                // Created by the connector's first record, or by an earlier round.
            }
        }
    }

    /** Sum over the connector's tasks of a metric registered through Connect's plugin metrics, read from JMX. */
    static long taskMetricSum(String connector, String metric) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long sum = 0;
        int found = 0;
        for (ObjectName name : server.queryNames(new ObjectName("kafka.connect:*"), null)) {
            if (!connector.equals(name.getKeyProperty("connector")) || name.getKeyProperty("task") == null) {
                continue;
            }
            try {
                Object value = server.getAttribute(name, metric);
                sum += ((Number) value).longValue();
                found++;
            } catch (javax.management.AttributeNotFoundException notThisBean) {
                // Connect's own task metrics live in other beans.
            }
        }
        if (found == 0) {
            throw new AssertionError("No JMX bean of connector " + connector + " has the metric " + metric);
        }
        return sum;
    }

    /** Ids Splunk would return for the query at {@code now}, as the client derives them. */
    static List<String> expectedIds(Dataset dataset, EventQuery query, Instant now) {
        List<String> ids = new ArrayList<>();
        dataset.newestFirst(query, now)
                .forEachRemaining(
                        e -> ids.add(SplunkEvent.fromFields(e.toResultFields()).eventId()));
        return ids;
    }
}
