package io.github.splunkdeltabridge.source;

import static io.github.splunkdeltabridge.source.ConnectTestSupport.awaitAllCommitted;
import static io.github.splunkdeltabridge.source.ConnectTestSupport.awaitCommittedKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.EventQuery;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Without exactly-once support in the worker: a restart mid-backfill loses nothing (duplicates are allowed). The
 * events are from 2024, far older than the topics' default 7-day retention, which the broker checks every second
 * here: records stamped with their event time would be deleted before they were read.
 */
class AtLeastOnceRestartIT {

    private static final String TOKEN = "alo-token";
    private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    private static final Instant END = Instant.parse("2024-03-01T01:00:00Z");

    private EmbeddedConnectCluster connect;
    private SplunkEmulator emulator;

    @AfterEach
    void stop() {
        if (connect != null) {
            connect.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void workerStoppedMidBackfillLosesNoEvent() throws Exception {
        GeneratedDataset dataset = GeneratedDataset.builder()
                .seed(5)
                .start(START)
                .end(END)
                .eventsPerMinute(30)
                .build();
        emulator =
                SplunkEmulator.builder().token(TOKEN).dataset(dataset).build().start();
        connect = ConnectTestSupport.startCluster("splunk-source-alo", false);
        List<String> expected = ConnectTestSupport.expectedIds(
                dataset,
                EventQuery.builder()
                        .earliest(START)
                        .latest(END)
                        .indexLatest(END)
                        .build(),
                END);

        Map<String, String> config =
                ConnectTestSupport.connectorConfig(emulator.baseUri().toString(), TOKEN);
        config.put("tasks.max", "2");
        config.put(SplunkSourceConfig.INDEXES, "web,os,app");
        config.put(SplunkSourceConfig.TOPIC_TEMPLATE, "alo.${index}");
        config.put(SplunkSourceConfig.BACKFILL_START, START.toString());
        config.put(SplunkSourceConfig.BACKFILL_END, END.toString());
        config.put(SplunkSourceConfig.SLICE_DURATION, "15m");
        config.put(SplunkSourceConfig.TAIL_ENABLED, "false");
        config.put(SplunkSourceConfig.BATCH_SIZE, "100");
        emulator.faults().slowStream(Duration.ofMillis(2));
        connect.configureConnector("alo", config);
        String[] topics = {"alo.web", "alo.os", "alo.app"};

        List<String> before = awaitCommittedKeys(connect, "alo", 500, Duration.ofSeconds(60), topics);
        assertThat(before.size()).isLessThan(expected.size());
        connect.removeWorker();
        emulator.faults().clear();
        connect.addWorker();

        List<String> keys = awaitAllCommitted(connect, "alo", expected, Duration.ofSeconds(120), topics);
        assertThat(new HashSet<>(keys)).isEqualTo(new HashSet<>(expected));
        Thread.sleep(2500);
        assertThat(ConnectTestSupport.committedKeys(connect, topics))
                .as("after a few retention checks")
                .hasSameSizeAs(keys);
        // At least once: duplicates may exist, but only from the resume point: far fewer than a re-read.
        assertThat(keys.size() - expected.size()).isLessThan(before.size() / 2 + 500);
    }
}
