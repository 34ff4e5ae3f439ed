package io.github.splunkdeltabridge.reconcile;

import java.util.List;

/**
 * The event ids behind a differing hour ({@code --ids}): how many of Splunk's are not in the table and how many of
 * the table's rows are not Splunk's (or repeat an id), with the first of each in id order, up to the limit asked.
 * {@code note} says why there are none when the ids were not read (an hour too large, say).
 */
public record EventIdDiff(long missing, List<String> missingIds, long extra, List<String> extraIds, String note) {

    public EventIdDiff {
        missingIds = List.copyOf(missingIds);
        extraIds = List.copyOf(extraIds);
    }

    public static EventIdDiff skipped(String note) {
        return new EventIdDiff(0, List.of(), 0, List.of(), note);
    }
}
