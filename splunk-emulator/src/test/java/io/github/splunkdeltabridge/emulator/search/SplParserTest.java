package io.github.splunkdeltabridge.emulator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplParserTest {

    @Test
    void connectorStyleSearchesParse() {
        ParsedSearch search = SplParser.parse(
                "search index=web sourcetype=access_combined host=\"web-0*\" error \"GET /cart\" | fields status, bytes");
        assertThat(search.indexes()).containsExactly("web");
        assertThat(search.fieldMatches()).isEqualTo(Map.of("sourcetype", "access_combined", "host", "web-0*"));
        assertThat(search.rawTerms()).containsExactly("error", "GET /cart");
        assertThat(search.fieldsKept()).containsExactly("status", "bytes");
        assertThat(search.isTransforming()).isFalse();
    }

    @Test
    void indexAlternativesAndStats() {
        ParsedSearch search = SplParser.parse("search (index=web OR index=os) | stats count by host | head 5");
        assertThat(search.indexes()).isEqualTo(Set.of("web", "os"));
        assertThat(search.statsBy()).isEqualTo("host");
        assertThat(search.head()).isEqualTo(5);
        assertThat(SplParser.parse("search index=* | fields - punct, linecount").fieldsRemoved())
                .isEqualTo(List.of("punct", "linecount"));
        assertThat(SplParser.parse("search index=*").indexes()).isEmpty();
    }

    @Test
    void aLeadingPipeBeforeSearchIsAccepted() {
        ParsedSearch search = SplParser.parse("| search index=os sshd");
        assertThat(search.indexes()).containsExactly("os");
        assertThat(search.rawTerms()).containsExactly("sshd");
    }

    @Test
    void pipeInsideQuotesIsNotACommandBoundary() {
        assertThat(SplParser.parse("search index=web \"a | b\"").rawTerms()).containsExactly("a | b");
    }

    @Test
    void unsupportedSplIsRefusedWithSplunksWording() {
        // Splunk's REST API does not prepend 'search': the first word is taken as a command name.
        assertThatThrownBy(() -> SplParser.parse("index=web")).hasMessage("Unknown search command 'index'.");
        assertThatThrownBy(() -> SplParser.parse("| makeresults")).hasMessageContaining("'makeresults'");
        assertThatThrownBy(() -> SplParser.parse("search index=web | frobnicate"))
                .hasMessage("Unknown search command 'frobnicate'.");
        assertThatThrownBy(() -> SplParser.parse("search index=web | eval x=1")).hasMessageContaining("'eval'");
        assertThatThrownBy(() -> SplParser.parse("search index=web \"open quote"))
                .hasMessageContaining("Unbalanced quotes");
        assertThatThrownBy(() -> SplParser.parse("search index=web | stats avg(bytes)"))
                .hasMessageContaining("stats count");
    }
}
