package io.github.splunkdeltabridge.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a baseline and one or more candidates in alternation in one JVM and reports each one's throughput and its
 * ratio to the baseline.
 *
 * <p>Every round runs each variant once; the order reverses every other round (A B C, C B A, …), so a slow phase of
 * the machine (another build starting, the JIT, a GC) hits every variant alike. Warm-up rounds run the same way and
 * are not counted. The ratio of a candidate is the median over rounds of {@code candidate rate / baseline rate} in
 * the same round: a paired figure that stays steady when the machine's load changes between rounds, while the
 * absolute rates move with it.
 *
 * <p>Each round also records the CPU time the whole JVM spent (every thread: the variant's own, the GC's, the JIT's,
 * an in-process broker's): on a shared machine a variant that loses the CPU to another process for a while is slow
 * by the wall clock but not by its CPU time, so the CPU ratio ({@code baseline CPU per item / variant CPU per item})
 * is the steadier figure of what a variant costs; the wall-clock ratio is what a user waits.
 *
 * <p>A {@link HeapWatch} runs around every trial: the summary gives each variant's highest heap use and highest heap
 * left after a collection (its live data) over the measured rounds, the figures to compare between sizes.
 */
public final class Comparison {

    /**
     * One timed run of a variant: how many items (events, records) and bytes it handled, in how long, and how much
     * CPU time the JVM spent on it ({@code cpuNanos}, -1 to let {@link #run} take it around the whole trial).
     */
    public record Sample(long items, long bytes, long nanos, long cpuNanos) {
        public Sample(long items, long bytes, long nanos) {
            this(items, bytes, nanos, -1);
        }

        Sample withCpu(long cpu) {
            return cpuNanos >= 0 ? this : new Sample(items, bytes, nanos, cpu);
        }

        /** CPU time per item in microseconds. */
        double cpuMicrosPerItem() {
            return cpuNanos / 1e3 / items;
        }

        double itemsPerSecond() {
            return items * 1e9 / nanos;
        }

        double megabytesPerSecond() {
            return bytes * 1e9 / nanos / 1_000_000.0;
        }
    }

    /** One variant; sets up what it needs outside the timed part and answers the timed part's sample. */
    @FunctionalInterface
    public interface Trial {
        Sample run() throws Exception;
    }

    private final String title;
    private final String unit;
    private final Map<String, Trial> variants = new LinkedHashMap<>();
    private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
    private final Map<String, List<HeapWatch.Report>> heaps = new LinkedHashMap<>();

    /** {@code unit} names the items, e.g. "events" or "records". The first variant added is the baseline. */
    public Comparison(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    public Comparison variant(String name, Trial trial) {
        variants.put(name, trial);
        samples.put(name, new ArrayList<>());
        heaps.put(name, new ArrayList<>());
        return this;
    }

    public Comparison run(int warmups, int rounds) throws Exception {
        List<String> names = new ArrayList<>(variants.keySet());
        for (int round = 0; round < warmups + rounds; round++) {
            List<String> order = new ArrayList<>(names);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            boolean warmup = round < warmups;
            for (String name : order) {
                System.gc();
                long cpu = processCpuNanos();
                HeapWatch watch = new HeapWatch();
                Sample sample;
                HeapWatch.Report heap;
                try {
                    sample = variants.get(name).run();
                } finally {
                    heap = watch.stop();
                }
                sample = sample.withCpu(processCpuNanos() - cpu);
                System.out.printf(
                        Locale.ROOT,
                        "  %s %d  %-44s %,12.0f %s/s  %8.1f MB/s  %7.2f s  %7.2f s CPU  heap %,5d MB, live %,5d MB,"
                                + " GC %,d in %,.1f s%n",
                        warmup ? "warm-up" : "round  ",
                        warmup ? round + 1 : round - warmups + 1,
                        name,
                        sample.itemsPerSecond(),
                        unit,
                        sample.megabytesPerSecond(),
                        sample.nanos / 1e9,
                        sample.cpuNanos / 1e9,
                        heap.peakUsedBytes() >> 20,
                        heap.peakAfterGcBytes() >> 20,
                        heap.collections(),
                        heap.collectionMillis() / 1e3);
                if (!warmup) {
                    samples.get(name).add(sample);
                    heaps.get(name).add(heap);
                }
            }
        }
        return this;
    }

    /** Median over rounds of this variant's rate divided by the baseline's rate in the same round. */
    public double ratio(String name) {
        return median(ratios(name));
    }

    /** Median over rounds of the baseline's CPU time per item divided by this variant's, in the same round. */
    public double cpuRatio(String name) {
        return median(cpuRatios(name));
    }

    /** Median CPU time per item of a variant, in microseconds. */
    public double medianCpuMicrosPerItem(String name) {
        return median(samples.get(name).stream().map(Sample::cpuMicrosPerItem).toList());
    }

    private List<Double> cpuRatios(String name) {
        List<Sample> base = samples.get(baseline());
        List<Sample> own = samples.get(name);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            ratios.add(base.get(i).cpuMicrosPerItem() / own.get(i).cpuMicrosPerItem());
        }
        return ratios;
    }

    /** CPU time of every thread of this JVM so far. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private List<Double> ratios(String name) {
        List<Sample> base = samples.get(baseline());
        List<Sample> own = samples.get(name);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            ratios.add(own.get(i).itemsPerSecond() / base.get(i).itemsPerSecond());
        }
        return ratios;
    }

    public String baseline() {
        return variants.keySet().iterator().next();
    }

    /** Highest heap use sampled during this variant's measured rounds, in bytes. */
    public long peakHeapUsed(String name) {
        return heaps.get(name).stream()
                .mapToLong(HeapWatch.Report::peakUsedBytes)
                .max()
                .orElse(0);
    }

    /**
     * Highest heap use left right after a garbage collection during this variant's measured rounds, in bytes: the
     * live data (plus old garbage not yet collected), what a smaller heap would have to hold. 0 if no collection ran.
     */
    public long peakHeapLive(String name) {
        return heaps.get(name).stream()
                .mapToLong(HeapWatch.Report::peakAfterGcBytes)
                .max()
                .orElse(0);
    }

    public double medianRate(String name) {
        return median(samples.get(name).stream().map(Sample::itemsPerSecond).toList());
    }

    public double medianMegabytesPerSecond(String name) {
        return median(samples.get(name).stream().map(Sample::megabytesPerSecond).toList());
    }

    /** The summary table: median rates with their range, and each candidate's ratio to the baseline. */
    public void printSummary() {
        System.out.println();
        System.out.println("== " + title + " ==");
        System.out.printf(
                Locale.ROOT,
                "%-46s %14s %20s %9s   %-30s %9s   %-24s %s%n",
                "variant",
                unit + "/s",
                "(min .. max)",
                "MB/s",
                "ratio to baseline (min .. max)",
                "CPU µs/" + unit.substring(0, Math.max(1, unit.length() - 1)),
                "CPU ratio (min .. max)",
                "heap MB: peak, live");
        for (String name : variants.keySet()) {
            List<Double> rates =
                    samples.get(name).stream().map(Sample::itemsPerSecond).toList();
            String ratio = name.equals(baseline())
                    ? "1 (baseline)"
                    : String.format(
                            Locale.ROOT, "%.3f (%.3f .. %.3f)", ratio(name), min(ratios(name)), max(ratios(name)));
            String cpuRatio = name.equals(baseline())
                    ? "1 (baseline)"
                    : String.format(
                            Locale.ROOT,
                            "%.3f (%.3f .. %.3f)",
                            cpuRatio(name),
                            min(cpuRatios(name)),
                            max(cpuRatios(name)));
            System.out.printf(
                    Locale.ROOT,
                    "%-46s %,14.0f %20s %9.1f   %-30s %9.2f   %-24s %,d, %,d%n",
                    name,
                    median(rates),
                    String.format(Locale.ROOT, "(%,.0f .. %,.0f)", min(rates), max(rates)),
                    medianMegabytesPerSecond(name),
                    ratio,
                    medianCpuMicrosPerItem(name),
                    cpuRatio,
                    peakHeapUsed(name) >> 20,
                    peakHeapLive(name) >> 20);
        }
    }

    public static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
