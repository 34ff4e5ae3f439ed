package io.github.splunkdeltabridge.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An export that survives cuts. It remembers what it delivered (see {@link ExportPosition}); when the
 * body fails (I/O error, premature end, read timeout, a line cut in half) it re-issues the export for
 * {@code [earliest, lowestTime + 1 ms)} and skips what was already delivered, counting the cut as one
 * failed attempt of its {@link RetryLoop}.
 *
 * <p>Correct for Splunk's default newest-first order. A search that re-sorts events ({@code | sort},
 * {@code | reverse}) breaks that assumption; the stream logs a warning when it sees it. Rows of a search marked
 * {@link ExportRequest.Builder#transforming()} are resumed by re-running the search and skipping the rows delivered.
 */
final class ResumingEventStream implements SplunkEventStream {

    private static final Logger LOG = LoggerFactory.getLogger(ResumingEventStream.class);

    /** Opens one attempt of an export; the body is closed by the stream. */
    @FunctionalInterface
    interface Opener {
        /**
         * @throws IOException transport failure, retried
         * @throws RetryableHttpException retried
         * @throws SplunkException any other failure, not retried
         */
        InputStream open(ExportRequest request) throws IOException;
    }

    private final ExportRequest original;
    private final Opener opener;
    private final RetryLoop retries;

    // Position: what was delivered.
    private Instant lowestTime;
    private final Set<String> idsAtLowestTime = new LinkedHashSet<>();
    private long rowsDelivered;
    private boolean warnedOrder;

    // Skipping on the current attempt: a snapshot of the position when it was opened.
    private Instant skipAbove;
    private Set<String> skipIdsAt = Set.of();
    private long rowsToSkip;

    private ExportStreamParser parser;
    private SplunkEvent next;
    private boolean done;

    ResumingEventStream(ExportRequest request, Opener opener, RetryLoop retries) {
        this.original = request;
        this.opener = opener;
        this.retries = retries;
        ExportPosition from = request.resumeFrom();
        this.lowestTime = from.lowestTime();
        this.idsAtLowestTime.addAll(from.idsAtLowestTime());
        this.rowsDelivered = from.rowsDelivered();
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        while (true) {
            try {
                if (parser == null) {
                    parser = new ExportStreamParser(opener.open(nextAttempt()));
                }
                SplunkEvent event = parser.next();
                if (event == null) {
                    closeParser();
                    done = true;
                    return false;
                }
                if (!alreadyDelivered(event)) {
                    next = event;
                    return true;
                }
            } catch (IOException e) {
                abortParser();
                failed(e);
            } catch (RetryableHttpException e) {
                abortParser();
                failed(e);
            } catch (RuntimeException e) {
                abortParser();
                done = true;
                throw e;
            }
        }
    }

    private void failed(Exception e) {
        try {
            retries.failed(e);
        } catch (RuntimeException exhausted) {
            done = true;
            throw exhausted;
        }
    }

    @Override
    public SplunkEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("export has no more events");
        }
        SplunkEvent event = next;
        next = null;
        record(event);
        retries.progressed();
        return event;
    }

    @Override
    public ExportPosition position() {
        return ExportPosition.of(lowestTime, idsAtLowestTime, rowsDelivered);
    }

    @Override
    public void close() {
        done = true;
        next = null;
        abortParser();
    }

    /** The request for the next attempt, and what that attempt must skip. */
    private ExportRequest nextAttempt() {
        skipAbove = null;
        skipIdsAt = Set.of();
        rowsToSkip = 0;
        if (lowestTime != null) {
            // latest is exclusive: +1 ms keeps the events at lowestTime that may not all have been delivered.
            Instant latest = lowestTime.plusMillis(1);
            if (original.latest() != null && original.latest().isBefore(latest)) {
                latest = original.latest();
            }
            skipAbove = lowestTime;
            skipIdsAt = Set.copyOf(idsAtLowestTime);
            LOG.info(
                    "Resuming export below {} ({} events there already delivered, {} rows in total)",
                    lowestTime,
                    skipIdsAt.size(),
                    rowsDelivered);
            return original.withLatest(latest);
        }
        if (rowsDelivered > 0) {
            // Rows without _time (transforming searches): re-run and drop the rows already delivered.
            rowsToSkip = rowsDelivered;
            LOG.info("Resuming export by re-running it and skipping {} rows", rowsToSkip);
        }
        return original;
    }

    private boolean alreadyDelivered(SplunkEvent event) {
        if (rowsToSkip > 0) {
            rowsToSkip--;
            return true;
        }
        if (skipAbove == null) {
            return false;
        }
        Instant t = TimeFormats.toMillis(event.time());
        if (t == null) {
            return false;
        }
        int c = t.compareTo(skipAbove);
        return c > 0 || c == 0 && skipIdsAt.contains(event.eventId());
    }

    private void record(SplunkEvent event) {
        rowsDelivered++;
        // Rows of a transforming search resume by row count: their _time is a bucket (see ExportRequest).
        Instant t = original.transforming() ? null : TimeFormats.toMillis(event.time());
        if (t == null) {
            return;
        }
        if (lowestTime == null || t.isBefore(lowestTime)) {
            lowestTime = t;
            idsAtLowestTime.clear();
            idsAtLowestTime.add(event.eventId());
        } else if (t.equals(lowestTime)) {
            idsAtLowestTime.add(event.eventId());
        } else if (!warnedOrder) {
            warnedOrder = true;
            LOG.warn(
                    "Export results are not newest first ({} after {}); resuming after a cut may skip events. "
                            + "Avoid re-sorting the search.",
                    t,
                    lowestTime);
        }
    }

    private void closeParser() {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                LOG.debug("Closing the export body failed", e);
            }
            parser = null;
        }
    }

    private void abortParser() {
        // The body stream aborts the connection when closed before its end (see SplunkClient).
        closeParser();
    }
}
