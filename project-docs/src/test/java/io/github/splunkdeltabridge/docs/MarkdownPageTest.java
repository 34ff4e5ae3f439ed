package io.github.splunkdeltabridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownPageTest {

    @Test
    void headingsGetGitHubSlugs() {
        MarkdownPage page = new MarkdownPage("""
                # Splunk source connector
                ## s3-sink.json (this project's sink)
                ### `--source-path` and the options
                ## Kafka timestamps and retention ##
                ## Settings
                ## Settings
                ## See [the sink](s3-sink.md)
                """);

        assertThat(page.anchors())
                .containsExactly(
                        "splunk-source-connector",
                        "s3-sinkjson-this-projects-sink",
                        "--source-path-and-the-options",
                        "kafka-timestamps-and-retention",
                        "settings",
                        "settings-1",
                        "see-the-sink");
    }

    @Test
    void linksAreFoundWithTheirLineAndCodeIsSkipped() {
        MarkdownPage page = new MarkdownPage("""
                Read [`config/`](../config/README.md "the files") and ![diagram](img/arch.png).

                ~~~
                [inside a fence](fenced.md)
                ~~~
                `[inside code](code.md)` then [after code](<with space.md>)
                [ref]: docs/reference.md
                """);

        assertThat(page.links())
                .containsExactly(
                        new MarkdownPage.Link(1, "../config/README.md"),
                        new MarkdownPage.Link(1, "img/arch.png"),
                        new MarkdownPage.Link(6, "with space.md"),
                        new MarkdownPage.Link(7, "docs/reference.md"));
    }
}
