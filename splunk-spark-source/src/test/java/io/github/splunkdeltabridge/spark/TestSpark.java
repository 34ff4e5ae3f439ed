package io.github.splunkdeltabridge.spark;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession for the module's tests: two cores, and up to three attempts per task (local[2,3]) so that
 * Spark's task retry is on as on a cluster. A listener counts the tasks running at once and the failed attempts.
 */
final class TestSpark {

    private static SparkSession session;
    static final TaskCounter TASKS = new TaskCounter();

    private TestSpark() {}

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2,3]")
                    .appName("splunk-spark-source-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.streaming.noDataMicroBatches.enabled", "false")
                    .getOrCreate();
            session.sparkContext().addSparkListener(TASKS);
        }
        return session;
    }

    /** Waits until the listener has seen every event posted so far. */
    static void drainListeners() {
        try {
            session().sparkContext().listenerBus().waitUntilEmpty(10_000);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Spark's listeners did not catch up in 10 s", e);
        }
    }

    static final class TaskCounter extends SparkListener {
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger mostAtOnce = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            running.decrementAndGet();
            if (!end.taskInfo().successful()) {
                failed.incrementAndGet();
            }
        }

        void reset() {
            drainListeners();
            mostAtOnce.set(0);
            failed.set(0);
        }

        int mostAtOnce() {
            drainListeners();
            return mostAtOnce.get();
        }

        int failed() {
            drainListeners();
            return failed.get();
        }
    }
}
