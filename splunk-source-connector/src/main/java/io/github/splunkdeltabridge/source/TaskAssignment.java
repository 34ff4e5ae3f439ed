package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.TimeSlice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's share of the work, passed from the connector in the task's properties. Only the task's number,
 * the task count and the resolved backfill end travel: each task derives its slices and tails from them, so
 * task configurations stay small whatever the length of the backfill.
 *
 * @param backfillEnd end of the backfill and start of the tail, in event and index time; null when there is
 *                    no backfill (then the tail starts when the connector was first started)
 */
record TaskAssignment(int taskIndex, int taskCount, Instant backfillEnd) {

    static final String TASK_INDEX = "task.index";
    static final String TASK_COUNT = "task.count";
    static final String BACKFILL_END_MS = "task.backfill.end.ms";

    static TaskAssignment from(Map<String, String> props) {
        return new TaskAssignment(
                Integer.parseInt(props.get(TASK_INDEX)),
                Integer.parseInt(props.get(TASK_COUNT)),
                Instant.ofEpochMilli(Long.parseLong(props.get(BACKFILL_END_MS))));
    }

    Map<String, String> addTo(Map<String, String> connectorProps) {
        Map<String, String> props = new HashMap<>(connectorProps);
        props.put(TASK_INDEX, Integer.toString(taskIndex));
        props.put(TASK_COUNT, Integer.toString(taskCount));
        props.put(BACKFILL_END_MS, Long.toString(backfillEnd.toEpochMilli()));
        return props;
    }

    /** Slices of all searches, oldest first, dealt round-robin: this task's share. */
    List<SliceWork.Slice> slices(List<SearchSpec> searches, Instant backfillStart, java.time.Duration sliceLength) {
        List<SliceWork.Slice> mine = new ArrayList<>();
        if (backfillStart == null || !backfillStart.isBefore(backfillEnd)) {
            return mine;
        }
        int n = 0;
        for (TimeSlice slice : TimeSlice.split(backfillStart, backfillEnd, sliceLength)) {
            for (SearchSpec search : searches) {
                if (n++ % taskCount == taskIndex) {
                    mine.add(new SliceWork.Slice(search, slice));
                }
            }
        }
        return mine;
    }

    /** The searches whose tail this task follows. */
    List<SearchSpec> tails(List<SearchSpec> searches) {
        List<SearchSpec> mine = new ArrayList<>();
        for (int i = 0; i < searches.size(); i++) {
            if (i % taskCount == taskIndex) {
                mine.add(searches.get(i));
            }
        }
        return mine;
    }
}
