package io.github.splunkdeltabridge.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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
        /** The fewest and the most backfill events Kafka held when a backfill fault came. */
        long backfillReadAtFirstFault = -1;

        long backfillReadAtLastFault = -1;
        long events;
        long kafkaRecords;
        long deltaRows;
        long s3Writes;
        long s3Refused;
        String reconcile = "";
        Duration elapsed = Duration.ZERO;
        /** Wall-clock time of each phase, in the order they ran: where a run's minutes go. */
        final Map<String, Duration> phases = new LinkedHashMap<>();

        private String phase;
        private long phaseStarted;

        Mode(String name, long seed) {
            this.name = name;
            this.seed = seed;
        }

        /** Ends the running phase, if any, and starts {@code next}. */
        void phase(String next) {
            endPhase();
            phase = next;
            phaseStarted = System.nanoTime();
        }

        /** Ends the running phase. */
        void endPhase() {
            if (phase != null) {
                phases.merge(phase, Duration.ofNanos(System.nanoTime() - phaseStarted), Duration::plus);
                phase = null;
            }
        }

        void survived(PipelineFaultSoakIT.Fault fault) {
            survived.merge(fault, 1, Integer::sum);
        }

        void backfillReadAtFault(long backfillRead) {
            if (backfillReadAtFirstFault < 0) {
                backfillReadAtFirstFault = backfillRead;
            }
            backfillReadAtLastFault = backfillRead;
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
            if (mode.backfillReadAtFirstFault >= 0) {
                out.printf(
                        "  the backfill's faults came with %,d to %,d of its %,d events in Kafka%n",
                        mode.backfillReadAtFirstFault, mode.backfillReadAtLastFault, mode.backfillEvents);
            }
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
            out.println("  phases:" + phases(mode.phases));
        }
        out.println("====================================================");
    }

    private static String phases(Map<String, Duration> phases) {
        StringBuilder line = new StringBuilder();
        phases.forEach((phase, took) -> line.append(String.format(" %s %d s |", phase, took.toSeconds())));
        return line.length() == 0 ? " none" : line.substring(0, line.length() - 2);
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
