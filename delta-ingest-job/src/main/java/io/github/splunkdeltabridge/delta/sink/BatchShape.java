package io.github.splunkdeltabridge.delta.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.grouping_id;
import static org.apache.spark.sql.functions.lit;

import io.github.splunkdeltabridge.delta.SplunkEventColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * What a micro-batch holds, found in one pass over its event id, index and date columns: the (index, date) partitions
 * it touches, how many events it has and how many distinct event ids. When the two counts are equal no id occurs
 * twice, and deduplicating the batch would return it unchanged.
 *
 * @param touched the distinct ({@code index}, {@code event_date}) pairs, as rows of two values
 */
record BatchShape(List<Row> touched, long events, long distinctIds) {

    /** {@code grouping_id()} of a ROLLUP row grouped by both columns, and of the grand total row. */
    private static final int BY_PARTITION = 0;

    private static final int TOTAL = 3;

    /** @param tableRows the batch as table rows (with {@code event_date}) */
    static BatchShape of(Dataset<Row> tableRows) {
        // ROLLUP gives the per-partition rows and the grand total in one aggregation. The distinct count is taken over
        // the whole batch (the total row), not summed over partitions, so it does not rely on an id fixing its
        // partition.
        List<Row> groups = tableRows
                .rollup(SplunkEventColumns.INDEX, SplunkEventColumns.EVENT_DATE)
                .agg(count(lit(1)), countDistinct(col(SplunkEventColumns.EVENT_ID)), grouping_id())
                .collectAsList();
        List<Row> touched = new ArrayList<>();
        long events = 0;
        long distinctIds = 0;
        for (Row group : groups) {
            long level = ((Number) group.get(4)).longValue();
            if (level == BY_PARTITION) {
                touched.add(RowFactory.create(group.get(0), group.get(1)));
            } else if (level == TOTAL) {
                events = group.getLong(2);
                distinctIds = group.getLong(3);
            }
        }
        return new BatchShape(List.copyOf(touched), events, distinctIds);
    }

    boolean isEmpty() {
        return events == 0;
    }

    /** No event id occurs twice (rows without an id count as duplicates, so they take the deduplicating path). */
    boolean hasUniqueIds() {
        return events == distinctIds;
    }
}
