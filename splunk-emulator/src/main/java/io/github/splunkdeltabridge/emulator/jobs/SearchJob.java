package io.github.splunkdeltabridge.emulator.jobs;

import io.github.splunkdeltabridge.emulator.search.SearchMessages;
import io.github.splunkdeltabridge.emulator.search.SearchRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One search job of the jobs API. It walks through Splunk's dispatch states (QUEUED, PARSING, RUNNING,
 * FINALIZING, DONE) over its run time, can be paused, unpaused, finalized (stopped early with the results so
 * far) and have its ttl and priority changed, as {@code POST …/jobs/<sid>/control} does. Results are computed
 * again for each request rather than stored, which keeps memory flat for any result size; the dataset is
 * deterministic, so they do not change.
 */
public final class SearchJob {

    /** A message the job carries, as Splunk lists them in the job's {@code messages}. */
    public record Message(String type, String text) {}

    private final String sid;
    private final String owner;
    private final String app;
    private final SearchRun run;
    private final Map<String, String> request;
    private final Instant createdAt;
    private final long createdNanos;
    private final Duration runTime;
    private final long maxCount;
    private final long eventLimit;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private volatile long pausedTotalNanos;
    private volatile long pausedSinceNanos = -1;
    private volatile long finalizedAtEvents = -1;
    private volatile boolean finalizedByLimit;
    private volatile int ttlSeconds = 600;
    private volatile int priority = 5;
    private volatile long lastTouchedNanos;
    private volatile long matchedEvents = -1;
    private volatile long[] doneCounts;

    /**
     * @param runTime     how long the job takes from QUEUED to DONE (zero for {@code exec_mode=blocking})
     * @param maxCount    {@code max_count}: events kept for {@code /events} (and results of a transforming search)
     * @param eventLimit  events after which the search auto-finalizes ({@code auto_finalize_ec}); 0 for none
     */
    public SearchJob(
            String sid,
            String owner,
            String app,
            SearchRun run,
            Map<String, String> request,
            Instant createdAt,
            Duration runTime,
            long maxCount,
            long eventLimit,
            List<Message> messages) {
        this.sid = sid;
        this.owner = owner;
        this.app = app;
        this.run = run;
        this.request = Map.copyOf(request);
        this.createdAt = createdAt;
        this.createdNanos = System.nanoTime();
        this.lastTouchedNanos = createdNanos;
        this.runTime = runTime;
        this.maxCount = maxCount;
        this.eventLimit = eventLimit;
        this.messages.addAll(messages);
    }

    public String sid() {
        return sid;
    }

    public String owner() {
        return owner;
    }

    public String app() {
        return app;
    }

    public SearchRun run() {
        return run;
    }

    public Map<String, String> request() {
        return request;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    public int ttlSeconds() {
        return ttlSeconds;
    }

    public int priority() {
        return priority;
    }

    public long maxCount() {
        return maxCount;
    }

    /** Share of the run time elapsed, 0..1; a finalized job is complete. */
    public synchronized double progress() {
        if (finalizedAtEvents >= 0 || runTime.isZero()) {
            return 1.0;
        }
        long now = pausedSinceNanos >= 0 ? pausedSinceNanos : System.nanoTime();
        long ran = now - createdNanos - pausedTotalNanos;
        return Math.min(1.0, Math.max(0.0, (double) ran / runTime.toNanos()));
    }

    public boolean isDone() {
        return progress() >= 1.0 && pausedSinceNanos < 0 || finalizedAtEvents >= 0;
    }

    public boolean isPaused() {
        return pausedSinceNanos >= 0 && !isDone();
    }

    public boolean isFinalized() {
        return finalizedAtEvents >= 0;
    }

    public String dispatchState() {
        if (isDone()) {
            return "DONE";
        }
        if (isPaused()) {
            return "PAUSED";
        }
        double p = progress();
        return p < 0.1 ? "QUEUED" : p < 0.2 ? "PARSING" : p < 0.85 ? "RUNNING" : "FINALIZING";
    }

    // --- control actions (POST …/control) ---

    public synchronized void pause() {
        if (pausedSinceNanos < 0 && !isDone()) {
            pausedSinceNanos = System.nanoTime();
        }
    }

    public synchronized void unpause() {
        if (pausedSinceNanos >= 0) {
            pausedTotalNanos += System.nanoTime() - pausedSinceNanos;
            pausedSinceNanos = -1;
        }
    }

    /** Stops the job now; its results are those of the events scanned so far. */
    public synchronized void finalizeNow() {
        if (finalizedAtEvents < 0 && !isDone()) {
            finalizedAtEvents = (long) Math.floor(progress() * matchedEvents());
            pausedSinceNanos = -1;
        }
    }

    public void touch() {
        lastTouchedNanos = System.nanoTime();
    }

    public void setTtl(int seconds) {
        this.ttlSeconds = seconds;
        touch();
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }

    boolean isExpired(long nowNanos) {
        return nowNanos - lastTouchedNanos > Duration.ofSeconds(ttlSeconds).toNanos();
    }

    // --- counts and results ---

    /** Events the search matches in all (whatever finalization cut). */
    public long matchedEvents() {
        long known = matchedEvents;
        if (known < 0) {
            known = count(run.events());
            matchedEvents = known;
        }
        return known;
    }

    /** Events scanned so far: all once done (up to a finalization cut), a growing share while running. */
    public long eventCount() {
        if (isDone()) {
            return counts()[0];
        }
        return (long) Math.floor(progress() * matchedEvents());
    }

    /** Result rows: the event count for event searches; the report rows of a transforming search once done. */
    public long resultCount() {
        if (isDone()) {
            return counts()[1];
        }
        return run.isTransforming() ? 0 : eventCount();
    }

    /** Bytes the job's results take, for the role disk quota ({@code diskUsage} of the job entry). */
    public long diskUsageBytes() {
        return isDone() ? counts()[2] : 0;
    }

    /** The final rows ({@code /results}); while running, the rows so far ({@code /results_preview}). */
    public Iterator<Map<String, Object>> resultRows() {
        long cut = eventCut();
        if (cut < 0) {
            return run.rows();
        }
        if (run.search().statsBy() != null) {
            return run.preview(cut).iterator();
        }
        if (run.isTransforming()) {
            return run.rows();
        }
        return limit(run.events(), cut);
    }

    /** Rows of {@code /results_preview}: what the job has produced so far. */
    public Iterator<Map<String, Object>> previewRows() {
        if (isDone()) {
            return resultRows();
        }
        long scanned = eventCount();
        if (run.search().statsBy() != null) {
            return run.preview(scanned).iterator();
        }
        if (run.isTransforming()) {
            return Collections.emptyIterator();
        }
        return limit(run.events(), scanned);
    }

    /** Matched events ({@code /events}), at most {@code max_count} of them, as Splunk keeps for a job. */
    public Iterator<Map<String, Object>> eventRows() {
        long cut = eventCut();
        long available = cut < 0 ? maxCount : Math.min(cut, maxCount);
        if (!isDone()) {
            available = Math.min(available, eventCount());
        }
        return limit(run.events(), available);
    }

    /** How many events the results stop at, or -1 when they are complete. */
    private long eventCut() {
        long cut = finalizedAtEvents;
        if (eventLimit > 0 && matchedEvents() > eventLimit && (cut < 0 || eventLimit < cut)) {
            cut = eventLimit;
            markFinalizedByLimit();
        }
        return cut;
    }

    private void markFinalizedByLimit() {
        if (!finalizedByLimit) {
            finalizedByLimit = true;
            messages.add(new Message("WARN", SearchMessages.autoFinalizedByEventLimit(eventLimit)));
        }
    }

    /** Whether the job stopped early (finalized by a client, or auto-finalized at its event limit). */
    public boolean stoppedEarly() {
        return eventCut() >= 0;
    }

    private long[] counts() {
        long[] known = doneCounts;
        if (known == null) {
            long cut = eventCut();
            long events = cut < 0 ? matchedEvents() : Math.min(cut, matchedEvents());
            long results = 0;
            long bytes = 0;
            for (Iterator<Map<String, Object>> rows = resultRows(); rows.hasNext(); ) {
                Map<String, Object> row = rows.next();
                results++;
                Object raw = row.get("_raw");
                bytes += 200 + (raw == null ? 0 : raw.toString().length());
            }
            known = new long[] {events, run.isTransforming() ? results : events, bytes};
            doneCounts = known;
        }
        return known;
    }

    private static long count(Iterator<?> rows) {
        long count = 0;
        for (; rows.hasNext(); rows.next()) {
            count++;
        }
        return count;
    }

    private static <T> Iterator<T> limit(Iterator<T> source, long max) {
        return new Iterator<>() {
            private long returned;

            @Override
            public boolean hasNext() {
                return returned < max && source.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                returned++;
                return source.next();
            }
        };
    }

    /** The request parameters Splunk echoes in the job's {@code request}, in a stable order. */
    public List<Map.Entry<String, String>> requestEntries() {
        List<Map.Entry<String, String>> entries = new ArrayList<>(request.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }
}
