package io.github.splunkdeltabridge.reconcile.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.splunkdeltabridge.reconcile.EventIdDiff;
import io.github.splunkdeltabridge.reconcile.HourStatus;
import io.github.splunkdeltabridge.reconcile.Reconciliation;
import io.github.splunkdeltabridge.reconcile.ReconciliationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    @TempDir
    Path dir;

    private static Reconciliation withIds() {
        return ReconciliationTest.sample()
                .map(hour -> hour.status() == HourStatus.MISSING
                        ? hour.withIds(new EventIdDiff(2, List.of("web:b~1~g:7", "web:b~1~g:8"), 0, List.of(), null))
                        : hour);
    }

    @Test
    void theConsoleTableListsEachHourTotalsAndAVerdict() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleTable.print(withIds(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);

        assertThat(text)
                .contains("indexes os, web")
                .containsPattern("web +2024-03-01 10:00Z +100 +100 +100 +0 +MATCH")
                .containsPattern("web +2024-03-01 11:00Z +50 +48 +48 +-2 +MISSING")
                .contains("2 missing event ids: web:b~1~g:7 web:b~1~g:8")
                .containsPattern("web +2024-03-01 12:00Z +7 +8 +7 +\\+1 +EXTRA")
                .containsPattern("web +all hours +157 +156 +155 +-1 +2 hours differ")
                .contains("Total: 6 hours: 4 matching, 1 missing events, 1 extra rows")
                .contains("RECONCILE: DIFFERENT: 2 of 6 hours differ.");
    }

    @Test
    void theJsonAndCsvReportsHoldEveryHourAndTheIds() throws Exception {
        List<String> written = ReportFiles.write(withIds(), dir.toString(), new Configuration());

        assertThat(written).hasSize(2);
        JsonNode json =
                new ObjectMapper().readTree(dir.resolve(ReportFiles.JSON_FILE).toFile());
        assertThat(json.path("result").asText()).isEqualTo("DIFFERENT");
        assertThat(json.path("totals").path("missing_hours").asLong()).isEqualTo(1);
        assertThat(json.path("indexed_before").path("web").asText()).isEqualTo("2024-03-01T13:00:00Z");
        assertThat(json.path("hours")).hasSize(6);
        JsonNode missing = json.path("hours").get(4);
        assertThat(missing.path("hour").asText()).isEqualTo("2024-03-01T11:00:00Z");
        assertThat(missing.path("ids").path("missing_ids").get(0).asText()).isEqualTo("web:b~1~g:7");

        List<String> csv = Files.readAllLines(dir.resolve(ReportFiles.CSV_FILE));
        assertThat(csv).hasSize(7);
        assertThat(csv.get(0)).isEqualTo(ReportFiles.CSV_HEADER);
        assertThat(csv)
                .contains("web,2024-03-01T11:00:00Z,2024-03-01T11:00:00Z,2024-03-01T12:00:00Z,50,48,48,-2,MISSING,2,0");
    }
}
