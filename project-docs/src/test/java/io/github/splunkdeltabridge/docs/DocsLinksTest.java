package io.github.splunkdeltabridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every relative link and anchor of the project's docs resolves, as a reader clicking it on GitHub would find. */
class DocsLinksTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void everyRelativeLinkAndAnchorInTheDocsResolves() {
        List<Path> pages = DocLinks.pages(ROOT);
        assertThat(pages.stream().map(page -> ROOT.relativize(page).toString().replace('\\', '/')))
                .as("the pages checked")
                .contains(
                        "README.md",
                        "CONTRIBUTING.md",
                        "CHANGELOG.md",
                        "config/README.md",
                        "docker/README.md",
                        "docs/source-connector.md");

        List<DocLinks.BrokenLink> broken = DocLinks.check(ROOT, pages);

        assertThat(broken)
                .as(
                        "broken links (page:line: (link) reason):%n%s",
                        broken.stream().map(Object::toString).collect(Collectors.joining("\n")))
                .isEmpty();
    }
}
