package io.github.splunkdeltabridge.reconcile;

import io.github.splunkdeltabridge.reconcile.delta.DeltaCount;
import java.time.Instant;
import java.util.Objects;

/**
 * One index and hour: Splunk's count, the table's, the verdict, and with {@code --ids} the ids that differ.
 * {@code from} and {@code to} are the part of the hour that was compared (the range may cut the first and last).
 */
public record HourResult(
        IndexHour key, Instant from, Instant to, long splunk, DeltaCount delta, HourStatus status, EventIdDiff ids) {

    public HourResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(delta, "delta");
        Objects.requireNonNull(status, "status");
    }

    public static HourResult of(IndexHour key, Instant from, Instant to, long splunk, DeltaCount delta) {
        return new HourResult(
                key, from, to, splunk, delta, HourStatus.of(splunk, delta.rows(), delta.distinctIds()), null);
    }

    public HourResult withIds(EventIdDiff diff) {
        return new HourResult(key, from, to, splunk, delta, status, diff);
    }

    public String index() {
        return key.index();
    }

    /** Table rows minus Splunk events: negative when events are missing. */
    public long difference() {
        return delta.rows() - splunk;
    }
}
