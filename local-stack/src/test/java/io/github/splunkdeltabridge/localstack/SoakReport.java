package io.github.splunkdeltabridge.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The fault suite's figures per mode, printed at the end of a run (CONTRIBUTING.md quotes them). */
final class SoakReport {

    private SoakReport() {}

    /** What one mode's run survived and what each stage held at its end. */
    static final class Mode {
        final String name;
        final long seed;
        final Map<PipelineFaultSoakIT.Fault, Integer> survived = new EnumMap<>(PipelineFaultSoakIT.Fault.class);
        final Map<PipelineFaultSoakIT.Fault, Integer> survivedInTail = new EnumMap<>(PipelineFaultSoakIT.Fault.class);
        long backfillEvents;
        long events;
        long kafkaRecords;
        long deltaRows;
        long s3Writes;
        long s3Refused;
        String reconcile = "";
        Duration elapsed = Duration.ZERO;

        Mode(String name, long seed) {
            this.name = name;
            this.seed = seed;
        }

        void survived(PipelineFaultSoakIT.Fault fault) {
            survived.merge(fault, 1, Integer::sum);
        }

        void survivedInTail(PipelineFaultSoakIT.Fault fault) {
            survivedInTail.merge(fault, 1, Integer::sum);
        }
    }

    static void print(List<Mode> modes, PrintStream out) {
        if (modes.isEmpty()) {
            return;
        }
        out.println("\n================ Fault suite report ================");
        for (Mode mode : modes) {
            out.printf("%s (seed %d, %d s)%n", mode.name, mode.seed, mode.elapsed.toSeconds());
            out.println("  faults survived during the backfill:" + counts(mode.survived));
            out.println("  faults survived during the tail:" + counts(mode.survivedInTail));
            out.printf(
                    "  events %,d (backfill range %,d, tail %,d) | Kafka records %,d (duplicates %,d)"
                            + " | S3 objects %,d (replays refused %,d) | Delta rows %,d%n",
                    mode.events,
                    mode.backfillEvents,
                    mode.events - mode.backfillEvents,
                    mode.kafkaRecords,
                    mode.kafkaRecords - mode.events,
                    mode.s3Writes,
                    mode.s3Refused,
                    mode.deltaRows);
            out.println("  " + mode.reconcile);
        }
        out.println("====================================================");
    }

    private static String counts(Map<PipelineFaultSoakIT.Fault, Integer> survived) {
        StringBuilder counts = new StringBuilder();
        for (PipelineFaultSoakIT.Fault fault : PipelineFaultSoakIT.Fault.values()) {
            if (survived.containsKey(fault)) {
                counts.append(String.format(" %s=%d", fault.component, survived.get(fault)));
            }
        }
        return counts.length() == 0 ? " none" : counts.toString();
    }
}
