package io.github.splunkdeltabridge.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** For reading after a fault run: every committed record of Connect's offsets topic, in order, one per line. */
final class OffsetsTopicDump {

    private OffsetsTopicDump() {}

    static void write(String bootstrapServers, String topic, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        CommittedRecords.forEach(
                bootstrapServers,
                topic::equals,
                record -> lines.add(record.timestamp() + " " + record.partition() + "@" + record.offset() + " "
                        + record.key() + " -> " + record.value()));
        Files.write(file, lines);
    }
}
