package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndexSearchTest {

    @Test
    void aPlainIndexIsSearchedAsIs() {
        assertThat(IndexSearch.spl("web", "", List.of())).isEqualTo("search index=web");
    }

    @Test
    void anIndexNameWithSpacesOrQuotesIsQuoted() {
        assertThat(IndexSearch.spl("my index", null, List.of())).isEqualTo("search index=\"my index\"");
        assertThat(IndexSearch.spl("a\"b", " ", List.of())).isEqualTo("search index=\"a\\\"b\"");
    }

    @Test
    void theFilterFollowsTheIndexAndAFieldListKeepsTheRecordsTypedFields() {
        assertThat(IndexSearch.spl("web", " status=500 ", List.of("status", "host")))
                .isEqualTo(
                        "search index=web status=500 | fields index, host, source, sourcetype, splunk_server, status");
    }

    @Test
    void aBlankIndexIsRefused() {
        assertThatThrownBy(() -> IndexSearch.spl(" ", "", List.of())).hasMessageContaining("index");
    }
}
