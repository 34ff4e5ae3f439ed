package io.github.splunkdeltabridge.emulator.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deterministic sample data that is computed, never stored, so a dataset can hold millions of events.
 *
 * <p>Each index has a grid of time slots, {@code eventsPerMinute} per minute, from {@code start} to {@code end}.
 * Slot {@code k} holds one event (sometimes two with the same {@code _time}) whose every detail derives from
 * {@code (seed, index, k, n)}; its time lies inside the slot, so slot order is time order and a range of time
 * maps to a range of slots. Most events are indexed a second or two after they happen; a fraction arrive
 * late, up to {@link Builder#lateness} after their event time, to exercise tailing by index time.
 */
public final class GeneratedDataset implements Dataset {

    private final long seed;
    private final Instant start;
    private final Instant end;
    private final List<EventProfile> profiles;
    private final long slotMillis;
    private final double lateFraction;
    private final Duration minLateness;
    private final Duration maxLateness;
    private final double sameTimeFraction;
    private final String splunkServer;

    private GeneratedDataset(Builder b) {
        this.seed = b.seed;
        this.start = b.start;
        this.end = b.end;
        this.profiles = List.copyOf(b.profiles);
        this.slotMillis = Math.max(1, 60_000L / b.eventsPerMinute);
        this.lateFraction = b.lateFraction;
        this.minLateness = b.minLateness;
        this.maxLateness = b.maxLateness;
        this.sameTimeFraction = b.sameTimeFraction;
        this.splunkServer = b.splunkServer;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Set<String> indexes() {
        Set<String> names = new LinkedHashSet<>();
        profiles.forEach(p -> names.add(p.index()));
        return names;
    }

    @Override
    public Iterator<EmulatedEvent> newestFirst(EventQuery query, Instant now) {
        List<Iterator<EmulatedEvent>> perIndex = new ArrayList<>();
        for (EventProfile profile : profiles) {
            if (query.indexes().isEmpty() || query.indexes().contains(profile.index())) {
                perIndex.add(new IndexScan(profile, query, now));
            }
        }
        return NewestFirstMerge.of(perIndex);
    }

    /** The event at slot {@code slot}, number {@code n} (0 or 1) within it, or null when the slot holds fewer. */
    EmulatedEvent event(EventProfile profile, long slot, int n) {
        SplittableRandom slotRandom = random(profile, slot, 0);
        int eventsInSlot = slotRandom.nextDouble() < sameTimeFraction ? 2 : 1;
        if (n >= eventsInSlot) {
            return null;
        }
        long offsetInSlot = slotRandom.nextLong(slotMillis);
        Instant time = start.plusMillis(slot * slotMillis + offsetInSlot);
        SplittableRandom random = random(profile, slot, n + 1);
        Instant indexTime = indexTime(time, random);
        long bucketNumber = Math.floorDiv(time.getEpochSecond(), 86_400L);
        String bucket = profile.index() + "~" + bucketNumber + "~" + profile.bucketGuid(seed);
        // _cd is <bucket id>:<offset in bucket>; slot and n make the offset unique within the index.
        String cd = bucketNumber + ":" + (slot * 2 + n);
        EventProfile.Content content = profile.content(time, random);
        return new EmulatedEvent(
                time,
                indexTime,
                profile.index(),
                content.host(),
                content.source(),
                profile.sourcetype(),
                splunkServer,
                bucket,
                cd,
                content.raw(),
                content.fields());
    }

    private Instant indexTime(Instant time, SplittableRandom random) {
        long delayMillis = random.nextDouble() < lateFraction
                ? minLateness.toMillis() + random.nextLong(Math.max(1, maxLateness.toMillis() - minLateness.toMillis()))
                : random.nextLong(2_000L);
        // _indextime is whole seconds, never before the event time.
        Instant indexed = time.plusMillis(delayMillis);
        long seconds = indexed.getEpochSecond() + (indexed.getNano() > 0 ? 1 : 0);
        return Instant.ofEpochSecond(seconds);
    }

    private SplittableRandom random(EventProfile profile, long slot, int stream) {
        long mixed = seed * 0x9E3779B97F4A7C15L
                ^ profile.index().hashCode() * 0xBF58476D1CE4E5B9L
                ^ slot * 0x94D049BB133111EBL
                ^ stream * 0x2545F4914F6CDD1DL;
        return new SplittableRandom(mixed);
    }

    private long slotCount() {
        return Math.max(0, Duration.between(start, end).toMillis() / slotMillis);
    }

    /** Slot holding {@code t} (may be outside [0, slotCount)). */
    private long slotOf(Instant t) {
        return Math.floorDiv(Duration.between(start, t).toMillis(), slotMillis);
    }

    /** Walks one index's slots from the newest that can match down to the oldest, filtering by the query. */
    private final class IndexScan implements Iterator<EmulatedEvent> {
        private final EventProfile profile;
        private final EventQuery query;
        private final Instant now;
        private final long lowestSlot;
        private long slot;
        private int n = 1;
        private EmulatedEvent next;

        IndexScan(EventProfile profile, EventQuery query, Instant now) {
            this.profile = profile;
            this.query = query;
            this.now = now;
            // Event time is bounded by the event-time range and, since index time follows event time by at
            // most maxLateness (+1 s of rounding), by the index-time range and visibility too.
            Instant upper = min(query.latest(), query.indexLatest(), now.plusSeconds(1));
            Instant lower = query.earliest();
            if (query.indexEarliest() != null) {
                Instant fromIndexTime = query.indexEarliest().minus(maxLateness).minusSeconds(1);
                lower = lower == null || fromIndexTime.isAfter(lower) ? fromIndexTime : lower;
            }
            this.slot = upper == null ? slotCount() - 1 : Math.min(slotCount() - 1, slotOf(upper));
            this.lowestSlot = lower == null ? 0 : Math.max(0, slotOf(lower));
        }

        @Override
        public boolean hasNext() {
            while (next == null && slot >= lowestSlot) {
                EmulatedEvent candidate = event(profile, slot, n);
                // Within a slot the higher n comes first: same time, higher _cd.
                if (--n < 0) {
                    n = 1;
                    slot--;
                }
                if (candidate != null && !candidate.indexTime().isAfter(now) && query.matches(candidate)) {
                    next = candidate;
                }
            }
            return next != null;
        }

        @Override
        public EmulatedEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            EmulatedEvent event = next;
            next = null;
            return event;
        }
    }

    private static Instant min(Instant... candidates) {
        Instant min = null;
        for (Instant c : candidates) {
            if (c != null && (min == null || c.isBefore(min))) {
                min = c;
            }
        }
        return min;
    }

    public static final class Builder {
        private long seed = 42;
        private Instant start = Instant.parse("2024-03-01T00:00:00Z");
        private Instant end = Instant.parse("2024-03-02T00:00:00Z");
        private final List<EventProfile> profiles = new ArrayList<>(EventProfile.defaults());
        private int eventsPerMinute = 60;
        private double lateFraction = 0.02;
        private Duration minLateness = Duration.ofMinutes(1);
        private Duration maxLateness = Duration.ofHours(2);
        private double sameTimeFraction = 0.05;
        private String splunkServer = "splunk-idx-01";

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** First instant that can hold an event. */
        public Builder start(Instant start) {
            this.start = Objects.requireNonNull(start);
            return this;
        }

        /** Events lie before this instant. */
        public Builder end(Instant end) {
            this.end = Objects.requireNonNull(end);
            return this;
        }

        /** Restricts the data to these of the default indexes ({@code web}, {@code os}, {@code app}). */
        public Builder indexes(String... names) {
            List<EventProfile> chosen = new ArrayList<>();
            for (String name : names) {
                chosen.add(EventProfile.defaults().stream()
                        .filter(p -> p.index().equals(name))
                        .findFirst()
                        .orElseThrow(() ->
                                new IllegalArgumentException("No generated index named '" + name + "'; choose from "
                                        + EventProfile.defaults().stream()
                                                .map(EventProfile::index)
                                                .toList())));
            }
            profiles.clear();
            profiles.addAll(chosen);
            return this;
        }

        /** Events per minute in each index (the slot density); at most 60,000. */
        public Builder eventsPerMinute(int eventsPerMinute) {
            if (eventsPerMinute < 1 || eventsPerMinute > 60_000) {
                throw new IllegalArgumentException("eventsPerMinute must be 1..60000, not " + eventsPerMinute);
            }
            this.eventsPerMinute = eventsPerMinute;
            return this;
        }

        /** Share of events indexed late, see {@link #lateness}. */
        public Builder lateFraction(double lateFraction) {
            this.lateFraction = lateFraction;
            return this;
        }

        /** How late a late event is indexed after its event time: between {@code min} and {@code max} (default 1 minute to 2 hours). */
        public Builder lateness(Duration min, Duration max) {
            if (min.compareTo(Duration.ofSeconds(2)) < 0 || max.compareTo(min) <= 0) {
                throw new IllegalArgumentException("lateness needs 2 s <= min < max, not " + min + " .. " + max);
            }
            this.minLateness = min;
            this.maxLateness = max;
            return this;
        }

        /** Share of slots that hold two events with the same {@code _time}. */
        public Builder sameTimeFraction(double sameTimeFraction) {
            this.sameTimeFraction = sameTimeFraction;
            return this;
        }

        public Builder splunkServer(String splunkServer) {
            this.splunkServer = splunkServer;
            return this;
        }

        public GeneratedDataset build() {
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("start must be before end");
            }
            if (profiles.isEmpty()) {
                throw new IllegalArgumentException("at least one index is needed");
            }
            return new GeneratedDataset(this);
        }
    }
}
