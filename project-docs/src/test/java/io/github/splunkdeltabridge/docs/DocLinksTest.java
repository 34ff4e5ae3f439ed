package io.github.splunkdeltabridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocLinksTest {

    @TempDir
    Path root;

    @Test
    void aLinkToAMissingFileIsReportedWithPageLineAndLink() throws IOException {
        write("README.md", "# Project\n\nSee [the sink](docs/s3-sink.md) and [the source](docs/source.md).\n");
        write("docs/s3-sink.md", "# S3 sink\n");

        List<DocLinks.BrokenLink> broken = DocLinks.check(root, DocLinks.pages(root));

        assertThat(broken)
                .extracting(Object::toString)
                .containsExactly("README.md:3: (docs/source.md) no such file: docs/source.md");
    }

    @Test
    void anAnchorWithoutItsHeadingIsReportedAndOneWithItPasses() throws IOException {
        write("docs/a.md", "# A\n\n[ok](b.md#s3-sinkjson-this-projects-sink)\n[gone](b.md#settings)\n[here](#a)\n");
        write("docs/b.md", "# B\n\n## s3-sink.json (this project's sink)\n");

        List<DocLinks.BrokenLink> broken = DocLinks.check(root, DocLinks.pages(root));

        assertThat(broken)
                .extracting(Object::toString)
                .containsExactly("docs/a.md:4: (b.md#settings) no heading with anchor #settings in docs/b.md");
    }

    @Test
    void linksOutsideThePagesReadersSeeAndInCodeAreNotFollowed() throws IOException {
        write("README.md", """
                # Project

                [site](https://example.com/missing) [mail](mailto:someone@example.com)
                Inline `[not a link](nowhere.md)` code.

                ```bash
                echo "[not a link](nowhere.md)"
                ```
                """);

        assertThat(DocLinks.check(root, DocLinks.pages(root))).isEmpty();
    }

    @Test
    void thePagesAreTheTopLevelMarkdownTheDirectoryReadmesAndEveryPageUnderDocs() throws IOException {
        write("README.md", "# R\n");
        write("CHANGELOG.md", "# C\n");
        write("config/README.md", "# Config\n");
        write("docs/guide/deep.md", "# Deep\n");
        write("module/src/notes.md", "# not a user page\n");

        assertThat(DocLinks.pages(root).stream()
                        .map(page -> root.relativize(page).toString().replace('\\', '/')))
                .containsExactlyInAnyOrder("README.md", "CHANGELOG.md", "config/README.md", "docs/guide/deep.md");
    }

    @Test
    void aLinkToADirectoryOrARootRelativeFileResolves() throws IOException {
        write("docs/a.md", "[sql](../config/sql) [root](/config/sql/views.sql) [up](../../outside.md)\n");
        write("config/sql/views.sql", "select 1;\n");

        assertThat(DocLinks.check(root, DocLinks.pages(root)))
                .extracting(Object::toString)
                .containsExactly("docs/a.md:1: (../../outside.md) points outside the project");
    }

    private void write(String name, String text) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
