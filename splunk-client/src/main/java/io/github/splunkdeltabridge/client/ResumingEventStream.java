package io.github.splunkdeltabridge.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An export that survives cuts. It remembers what it delivered (see {@link ExportPosition}); when the body fails (I/O
 * error, premature end, read timeout, a line cut in half) it re-issues the export and counts the cut as one failed
 * attempt of its {@link RetryLoop}.
 *
 * <p>While the rows come newest first, the position is ordered and a cut re-runs the search only up to just above the
 * lowest time delivered, skipping what was delivered. Every row is checked: the first row newer than the lowest time
 * delivered (a search that re-sorts, a merge that is not time-ordered), a row without {@code _time}, or a request
 * marked not {@link ExportRequest#timeOrdered()} makes the position unordered, and a cut then re-reads the whole range,
 * delivering earlier rows again rather than losing any.
 *
 * <p>A message that says rows are missing stops the stream with {@link SplunkIncompleteResultsException}. If this
 * attempt had delivered rows before it and the search lost data (a peer down), those rows may lack neighbours, so the
 * position becomes unordered; if the search only stopped early (auto-finalized, cancelled), its rows are the newest
 * part of the results and the position stands.
 */
final class ResumingEventStream implements SplunkEventStream {

    private static final Logger LOG = LoggerFactory.getLogger(ResumingEventStream.class);
    private static final int SEARCH_EXCERPT = 120;

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

    // Position: what was delivered, and what that claims.
    private boolean ordered;
    private ChronoUnit precision;
    private Instant lowestTime;
    private final Set<String> idsAtLowestTime = new LinkedHashSet<>();
    private long rowsDelivered;

    // The current attempt: what it must skip, and what it delivered.
    private Instant skipAbove;
    private Set<String> skipIdsAt = Set.of();
    private long rowsThisAttempt;

    private ExportStreamParser parser;
    private SplunkEvent next;
    private boolean done;

    ResumingEventStream(ExportRequest request, Opener opener, RetryLoop retries) {
        this.original = request;
        this.opener = opener;
        this.retries = retries;
        ExportPosition from = request.resumeFrom();
        this.rowsDelivered = from.rowsDelivered();
        this.precision = from.precision();
        // A stored claim counts only for a search still expected to come newest first.
        this.ordered = from.ordered() && request.timeOrdered();
        if (ordered) {
            this.lowestTime = from.lowestTime();
            this.idsAtLowestTime.addAll(from.idsAtLowestTime());
        }
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
                    parser = new ExportStreamParser(opener.open(nextAttempt()), original.acceptIncompleteResults());
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
            } catch (IOException | RuntimeException e) {
                abortParser();
                handle(e);
            }
        }
    }

    /** Returns to retry a transient failure; throws anything else, ending the stream. */
    private void handle(Exception failure) {
        FailureKind kind = FailureKind.of(failure);
        if (kind == FailureKind.TRANSIENT && !(failure instanceof SplunkUnavailableException)) {
            try {
                retries.failed(failure);
                return;
            } catch (RuntimeException exhausted) {
                done = true;
                throw exhausted;
            }
        }
        done = true;
        if (kind == FailureKind.INCOMPLETE_RESULTS
                && rowsThisAttempt > 0
                && !((SplunkIncompleteResultsException) failure).stoppedEarly()) {
            // Rows of this attempt came from a search that was missing some: newer rows may be missing among them.
            // A search that merely stopped early returned its newest rows complete; the position stands.
            dropClaim();
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        throw new SplunkException("Export failed: " + failure.getMessage(), failure);
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
        return ordered
                ? ExportPosition.ordered(lowestTime, idsAtLowestTime, rowsDelivered, precision)
                : ExportPosition.unordered(rowsDelivered);
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
        rowsThisAttempt = 0;
        if (ordered && lowestTime != null) {
            // Up to the next whole second above the lowest time: a superset whatever precision Splunk applies to
            // latest_time (exclusive); the rows above the position are skipped here.
            Instant latest = lowestTime.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
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
        if (!ordered) {
            if (rowsDelivered > 0) {
                LOG.info(
                        "Re-reading the export of '{}' over its whole range: its {} rows delivered so far were not newest"
                                + " first or not complete, so they come again",
                        excerpt(original.search()),
                        rowsDelivered);
            }
            // A fresh read of the whole range: its own claims start over.
            ordered = original.timeOrdered();
            precision = ChronoUnit.MICROS;
            lowestTime = null;
            idsAtLowestTime.clear();
        }
        return original;
    }

    private boolean alreadyDelivered(SplunkEvent event) {
        if (skipAbove == null || event.time() == null) {
            return false;
        }
        int c = event.time().truncatedTo(precision).compareTo(skipAbove);
        return c > 0 || c == 0 && skipIdsAt.contains(event.eventId());
    }

    private void record(SplunkEvent event) {
        rowsDelivered++;
        rowsThisAttempt++;
        if (!ordered) {
            return;
        }
        Instant time = event.time();
        if (time == null) {
            LOG.info(
                    "Export of '{}' returns rows without _time: a cut re-reads its whole range",
                    excerpt(original.search()));
            dropClaim();
            return;
        }
        Instant t = time.truncatedTo(precision);
        if (lowestTime == null || t.isBefore(lowestTime)) {
            lowestTime = t;
            idsAtLowestTime.clear();
            idsAtLowestTime.add(event.eventId());
        } else if (t.equals(lowestTime)) {
            idsAtLowestTime.add(event.eventId());
        } else {
            LOG.warn(
                    "Export of '{}' is not newest first ({} after {}): from here on a cut or restart re-reads its whole"
                            + " range instead of resuming below the lowest time, so rows may be delivered twice (the"
                            + " Delta job's MERGE keeps one per event id). Remove re-sorting commands to resume exactly.",
                    excerpt(original.search()),
                    t,
                    lowestTime);
            dropClaim();
        }
    }

    private void dropClaim() {
        ordered = false;
        lowestTime = null;
        idsAtLowestTime.clear();
    }

    private static String excerpt(String search) {
        return search.length() <= SEARCH_EXCERPT ? search : search.substring(0, SEARCH_EXCERPT) + "…";
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
