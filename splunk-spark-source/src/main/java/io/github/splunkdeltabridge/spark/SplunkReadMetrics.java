package io.github.splunkdeltabridge.spark;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/** The reader's numbers in the Spark UI (SQL tab, on the scan node): events read, exports run, requests retried. */
public final class SplunkReadMetrics {

    static final String EVENTS = "splunkEvents";
    static final String EXPORTS = "splunkExports";
    static final String RETRIES = "splunkRetries";

    private SplunkReadMetrics() {}

    static CustomMetric[] supported() {
        return new CustomMetric[] {new EventsRead(), new ExportsRun(), new RequestsRetried()};
    }

    static CustomTaskMetric[] taskValues(long events, long exports, long retries) {
        return new CustomTaskMetric[] {value(EVENTS, events), value(EXPORTS, exports), value(RETRIES, retries)};
    }

    private static CustomTaskMetric value(String name, long value) {
        return new CustomTaskMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long value() {
                return value;
            }
        };
    }

    // Spark's UI aggregates task values by instantiating the metric's class by name: one public class with a public
    // no-argument constructor per metric.

    public static final class EventsRead extends CustomSumMetric {
        @Override
        public String name() {
            return EVENTS;
        }

        @Override
        public String description() {
            return "Splunk events read";
        }
    }

    public static final class ExportsRun extends CustomSumMetric {
        @Override
        public String name() {
            return EXPORTS;
        }

        @Override
        public String description() {
            return "Splunk exports run";
        }
    }

    public static final class RequestsRetried extends CustomSumMetric {
        @Override
        public String name() {
            return RETRIES;
        }

        @Override
        public String description() {
            return "Splunk requests retried (search quota, 5xx, cut streams)";
        }
    }
}
