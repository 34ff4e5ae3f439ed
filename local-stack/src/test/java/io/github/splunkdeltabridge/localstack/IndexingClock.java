package io.github.splunkdeltabridge.localstack;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The emulator's clock for a tail: real time, so events become searchable as their index time passes, until
 * {@link #stop()}, after which it stands still and Splunk indexes nothing more. The events indexed up to the stop are
 * then a fixed set that the tail must deliver in full.
 */
final class IndexingClock extends Clock {

    private volatile Instant stoppedAt;

    /** Stops the clock now; answers the instant it stands at. */
    Instant stop() {
        Instant now = Instant.now();
        stoppedAt = now;
        return now;
    }

    @Override
    public Instant instant() {
        Instant stopped = stoppedAt;
        return stopped != null ? stopped : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the emulator reads instants only");
    }
}
