package io.github.splunkdeltabridge.reconcile;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/** One cell of the comparison: a Splunk index and a UTC hour of event time, named by its start. */
public record IndexHour(String index, Instant hour) implements Comparable<IndexHour> {

    private static final Comparator<IndexHour> ORDER =
            Comparator.comparing(IndexHour::index).thenComparing(IndexHour::hour);

    public IndexHour {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(hour, "hour");
    }

    @Override
    public int compareTo(IndexHour other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return index + " " + hour;
    }
}
