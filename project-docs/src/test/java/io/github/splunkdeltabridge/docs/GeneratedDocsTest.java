package io.github.splunkdeltabridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every generated table in the docs matches the code; with {@code -Ddocs.update=true} the pages are rewritten. */
class GeneratedDocsTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void everyGeneratedTableMatchesTheCode() {
        Set<String> pages = new LinkedHashSet<>();
        GeneratedDocs.SECTIONS.forEach(section -> pages.add(section.page()));
        for (String page : pages) {
            String current = GeneratedDocs.read(ROOT.resolve(page));
            String regenerated = GeneratedDocs.regenerate(ROOT, page);
            if (Boolean.getBoolean("docs.update")) {
                GeneratedDocs.write(ROOT.resolve(page), regenerated);
            } else {
                assertThat(regenerated)
                        .as(page + " has a stale generated table; regenerate it as CONTRIBUTING.md says")
                        .isEqualTo(current);
            }
        }
    }
}
