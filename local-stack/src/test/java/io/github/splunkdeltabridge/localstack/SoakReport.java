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
    }

    static void print(List<Mode> modes, PrintStream out) {
        if (modes.isEmpty()) {
            return;
        }
        out.println("\n================ Fault suite report ================");
        for (Mode mode : modes) {
            out.printf("%s (seed %d, %d s)%n", mode.name, mode.seed, mode.elapsed.toSeconds());
            StringBuilder kills = new StringBuilder();
            for (PipelineFaultSoakIT.Fault fault : PipelineFaultSoakIT.Fault.values()) {
                kills.append(String.format(" %s=%d", fault.component, mode.survived.getOrDefault(fault, 0)));
            }
            out.println("  faults survived:" + kills);
            out.printf(
                    "  events %,d | Kafka records %,d (duplicates %,d) | S3 objects %,d (replays refused %,d)"
                            + " | Delta rows %,d%n",
                    mode.events,
                    mode.kafkaRecords,
                    mode.kafkaRecords - mode.events,
                    mode.s3Writes,
                    mode.s3Refused,
                    mode.deltaRows);
            out.println("  " + mode.reconcile);
        }
        out.println("====================================================");
    }
}
