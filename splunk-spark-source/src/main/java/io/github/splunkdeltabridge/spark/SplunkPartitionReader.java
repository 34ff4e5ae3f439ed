package io.github.splunkdeltabridge.spark;

import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one partition's exports one after the other, so a task never runs more than one search. A cut stream, a 503
 * (search quota) or a 5xx is retried inside the client, resuming where the stream stopped; what the client gives up
 * on fails the task, and Spark runs it again (spark.task.maxFailures).
 */
final class SplunkPartitionReader implements PartitionReader<InternalRow> {

    private static final Logger LOG = LoggerFactory.getLogger(SplunkPartitionReader.class);

    private final SplunkReadOptions options;
    private final SplunkClient client;
    private final Iterator<ExportUnit> units;
    private final int unitCount;
    private ExportUnit unit;
    private SplunkEventStream stream;
    private InternalRow current;
    private long events;
    private long eventsOfUnit;
    private long exports;

    SplunkPartitionReader(SplunkReadOptions options, List<ExportUnit> units) {
        this.options = options;
        this.client = new SplunkClient(options.clientConfig());
        this.units = units.iterator();
        this.unitCount = units.size();
    }

    @Override
    public boolean next() {
        while (true) {
            if (stream == null) {
                if (!units.hasNext()) {
                    return false;
                }
                unit = units.next();
                stream = client.export(unit.request(options));
                exports++;
                eventsOfUnit = 0;
            }
            if (stream.hasNext()) {
                current = SplunkEventRows.toRow(stream.next());
                events++;
                eventsOfUnit++;
                return true;
            }
            LOG.debug("Read {} events of {}", eventsOfUnit, unit);
            stream.close();
            stream = null;
        }
    }

    @Override
    public InternalRow get() {
        return current;
    }

    @Override
    public CustomTaskMetric[] currentMetricsValues() {
        return SplunkReadMetrics.taskValues(events, exports, client.retries());
    }

    @Override
    public void close() {
        try {
            if (stream != null) {
                stream.close();
            }
        } finally {
            client.close();
        }
        LOG.info(
                "Read {} events in {} of {} exports ({} retried requests)",
                events,
                exports,
                unitCount,
                client.retries());
    }
}
