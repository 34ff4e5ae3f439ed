package io.github.splunkdeltabridge.reconcile;

/** How one index and hour compares. */
public enum HourStatus {
    /** The table holds as many distinct events as Splunk, each once. */
    MATCH,
    /** The table holds fewer distinct events than Splunk: some were not copied (or were lost). */
    MISSING,
    /** The table holds more rows than Splunk has events: events Splunk no longer has, or rows stored twice. */
    EXTRA;

    static HourStatus of(long splunk, long deltaRows, long deltaIds) {
        if (deltaIds < splunk) {
            return MISSING;
        }
        return deltaRows > splunk ? EXTRA : MATCH;
    }
}
