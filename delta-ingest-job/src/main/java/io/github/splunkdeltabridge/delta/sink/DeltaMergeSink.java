package io.github.splunkdeltabridge.delta.sink;

import static org.apache.spark.sql.functions.col;

import io.github.splunkdeltabridge.delta.SplunkEventColumns;
import io.github.splunkdeltabridge.delta.options.TargetTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming sink ({@code foreachBatch}): deduplicates each micro-batch by event id, then MERGEs it into the
 * target table(s) inserting only ids the table does not have. Replayed micro-batches, objects landed twice and
 * events delivered twice upstream therefore never add rows.
 */
public final class DeltaMergeSink implements VoidFunction2<Dataset<Row>, Long> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeltaMergeSink.class);

    private final TargetTables tables;
    private final String txnAppId;
    private final boolean cacheBatch;
    private final IngestCounts counts = new IngestCounts();

    /**
     * @param cacheBatch keep the micro-batch in Spark's cache between the pass that sizes it and the MERGE: for
     *     sources that are costly to read twice (Splunk itself). Landed files are read twice instead, the first time
     *     only their id, index and time columns, which costs less than caching every column.
     */
    public DeltaMergeSink(TargetTables tables, String txnAppId, boolean cacheBatch) {
        this.tables = Objects.requireNonNull(tables, "tables");
        this.txnAppId = Objects.requireNonNull(txnAppId, "txnAppId");
        this.cacheBatch = cacheBatch;
    }

    public IngestCounts counts() {
        return counts;
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        SparkSession spark = batch.sparkSession();
        Dataset<Row> events = cacheBatch ? batch.persist(StorageLevel.MEMORY_AND_DISK()) : batch;
        try {
            // One pass gives the event count, the distinct ids and the (index, date) partitions the batch touches;
            // deduplicating cannot change the partitions, since an event id fixes its index and time.
            BatchShape shape = BatchShape.of(TableRows.from(events));
            if (shape.isEmpty()) {
                LOG.info("Micro-batch {}: no events", batchId);
                return;
            }
            counts.addBatch(shape.events());
            List<Row> touched = shape.touched();
            // With no id twice in the batch, deduplicating it would return it unchanged: the sort by id is skipped.
            // Ids already in the table are the MERGE's to find, whichever way the batch comes.
            Dataset<Row> rows = TableRows.from(shape.hasUniqueIds() ? events : LatestPerEventId.of(events));
            LOG.info(
                    "Micro-batch {}: {} events in {} (index, date) partitions, {} distinct ids",
                    batchId,
                    shape.events(),
                    touched.size(),
                    shape.distinctIds());
            for (Map.Entry<TargetTable, List<Row>> entry : byTable(touched).entrySet()) {
                Dataset<Row> tableRows = tables.perIndex()
                        ? rows.where(col(SplunkEventColumns.INDEX)
                                .eqNullSafe(entry.getValue().get(0).get(0)))
                        : rows;
                merge(spark, entry.getKey(), tableRows, entry.getValue(), batchId);
            }
        } finally {
            if (cacheBatch) {
                events.unpersist();
            }
        }
    }

    private Map<TargetTable, List<Row>> byTable(List<Row> touched) {
        Map<TargetTable, List<Row>> byTable = new LinkedHashMap<>();
        for (Row pair : touched) {
            byTable.computeIfAbsent(tables.forIndex(pair.getString(0)), t -> new ArrayList<>())
                    .add(pair);
        }
        return byTable;
    }

    private void merge(SparkSession spark, TargetTable target, Dataset<Row> rows, List<Row> touched, long batchId) {
        Dataset<Row> metrics = IdempotentWrites.run(
                spark,
                txnAppId,
                batchId,
                () -> InsertsWrittenWhereRead.run(
                        spark,
                        () -> tables.open(spark, target)
                                .as(MergeCondition.TARGET)
                                .merge(rows.as(MergeCondition.SOURCE), MergeCondition.forBatch(touched))
                                .whenNotMatched()
                                .insertAll()
                                .execute()));
        List<Row> result = metrics.collectAsList();
        if (result.isEmpty()) {
            LOG.info("Micro-batch {}: {} already holds it (replayed micro-batch, skipped)", batchId, target);
            return;
        }
        Row row = result.get(0);
        long inserted = row.schema().getFieldIndex("num_inserted_rows").isDefined()
                ? row.getLong(row.fieldIndex("num_inserted_rows"))
                : 0;
        counts.addInserted(inserted);
        LOG.info("Micro-batch {}: {} new rows in {}", batchId, inserted, target);
    }
}
