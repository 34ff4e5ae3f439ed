package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportStreamParserTest {

    private static final String EVENT_1 =
            "{\"preview\":false,\"offset\":0,\"result\":{\"_bkt\":\"web~12~6C4FD68A-A664-44BA-A4B1-22759F85DBE2\","
                    + "\"_cd\":\"12:4711\",\"_indextime\":\"1709296497\",\"_raw\":\"10.0.0.1 - - [01/Mar/2024:12:34:56] \\\"GET / HTTP/1.1\\\" 200 512\","
                    + "\"_serial\":\"0\",\"_si\":[\"idx-1\",\"web\"],\"_sourcetype\":\"access_combined\",\"_time\":\"2024-03-01T12:34:56.789+00:00\","
                    + "\"host\":\"www1\",\"index\":\"web\",\"linecount\":\"1\",\"source\":\"/var/log/nginx/access.log\","
                    + "\"sourcetype\":\"access_combined\",\"splunk_server\":\"idx-1\"}}";
    private static final String EVENT_2 =
            "{\"preview\":false,\"offset\":1,\"lastrow\":true,\"result\":{\"_bkt\":\"web~12~6C4FD68A-A664-44BA-A4B1-22759F85DBE2\","
                    + "\"_cd\":\"12:4700\",\"_indextime\":\"1709296490\",\"_raw\":\"10.0.0.2 - - [01/Mar/2024:12:34:50] \\\"GET /a HTTP/1.1\\\" 404 0\","
                    + "\"_time\":\"2024-03-01T12:34:50.000+00:00\",\"host\":\"www2\",\"index\":\"web\",\"source\":\"/var/log/nginx/access.log\","
                    + "\"sourcetype\":\"access_combined\",\"splunk_server\":\"idx-1\"}}";
    private static final String EVENT_3 =
            "{\"preview\":false,\"offset\":0,\"lastrow\":true,\"result\":{\"_bkt\":\"web~11~6C4FD68A-A664-44BA-A4B1-22759F85DBE2\","
                    + "\"_cd\":\"11:99\",\"_raw\":\"older\",\"_time\":\"2024-03-01T12:30:00.000+00:00\",\"host\":\"www1\",\"index\":\"web\"}}";

    private static ExportStreamParser parser(String body) {
        return new ExportStreamParser(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<SplunkEvent> readAll(ExportStreamParser parser) throws IOException {
        List<SplunkEvent> events = new ArrayList<>();
        SplunkEvent e;
        while ((e = parser.next()) != null) {
            events.add(e);
        }
        return events;
    }

    @Test
    void readsEveryRowOfSeveralBlocksWithTypedFields() throws IOException {
        List<SplunkEvent> events = readAll(parser(EVENT_1 + "\n" + EVENT_2 + "\n" + EVENT_3 + "\n"));

        assertThat(events).hasSize(3);
        SplunkEvent first = events.get(0);
        assertThat(first.time()).isEqualTo(Instant.parse("2024-03-01T12:34:56.789Z"));
        assertThat(first.indexTime()).isEqualTo(Instant.parse("2024-03-01T12:34:57Z"));
        assertThat(first.index()).isEqualTo("web");
        assertThat(first.host()).isEqualTo("www1");
        assertThat(first.source()).isEqualTo("/var/log/nginx/access.log");
        assertThat(first.sourcetype()).isEqualTo("access_combined");
        assertThat(first.splunkServer()).isEqualTo("idx-1");
        assertThat(first.raw()).isEqualTo("10.0.0.1 - - [01/Mar/2024:12:34:56] \"GET / HTTP/1.1\" 200 512");
        assertThat(first.cd()).isEqualTo("12:4711");
        assertThat(first.bkt()).isEqualTo("web~12~6C4FD68A-A664-44BA-A4B1-22759F85DBE2");
        assertThat(first.eventId()).isEqualTo("web:web~12~6C4FD68A-A664-44BA-A4B1-22759F85DBE2:12:4711");
        assertThat(first.fields().keySet())
                .startsWith("_bkt", "_cd", "_indextime", "_raw", "_serial", "_si")
                .endsWith("sourcetype", "splunk_server");
        assertThat(events).extracting(SplunkEvent::cd).containsExactly("12:4711", "12:4700", "11:99");
    }

    @Test
    void multivalueFieldsKeepEveryValueAndSingleValuesAreOneElementLists() throws IOException {
        SplunkEvent e = parser(
                        "{\"preview\":false,\"result\":{\"_si\":[\"idx-1\",\"web\"],\"tag\":[\"one\"],\"host\":\"h\"}}\n")
                .next();

        assertThat(e.fields().get("_si")).containsExactly("idx-1", "web");
        assertThat(e.isMultivalue("_si")).isTrue();
        assertThat(e.isMultivalue("tag")).isTrue();
        assertThat(e.field("_si")).isEqualTo("idx-1");
        assertThat(e.fields().get("host")).containsExactly("h");
        assertThat(e.isMultivalue("host")).isFalse();
        assertThat(e.isMultivalue("absent")).isFalse();
    }

    @Test
    void previewRowsOfAStatsSearchAreSkippedAndFinalRowsWithoutTimeOrRawAreKept() throws IOException {
        String body = """
                {"preview":true,"offset":0,"result":{"sourcetype":"access_combined","count":"58509"}}
                {"preview":true,"offset":1,"lastrow":true,"result":{"sourcetype":"splunkd","count":"4153"}}
                {"preview":true,"offset":0,"result":{"sourcetype":"access_combined","count":"60886"}}
                {"preview":true,"offset":1,"lastrow":true,"result":{"sourcetype":"splunkd","count":"4280"}}
                {"preview":false,"offset":0,"result":{"sourcetype":"access_combined","count":"61000"}}
                {"preview":false,"offset":1,"lastrow":true,"result":{"sourcetype":"splunkd","count":"4300"}}
                """;
        List<SplunkEvent> rows = readAll(parser(body));

        assertThat(rows).extracting(r -> r.field("count")).containsExactly("61000", "4300");
        assertThat(rows.get(0).time()).isNull();
        assertThat(rows.get(0).raw()).isNull();
        assertThat(rows.get(0).eventId()).hasSize(64).doesNotContain(":");
        assertThat(rows.get(0).eventId()).isNotEqualTo(rows.get(1).eventId());
    }

    @Test
    void informationalMessagesAreIgnoredAndAnEmptyResultEndsCleanly() throws IOException {
        String body =
                "{\"preview\":false,\"messages\":[{\"type\":\"INFO\",\"text\":\"Your timerange was substituted\"},"
                        + "{\"type\":\"WARN\",\"text\":\"The lookup table 'geo_ip' does not exist or is not available.\"}]}\n"
                        + EVENT_1 + "\n{\"preview\":false,\"lastrow\":true}\n";
        assertThat(readAll(parser(body))).hasSize(1);
        assertThat(readAll(parser("{\"preview\":false,\"lastrow\":true}\n"))).isEmpty();
        assertThat(readAll(parser(""))).isEmpty();
    }

    @Test
    void fatalMessageAfterRowsRaisesSplunksTextOnceTheEarlierRowsWereDelivered() throws IOException {
        ExportStreamParser parser = parser(EVENT_1 + "\n" + EVENT_2 + "\n"
                + "{\"messages\":[{\"type\":\"FATAL\",\"text\":\"Search process did not exit cleanly, exit_code=255\"}]}\n"
                + EVENT_3 + "\n");

        assertThat(parser.next().cd()).isEqualTo("12:4711");
        assertThat(parser.next().cd()).isEqualTo("12:4700");
        assertThatThrownBy(parser::next)
                .isInstanceOf(SplunkSearchException.class)
                .hasMessageContaining("Search process did not exit cleanly, exit_code=255")
                .hasMessageContaining("FATAL");
    }

    @Test
    void aPeerDownWarningStopsTheStreamWithSplunksTextAfterTheRowsBeforeIt() throws IOException {
        // The WARN a search head streams when a search peer is down (Splunk's DistributedPeerManager text).
        String peerDown = "Unable to distribute to peer named idx-2 at uri https://10.0.0.12:8089 because peer has"
                + " status = \\\"Down\\\". Verify uri-scheme, connectivity to the search peer, that the search peer is up,"
                + " and that an adequate level of system resources are available.";
        ExportStreamParser parser = parser(
                EVENT_1 + "\n{\"messages\":[{\"type\":\"WARN\",\"text\":\"" + peerDown + "\"}]}\n" + EVENT_2 + "\n");

        assertThat(parser.next().cd()).isEqualTo("12:4711");
        assertThatThrownBy(parser::next)
                .isInstanceOfSatisfying(
                        SplunkIncompleteResultsException.class,
                        e -> assertThat(e.messages())
                                .extracting(SearchMessage::type)
                                .containsExactly("WARN"))
                .hasMessageContaining("Unable to distribute to peer named idx-2")
                .hasMessageContaining("status = \"Down\"")
                .hasMessageContaining("line 2");
    }

    @Test
    void missingRowsCanBeAcceptedThenTheStreamGoesOnToItsEnd() throws IOException {
        String body = EVENT_1 + "\n{\"messages\":[{\"type\":\"WARN\",\"text\":\"Search auto-finalized after time"
                + " limit (30 seconds) reached.\"}]}\n" + EVENT_2 + "\n";
        ExportStreamParser accepting =
                new ExportStreamParser(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), true);
        assertThat(readAll(accepting)).extracting(SplunkEvent::cd).containsExactly("12:4711", "12:4700");
        assertThatThrownBy(() -> readAll(parser(body))).isInstanceOf(SplunkIncompleteResultsException.class);
    }

    @Test
    void aRowWhoseTimeIsNotATimeIsAProtocolErrorNamingTheValueAndTheLine() throws IOException {
        ExportStreamParser parser = parser(EVENT_1 + "\n"
                + EVENT_2.replace("2024-03-01T12:34:50.000+00:00", "2024-03-01 12:34:50.000 CST") + "\n");
        assertThat(parser.next().cd()).isEqualTo("12:4711");
        assertThatThrownBy(parser::next)
                .isInstanceOf(SplunkProtocolException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("'2024-03-01 12:34:50.000 CST'")
                .hasMessageContaining("several offsets");
    }

    @Test
    void errorMessageRaisesToo() {
        ExportStreamParser parser =
                parser("{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Error in 'search' command\"}]}\n");
        assertThatThrownBy(parser::next)
                .isInstanceOf(SplunkSearchException.class)
                .hasMessageContaining("Error in 'search' command");
    }

    @Test
    void unicodeEmojiAndCjkSurviveIntact() throws IOException {
        String raw = "user=田中太郎 msg=\"こんにちは 🌍🚀\" city=Zürich ключ=значение";
        String body = "{\"preview\":false,\"result\":{\"_raw\":\"" + raw.replace("\"", "\\\"")
                + "\",\"名前\":\"値 😀\",\"_time\":\"2024-03-01T12:00:00.000+09:00\"}}\n";
        SplunkEvent e = parser(body).next();
        assertThat(e.raw()).isEqualTo(raw);
        assertThat(e.field("名前")).isEqualTo("値 😀");
        assertThat(e.time()).isEqualTo(Instant.parse("2024-03-01T03:00:00Z"));
    }

    @Test
    void aTwoMegabyteRawIsReadWhole() throws IOException {
        String raw = "x".repeat(2 * 1024 * 1024 - 3) + "end";
        String body = EVENT_1 + "\n{\"preview\":false,\"result\":{\"_raw\":\"" + raw + "\",\"index\":\"web\"}}\n"
                + EVENT_3 + "\n";
        List<SplunkEvent> events = readAll(parser(body));
        assertThat(events).hasSize(3);
        assertThat(events.get(1).raw()).hasSize(2 * 1024 * 1024).endsWith("end");
    }

    @Test
    void malformedLineFollowedByMoreDataIsAProtocolErrorNamingTheLine() throws IOException {
        ExportStreamParser parser = parser(
                EVENT_1 + "\n" + EVENT_2 + "\n<html><body>502 Bad Gateway\u0007</body></html>\n" + EVENT_3 + "\n");
        parser.next();
        parser.next();
        assertThatThrownBy(parser::next)
                .isInstanceOf(SplunkProtocolException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("<html><body>502 Bad Gateway?</body>")
                .hasMessageNotContaining("\u0007");
    }

    @Test
    void longMalformedLineIsExcerptedNotCopied() {
        ExportStreamParser parser = parser("not json " + "y".repeat(10_000) + "\n" + EVENT_1 + "\n");
        assertThatThrownBy(parser::next)
                .isInstanceOf(SplunkProtocolException.class)
                .hasMessageContaining("line 1")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }

    @Test
    void truncatedLastLineIsATransportFailureNotAProtocolError() throws IOException {
        String cut = EVENT_2.substring(0, EVENT_2.length() / 2);
        ExportStreamParser parser = parser(EVENT_1 + "\n" + cut);
        assertThat(parser.next()).isNotNull();
        assertThatThrownBy(parser::next)
                .isInstanceOf(TruncatedStreamException.class)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void completeLastLineWithoutNewlineIsStillARow() throws IOException {
        assertThat(readAll(parser(EVENT_1 + "\n" + EVENT_2))).hasSize(2);
    }

    @Test
    void underlyingIoErrorsPropagateAsIoExceptions() throws IOException {
        byte[] first = (EVENT_1 + "\n").getBytes(StandardCharsets.UTF_8);
        InputStream failing = new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos < first.length) {
                    return first[pos++] & 0xff;
                }
                throw new java.net.SocketException("Connection reset");
            }
        };
        ExportStreamParser parser = new ExportStreamParser(failing);
        assertThat(parser.next()).isNotNull();
        assertThatThrownBy(parser::next).isInstanceOf(java.net.SocketException.class);
    }

    @Test
    void aSecondObjectOnTheSameLineIsAProtocolErrorNamingThatLine() throws IOException {
        ExportStreamParser parser = parser(EVENT_1 + "\n" + EVENT_2 + " " + EVENT_3 + "\n");
        parser.next();
        parser.next(); // EVENT_2 is whole; what follows it on its line is not
        assertThatThrownBy(parser::next)
                .isInstanceOf(SplunkProtocolException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void anObjectSpreadOverTwoLinesIsAProtocolErrorNamingItsFirstLine() throws IOException {
        String broken = EVENT_2.replace(",\"result\":", ",\n\"result\":");
        ExportStreamParser parser = parser(EVENT_1 + "\n" + broken + "\n" + EVENT_3 + "\n");
        parser.next();
        assertThatThrownBy(parser::next)
                .isInstanceOf(SplunkProtocolException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("{\"preview\":false,\"offset\":1");
    }

    @Test
    void aLineCutShortFollowedByAGoodLineIsAProtocolErrorNamingTheCutLine() throws IOException {
        String cut = EVENT_2.substring(0, 40);
        ExportStreamParser parser = parser(EVENT_1 + "\n" + cut + "\n" + EVENT_3 + "\n");
        parser.next();
        assertThatThrownBy(parser::next)
                .isInstanceOf(SplunkProtocolException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining(cut.substring(0, 30));
    }

    @Test
    void lineNumbersInErrorsCountEveryLineBeforeThemAcrossManyReads() throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 2000; i++) { // about 1 MB: several read buffers
            body.append(EVENT_1).append(i % 100 == 0 ? "\n\n" : "\n");
        }
        body.append("<html>502</html>\n").append(EVENT_3).append('\n');
        ExportStreamParser parser = parser(body.toString());
        for (int i = 0; i < 2000; i++) {
            assertThat(parser.next()).isNotNull();
        }
        assertThatThrownBy(parser::next)
                .isInstanceOf(SplunkProtocolException.class)
                .hasMessageContaining("line 2021 ")
                .hasMessageContaining("<html>502</html>");
    }

    @Test
    void rowsReadThroughAStreamThatHandsOutFewBytesAtATimeAreTheSameAsReadWhole() throws IOException {
        String raw = "y".repeat(300_000); // longer than the read buffer: gathered across several reads
        String body = EVENT_1 + "\n\n" + EVENT_2 + "\n{\"preview\":false,\"result\":{\"_raw\":\"" + raw
                + "\",\"index\":\"web\"}}\n" + EVENT_3;
        List<SplunkEvent> whole = readAll(parser(body));
        assertThat(whole).hasSize(4);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 7, 8, 100, 4096}) {
            InputStream trickle = new ByteArrayInputStream(bytes) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    return super.read(b, off, Math.min(len, chunk));
                }
            };
            assertThat(readAll(new ExportStreamParser(trickle)))
                    .as("%d bytes per read", chunk)
                    .isEqualTo(whole);
        }
        assertThat(whole.get(2).raw()).hasSize(raw.length()).matches("y+");
    }
}
