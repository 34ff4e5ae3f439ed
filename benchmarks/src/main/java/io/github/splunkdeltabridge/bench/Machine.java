package io.github.splunkdeltabridge.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/** What a result needs next to it: the machine, the JVM and how busy the machine was. */
public final class Machine {

    private Machine() {}

    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    public static void printHeader(String benchmark, CommandSpec options) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%s at %s%n", benchmark, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        System.out.printf(Locale.ROOT, "  options: %s%n", BenchmarkCommandLine.describe(options));
        System.out.printf(
                Locale.ROOT,
                "  machine: %d cores, %s %s; Java %s (%s), max heap %d MB%n",
                rt.availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                rt.maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "  load average (1 min) at start: %.2f%n", loadAverage());
    }

    public static void printFooter() {
        System.out.printf(
                Locale.ROOT,
                "  load average (1 min) at end: %.2f%s%n",
                loadAverage(),
                loadAverage() > Runtime.getRuntime().availableProcessors() * 0.75
                        ? " - the machine was busy: trust the ratios more than the absolute rates"
                        : "");
    }
}
