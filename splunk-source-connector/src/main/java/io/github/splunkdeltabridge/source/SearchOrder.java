package io.github.splunkdeltabridge.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a search returns its rows newest first, read from its SPL. Event searches do ("events are returned in reverse
 * chronological order"), and a cut export of one resumes exactly below the lowest time delivered. A search that
 * re-sorts, transforms, merges or generates its rows does not: its slices and tail windows are re-read whole after a
 * cut or restart instead (see {@code ExportPosition}). The stream checks the order of every row as well; this reading
 * finds the searches whose very first rows could already be out of order.
 *
 * <p>Commands inside subsearches ({@code [ … ]}) and quoted strings are not looked at: they do not order the outer
 * results, except through the commands listed here that merge them in ({@code append}, {@code join}, …).
 */
record SearchOrder(boolean timeOrdered, String reason, boolean metrics) {

    /** Commands that read metrics indexes: their rows have no {@code _raw} and they do not select by index time. */
    private static final List<String> METRICS = List.of("mstats", "mpreview", "msearch", "mcatalog");

    private static final Map<String, String> REORDERING = reordering();

    private static Map<String, String> reordering() {
        Map<String, String> m = new java.util.HashMap<>();
        m.put("sort", "| sort orders the rows by its fields");
        m.put("reverse", "| reverse puts the oldest first");
        m.put("tail", "| tail returns the last rows, oldest first");
        for (String c : List.of(
                "stats",
                "chart",
                "timechart",
                "top",
                "rare",
                "geostats",
                "contingency",
                "xyseries",
                "sistats",
                "sichart",
                "sitimechart",
                "sitop",
                "sirare",
                "tstats")) {
            m.put(c, "| " + c + " is a transforming command: its rows are not events in time order");
        }
        for (String c : List.of("append", "appendcols", "appendpipe", "join", "union", "multisearch", "set", "map")) {
            m.put(c, "| " + c + " merges the results of another search");
        }
        m.put("transaction", "| transaction groups events");
        for (String c : List.of(
                "inputlookup",
                "inputcsv",
                "makeresults",
                "loadjob",
                "savedsearch",
                "rest",
                "dbinspect",
                "metadata",
                "datamodel",
                "from",
                "pivot",
                "gentimes")) {
            m.put(c, "| " + c + " generates rows that are not events in time order");
        }
        for (String c : METRICS) {
            m.put(c, "| " + c + " reads a metrics index: its rows are not events in time order");
        }
        return Map.copyOf(m);
    }

    /** Reads the order a search returns its rows in. */
    static SearchOrder of(String spl) {
        boolean metrics = false;
        String reason = null;
        for (String command : commands(spl)) {
            String[] words = command.strip().split("\\s+", 2);
            String name = words[0].toLowerCase(Locale.ROOT);
            metrics |= METRICS.contains(name);
            if (reason == null) {
                reason = REORDERING.get(name);
                if (reason == null
                        && name.equals("dedup")
                        && words.length > 1
                        && words[1].toLowerCase(Locale.ROOT).matches("(?s).*\\bsortby\\b.*")) {
                    reason = "| dedup … sortby orders the rows by its fields";
                }
            }
        }
        return new SearchOrder(reason == null, reason, metrics);
    }

    /** The pipeline's commands, split at the pipes outside quotes and subsearches. */
    static List<String> commands(String spl) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < spl.length(); i++) {
            char c = spl.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < spl.length()) {
                    current.append(c).append(spl.charAt(++i));
                    continue;
                }
                quoted = c != '"';
            } else if (c == '"') {
                quoted = true;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == '|' && depth == 0) {
                addCommand(commands, current);
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        addCommand(commands, current);
        return commands;
    }

    private static void addCommand(List<String> commands, StringBuilder text) {
        String command = text.toString().strip();
        if (!command.isEmpty()) {
            commands.add(command);
        }
    }
}
