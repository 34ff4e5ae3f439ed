package io.github.splunkdeltabridge.source;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDocsTest {

    @Test
    void readmeTableMatchesTheConfigDef() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        assertThat(ConfigDocs.withTable(readme))
                .as("README's connector settings table is stale; regenerate it with the command in ConfigDocs' Javadoc")
                .isEqualTo(readme);
    }

    @Test
    void everySettingIsDocumented() {
        SplunkSourceConfig.CONFIG_DEF.configKeys().values().forEach(key -> {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
            assertThat(ConfigDocs.table(SplunkSourceConfig.CONFIG_DEF)).contains("`" + key.name + "`");
        });
    }
}
