package io.github.splunkdeltabridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchOrderTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "search index=web",
                "index=web sourcetype=access_combined",
                "search index=web | fields host, source, _raw",
                "search index=web | eval x=\"a | sort b\" | where status>=500",
                "search index=web [ search index=os | sort 10 host | fields host ]",
                "search index=web | rex field=_raw \"(?<user>\\w+)\" | dedup user",
                "search index=web sort reverse"
            })
    void eventSearchesThatKeepTheirOrderResumeExactly(String spl) {
        assertThat(SearchOrder.of(spl).timeOrdered()).as(spl).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "search index=web | sort 0 _time",
                "search index=web | reverse",
                "search index=web | tail 100",
                "search index=web | stats count by host",
                "search index=web | timechart span=1h count",
                "search index=web | append [ search index=os ]",
                "search index=web | dedup host sortby -_time",
                "| inputlookup hosts.csv",
                "| tstats count where index=web by _time span=1m",
                "| mstats avg(cpu.usage) WHERE index=metrics span=1m BY host",
                "| mpreview index=metrics",
                "search index=web | transaction host maxspan=5m"
            })
    void searchesThatReSortTransformOrGenerateAreReadAgainWhole(String spl) {
        SearchOrder order = SearchOrder.of(spl);
        assertThat(order.timeOrdered()).as(spl).isFalse();
        assertThat(order.reason()).startsWith("|");
    }

    @ParameterizedTest
    @ValueSource(strings = {"| mstats avg(x) WHERE index=m", "| mpreview index=m", "| mcatalog values(metric_name)"})
    void metricsSearchesAreKnownAsSuch(String spl) {
        assertThat(SearchOrder.of(spl).metrics()).isTrue();
        assertThat(SearchOrder.of("search index=web").metrics()).isFalse();
    }
}
