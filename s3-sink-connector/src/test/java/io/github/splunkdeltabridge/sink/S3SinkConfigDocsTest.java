package io.github.splunkdeltabridge.sink;

import io.github.splunkdeltabridge.source.ConfigDocs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's sink settings table is generated from {@link S3SinkConfig#CONFIG_DEF}. To refresh it:
 * {@code ./mvnw -q -pl s3-sink-connector test -Dtest=S3SinkConfigDocsTest -Dreadme.update=true}
 */
class S3SinkConfigDocsTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void readmeTableMatchesTheConfigDef() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String current = ConfigDocs.withTable(readme, "s3-sink-config", S3SinkConfig.CONFIG_DEF);
        if (Boolean.getBoolean("readme.update")) {
            Files.writeString(README, current, StandardCharsets.UTF_8);
            return;
        }
        assertThat(current).as("README's sink settings table is stale; regenerate it with the command in "
                + "S3SinkConfigDocsTest's Javadoc").isEqualTo(readme);
    }

    @Test
    void everySettingIsDocumentedInAGroup() {
        S3SinkConfig.CONFIG_DEF.configKeys().values().forEach(key -> {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
        });
    }
}
