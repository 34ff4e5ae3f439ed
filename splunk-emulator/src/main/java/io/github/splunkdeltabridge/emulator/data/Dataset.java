package io.github.splunkdeltabridge.emulator.data;

import java.time.Instant;
import java.util.Iterator;
import java.util.Set;

/** The events the emulated Splunk holds. Implementations generate or load them; searches read them here. */
public interface Dataset {

    /**
     * Events matching {@code query} that are visible at {@code now} (index time not after now), newest
     * {@code _time} first as Splunk returns them; ties in time come in a fixed order. Lazy: constant memory.
     */
    Iterator<EmulatedEvent> newestFirst(EventQuery query, Instant now);

    /** Names of the indexes that hold events. */
    Set<String> indexes();
}
