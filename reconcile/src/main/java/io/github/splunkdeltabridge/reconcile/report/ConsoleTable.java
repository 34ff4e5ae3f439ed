package io.github.splunkdeltabridge.reconcile.report;

import io.github.splunkdeltabridge.reconcile.EventIdDiff;
import io.github.splunkdeltabridge.reconcile.HourResult;
import io.github.splunkdeltabridge.reconcile.HourStatus;
import io.github.splunkdeltabridge.reconcile.Reconciliation;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table a person reads: one line per index and hour (only the hours that differ when the range is long; the
 * CSV and JSON reports have every hour), totals per index and overall, and a last line that says whether every hour
 * matches.
 */
public final class ConsoleTable {

    /** Longer ranges list only the hours that differ. */
    static final int MAX_LINES_FOR_ALL_HOURS = 100;

    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String LINE = "%-20s %-17s %12s %12s %12s %10s  %s%n";

    private ConsoleTable() {}

    public static void print(Reconciliation result, PrintStream out) {
        out.printf(
                "%nReconcile of %s, indexes %s, events indexed before %s%n",
                result.range(), String.join(", ", result.indexes()), result.cutoffs());
        boolean all = result.hours().size() <= MAX_LINES_FOR_ALL_HOURS;
        List<HourResult> shown = all ? result.hours() : result.differing();
        out.printf(LINE, "index", "hour (UTC)", "Splunk", "Delta rows", "Delta ids", "diff", "status");
        for (HourResult hour : shown) {
            out.printf(
                    LINE,
                    hour.index(),
                    HOUR.format(hour.key().hour()) + partial(hour),
                    number(hour.splunk()),
                    number(hour.delta().rows()),
                    number(hour.delta().distinctIds()),
                    signed(hour.difference()),
                    hour.status());
            if (hour.ids() != null) {
                printIds(hour.ids(), out);
            }
        }
        if (!all) {
            out.printf(
                    "(%,d hours in all; only the %,d that differ are listed, every hour is in the CSV and JSON reports)%n",
                    result.hours().size(), shown.size());
        }
        printIndexTotals(result, out);
        Map<HourStatus, Long> byStatus = result.hoursByStatus();
        out.printf(
                "Total: %,d hours: %,d matching, %,d missing events, %,d extra rows; Splunk %,d events, Delta %,d rows (%,d distinct event ids)%n",
                result.hours().size(),
                byStatus.get(HourStatus.MATCH),
                byStatus.get(HourStatus.MISSING),
                byStatus.get(HourStatus.EXTRA),
                result.splunkEvents(),
                result.deltaRows(),
                result.deltaDistinctIds());
        if (result.allMatch()) {
            out.printf(
                    "RECONCILE: MATCH: every one of the %,d hours holds the same events in Delta as in Splunk.%n",
                    result.hours().size());
        } else {
            out.printf(
                    "RECONCILE: DIFFERENT: %,d of %,d hours differ.%n",
                    result.differing().size(), result.hours().size());
        }
    }

    private static void printIndexTotals(Reconciliation result, PrintStream out) {
        Map<String, long[]> perIndex = new TreeMap<>();
        for (HourResult hour : result.hours()) {
            long[] totals = perIndex.computeIfAbsent(hour.index(), i -> new long[4]);
            totals[0] += hour.splunk();
            totals[1] += hour.delta().rows();
            totals[2] += hour.delta().distinctIds();
            totals[3] += hour.status() == HourStatus.MATCH ? 0 : 1;
        }
        perIndex.forEach((index, totals) -> out.printf(
                LINE,
                index,
                "all hours",
                number(totals[0]),
                number(totals[1]),
                number(totals[2]),
                signed(totals[1] - totals[0]),
                totals[3] == 0 ? "MATCH" : totals[3] + " hours differ"));
    }

    private static void printIds(EventIdDiff ids, PrintStream out) {
        if (ids.note() != null) {
            out.println("    ids: " + ids.note());
        }
        if (ids.missing() > 0) {
            out.printf(
                    "    %,d missing event ids%s: %s%n",
                    ids.missing(),
                    ids.missingIds().size() < ids.missing()
                            ? " (first " + ids.missingIds().size() + ")"
                            : "",
                    String.join(" ", ids.missingIds()));
        }
        if (ids.extra() > 0) {
            out.printf(
                    "    %,d extra rows' event ids%s: %s%n",
                    ids.extra(),
                    ids.extraIds().size() < ids.extra()
                            ? " (first " + ids.extraIds().size() + ")"
                            : "",
                    String.join(" ", ids.extraIds()));
        }
    }

    private static String partial(HourResult hour) {
        Instant start = hour.key().hour();
        boolean whole = hour.from().equals(start) && hour.to().equals(start.plusSeconds(3600));
        return whole ? "" : "*";
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String signed(long n) {
        return n == 0 ? "0" : String.format(Locale.ROOT, "%+,d", n);
    }
}
