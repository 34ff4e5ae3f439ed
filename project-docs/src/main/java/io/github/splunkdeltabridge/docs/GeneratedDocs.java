package io.github.splunkdeltabridge.docs;

import io.github.splunkdeltabridge.delta.options.IngestCommand;
import io.github.splunkdeltabridge.localstack.LocalPipelineCommand;
import io.github.splunkdeltabridge.sink.ConfluentKeys;
import io.github.splunkdeltabridge.sink.S3SinkConfig;
import io.github.splunkdeltabridge.source.NamedSearchConfig;
import io.github.splunkdeltabridge.source.SplunkSourceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one mechanism that keeps generated reference tables in the docs in step with the code: each {@link Section} names
 * a page, the marker around its table and the code that renders it. {@code GeneratedDocsTest} fails when a page is
 * stale; {@code ./mvnw -pl project-docs -am test -Dtest=GeneratedDocsTest -Ddocs.update=true -Dsurefire.failIfNoSpecifiedTests=false}
 * rewrites them (see CONTRIBUTING.md).
 */
public final class GeneratedDocs {

    /** One generated table: where it lives and how it is rendered. */
    record Section(String page, String marker, Supplier<String> render) {}

    static final List<Section> SECTIONS = List.of(
            new Section(
                    "docs/source-connector.md",
                    "splunk-source-config",
                    () -> ConfigTables.table(SplunkSourceConfig.CONFIG_DEF)),
            // Next to the connector's table, on the same page: one table for the settings every named search has.
            new Section(
                    "docs/source-connector.md",
                    "splunk-source-search-config",
                    () -> ConfigTables.table(NamedSearchConfig.definition("<name>"))),
            new Section("docs/s3-sink.md", "s3-sink-config", () -> ConfigTables.table(S3SinkConfig.CONFIG_DEF)),
            new Section(
                    "docs/s3-sink.md",
                    "s3-sink-confluent-parity",
                    () -> ConfigTables.confluentParity(ConfluentKeys.ALL, S3SinkConfig.CONFIG_DEF)),
            new Section("docs/delta-job.md", "delta-job-options", () -> CommandTables.table(IngestCommand.spec())),
            new Section(
                    "docs/local-pipeline.md",
                    "local-pipeline-options",
                    () -> CommandTables.table(LocalPipelineCommand.spec())));

    private GeneratedDocs() {}

    /** The page's text with every section it holds regenerated. */
    static String regenerate(Path projectRoot, String page) {
        String text = read(projectRoot.resolve(page));
        for (Section section : SECTIONS) {
            if (section.page().equals(page)) {
                text = Markdown.replaceSection(
                        text, section.marker(), section.render().get());
            }
        }
        return text;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
