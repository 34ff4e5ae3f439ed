package io.github.splunkdeltabridge.delta.sink;

import static org.apache.spark.sql.functions.col;

import io.github.splunkdeltabridge.delta.SplunkEventColumns;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/**
 * The MERGE condition: same event id, restricted to the partitions the micro-batch touches. An event id already fixes
 * the index and the event time (it is {@code index:_bkt:_cd} or a hash that includes both), so a duplicate can only
 * be in those partitions; naming them as literals lets Delta skip every other file instead of scanning the table.
 */
public final class MergeCondition {

    public static final String TARGET = "t";
    public static final String SOURCE = "s";

    /** Past this many distinct dates the list stops paying for itself; the index filter still applies. */
    static final int MAX_LISTED_DATES = 1000;

    private MergeCondition() {}

    /** @param touched the distinct ({@code index}, {@code event_date}) pairs of the micro-batch */
    public static Column forBatch(List<Row> touched) {
        Column sameEvent = target(SplunkEventColumns.EVENT_ID).equalTo(col(SOURCE + "." + SplunkEventColumns.EVENT_ID));
        Column condition = sameEvent.and(oneOf(
                SplunkEventColumns.INDEX,
                touched.stream().map(row -> row.get(0)).distinct().toList()));
        List<Object> dates = touched.stream().map(row -> row.get(1)).distinct().toList();
        if (dates.size() <= MAX_LISTED_DATES) {
            condition = condition.and(oneOf(SplunkEventColumns.EVENT_DATE, dates));
        }
        return condition;
    }

    private static Column oneOf(String column, List<Object> values) {
        Object[] present = values.stream().filter(Objects::nonNull).toArray();
        Column inList = target(column).isin(present);
        return values.contains(null) ? inList.or(target(column).isNull()) : inList;
    }

    private static Column target(String column) {
        return col(TARGET + "." + column);
    }
}
