package io.github.splunkdeltabridge.reconcile.delta;

import static org.apache.spark.sql.functions.col;

import io.github.splunkdeltabridge.delta.SplunkEventColumns;
import io.github.splunkdeltabridge.reconcile.Cutoffs;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Encoders;

/** The event ids the Delta table holds for one index and hour, duplicates included (one per row). */
public final class DeltaHourIds {

    private final EventTable table;

    public DeltaHourIds(EventTable table) {
        this.table = table;
    }

    public List<String> ids(String index, Instant from, Instant to, Cutoffs cutoffs) {
        return table.rows(List.of(index), from, to, cutoffs)
                .select(col(SplunkEventColumns.EVENT_ID))
                .as(Encoders.STRING())
                .collectAsList();
    }
}
