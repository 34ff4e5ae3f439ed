package io.github.splunkdeltabridge.emulator.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the SPL subset in {@link ParsedSearch}. Anything else is refused the way Splunk refuses it, with a
 * 400 and a message naming the command, so a test never silently gets results for a search it did not ask.
 */
public final class SplParser {

    /** Real Splunk commands the emulator does not implement: named as such rather than as unknown. */
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of(
            "eval",
            "table",
            "sort",
            "reverse",
            "where",
            "rex",
            "dedup",
            "timechart",
            "chart",
            "makeresults",
            "inputlookup",
            "metadata",
            "rest",
            "rename",
            "spath",
            "top",
            "rare",
            "tail",
            "transaction",
            "lookup");

    private SplParser() {}

    public static ParsedSearch parse(String spl) {
        if (spl == null || spl.isBlank()) {
            throw SplunkRequestException.badRequest("Empty search.");
        }
        String trimmed = spl.trim();
        // A leading '|' introduces a generating command; of those only '| search …' is understood here.
        boolean leadingPipe = trimmed.startsWith("|");
        List<String> commands = splitPipeline(leadingPipe ? trimmed.substring(1).trim() : trimmed);
        List<String> first = tokens(commands.get(0));
        if (first.isEmpty()) {
            throw SplunkRequestException.badRequest("Empty search.");
        }
        if (leadingPipe && first.get(0).equalsIgnoreCase("tstats")) {
            return parseTstats(first.subList(1, first.size()), commands);
        }
        if (leadingPipe && first.get(0).equalsIgnoreCase("eventcount")) {
            return parseEventCount(first.subList(1, first.size()), commands);
        }
        if (!first.get(0).equalsIgnoreCase("search")) {
            // Splunk does not prepend 'search' for the REST API: "index=web" is the unknown command 'index'.
            String name = commandName(first.get(0));
            throw SplunkRequestException.badRequest(
                    KNOWN_UNSUPPORTED.contains(name.toLowerCase(Locale.ROOT))
                            ? notImplemented(name)
                            : "Unknown search command '" + name + "'.");
        }
        Set<String> indexes = new LinkedHashSet<>();
        Map<String, String> fieldMatches = new LinkedHashMap<>();
        Set<String> rawTerms = new LinkedHashSet<>();
        parseSearchTerms(first.subList(1, first.size()), indexes, fieldMatches, rawTerms);

        List<String> fieldsKept = null;
        List<String> fieldsRemoved = List.of();
        String statsBy = null;
        Integer head = null;
        for (String command : commands.subList(1, commands.size())) {
            List<String> words = tokens(command);
            if (words.isEmpty()) {
                throw SplunkRequestException.badRequest(
                        "Error in 'search' command: Missing a search command before '|'.");
            }
            String name = words.get(0).toLowerCase(Locale.ROOT);
            List<String> args = words.subList(1, words.size());
            switch (name) {
                case "fields" -> {
                    if (!args.isEmpty() && args.get(0).equals("-")) {
                        fieldsRemoved = fieldList(args.subList(1, args.size()));
                    } else {
                        fieldsKept = fieldList(
                                !args.isEmpty() && args.get(0).equals("+") ? args.subList(1, args.size()) : args);
                    }
                }
                case "stats" -> statsBy = parseStats(args);
                case "head" -> head = parseHead(args);
                default ->
                    throw SplunkRequestException.badRequest(
                            KNOWN_UNSUPPORTED.contains(name)
                                    ? notImplemented(name)
                                    : "Unknown search command '" + commandName(words.get(0)) + "'.");
            }
        }
        return new ParsedSearch(indexes, fieldMatches, rawTerms, fieldsKept, fieldsRemoved, statsBy, head, null);
    }

    private static final Pattern INDEX_TIME_COMPARISON = Pattern.compile("_indextime(>=|<=|>|<)(\\d+)");
    private static final Set<String> TSTATS_BY_FIELDS = Set.of("_time", "index", "sourcetype", "host", "source");
    /**
     * The time modifiers of a search string, by their spelling there (Splunk's Search Reference, "Time modifiers":
     * {@code earliest}, {@code latest}, {@code _index_earliest}, {@code _index_latest}), to the request parameter
     * each one overrides (the REST parameters spell the index-time ones without the underscore).
     */
    private static final Map<String, String> TIME_MODIFIERS = Map.of(
            "earliest", "earliest",
            "latest", "latest",
            "_index_earliest", "index_earliest",
            "_index_latest", "index_latest");

    /**
     * tstats options before the function (Splunk's tstats reference). The emulator keeps no reduced buckets, so
     * {@code include_reduced_buckets} changes nothing here; the others (summaries, prestats, ...) it does not implement.
     */
    private static final Set<String> TSTATS_OPTIONS_WITHOUT_EFFECT = Set.of("include_reduced_buckets");

    /**
     * {@code tstats count where <terms> [by <fields> [span=<span>]]}. The where clause takes {@code field=value}
     * terms on indexed fields, the time modifiers and {@code _indextime} comparisons ({@code >=}, {@code >},
     * {@code <}, {@code <=} with epoch seconds), which become index-time bounds.
     */
    private static ParsedSearch parseTstats(List<String> args, List<String> commands) {
        if (commands.size() > 1) {
            throw SplunkRequestException.badRequest(
                    "Error in 'tstats' command: the Splunk emulator implements tstats only as the whole search.");
        }
        int i = 0;
        for (; i < args.size() && args.get(i).indexOf('=') > 0; i++) {
            String option = args.get(i);
            String name = option.substring(0, option.indexOf('=')).toLowerCase(Locale.ROOT);
            if (!TSTATS_OPTIONS_WITHOUT_EFFECT.contains(name)) {
                throw SplunkRequestException.badRequest(
                        "Error in 'tstats' command: the Splunk emulator does not implement the option '" + option
                                + "'.");
            }
            booleanOption(option.substring(name.length() + 1), option);
        }
        if (i >= args.size() || !args.get(i).equalsIgnoreCase("count")) {
            throw SplunkRequestException.badRequest(
                    "Error in 'tstats' command: the Splunk emulator implements only 'tstats count [where …] [by …]'.");
        }
        Set<String> indexes = new LinkedHashSet<>();
        Map<String, String> fieldMatches = new LinkedHashMap<>();
        Map<String, String> timeModifiers = new LinkedHashMap<>();
        List<String> by = new ArrayList<>();
        Duration span = null;
        i++;
        if (i < args.size() && args.get(i).equalsIgnoreCase("where")) {
            for (i++; i < args.size() && !args.get(i).equalsIgnoreCase("by"); i++) {
                String term = args.get(i);
                if (term.equals("(") || term.equals(")") || term.equalsIgnoreCase("AND")) {
                    continue;
                }
                if (term.startsWith("_indextime")) {
                    indexTimeComparison(term, timeModifiers);
                    continue;
                }
                int eq = term.indexOf('=');
                if (eq <= 0) {
                    throw SplunkRequestException.badRequest(
                            "Error in 'tstats' command: the Splunk emulator takes only field=value terms in the where clause, not '"
                                    + term + "'.");
                }
                String field = term.substring(0, eq).toLowerCase(Locale.ROOT);
                String value = unquote(term.substring(eq + 1));
                if (field.equals("index")) {
                    indexes.add(value);
                } else if (TIME_MODIFIERS.containsKey(field)) {
                    timeModifiers.put(TIME_MODIFIERS.get(field), value);
                } else {
                    fieldMatches.put(field, value);
                }
            }
        }
        if (i < args.size()) {
            if (!args.get(i).equalsIgnoreCase("by")) {
                throw SplunkRequestException.badRequest(
                        "Error in 'tstats' command: Invalid argument: '" + args.get(i) + "'");
            }
            for (i++; i < args.size(); i++) {
                String word = args.get(i);
                if (word.toLowerCase(Locale.ROOT).startsWith("span=")) {
                    span = TimeSpans.parse(word.substring(5), "tstats");
                    continue;
                }
                for (String name : word.split(",")) {
                    if (name.isBlank()) {
                        continue;
                    }
                    if (!TSTATS_BY_FIELDS.contains(name)) {
                        throw SplunkRequestException.badRequest(
                                "Error in 'tstats' command: the Splunk emulator groups only by " + TSTATS_BY_FIELDS
                                        + ", not '" + name + "'.");
                    }
                    by.add(name);
                }
            }
        }
        if (by.contains("_time") && span == null) {
            throw SplunkRequestException.badRequest(
                    "Error in 'tstats' command: the Splunk emulator needs span=<span> with 'by _time'.");
        }
        if (span != null && !by.contains("_time")) {
            throw SplunkRequestException.badRequest("Error in 'tstats' command: span is only valid with 'by _time'.");
        }
        indexes.remove("*");
        return new ParsedSearch(
                indexes,
                fieldMatches,
                Set.of(),
                null,
                List.of(),
                null,
                null,
                new ParsedSearch.Tstats(List.copyOf(by), span, Map.copyOf(timeModifiers)));
    }

    /** Splunk's boolean option values (t, f, true, false, 1, 0); anything else is the user's mistake, named. */
    private static void booleanOption(String value, String option) {
        if (!Set.of("t", "f", "true", "false", "1", "0").contains(value.toLowerCase(Locale.ROOT))) {
            throw SplunkRequestException.badRequest(
                    "Error in 'tstats' command: Invalid value for boolean option: '" + option + "'");
        }
    }

    /** {@code _indextime>=N} and friends as index_earliest / index_latest (index time is whole seconds). */
    private static void indexTimeComparison(String term, Map<String, String> timeModifiers) {
        Matcher m = INDEX_TIME_COMPARISON.matcher(term);
        if (!m.matches()) {
            throw SplunkRequestException.badRequest(
                    "Error in 'tstats' command: the Splunk emulator compares _indextime only with >=, >, <, <= and epoch seconds, not '"
                            + term + "'.");
        }
        long seconds = Long.parseLong(m.group(2));
        switch (m.group(1)) {
            case ">=" -> timeModifiers.put("index_earliest", Long.toString(seconds));
            case ">" -> timeModifiers.put("index_earliest", Long.toString(seconds + 1));
            case "<" -> timeModifiers.put("index_latest", Long.toString(seconds));
            default -> timeModifiers.put("index_latest", Long.toString(seconds + 1));
        }
    }

    /** {@code eventcount [index=<name>]… [summarize=true|false]}. */
    private static ParsedSearch parseEventCount(List<String> args, List<String> commands) {
        if (commands.size() > 1) {
            throw SplunkRequestException.badRequest(
                    "Error in 'eventcount' command: the Splunk emulator implements eventcount only as the whole search.");
        }
        Set<String> indexes = new LinkedHashSet<>();
        boolean summarize = true;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : unquote(arg.substring(eq + 1));
            switch (name) {
                case "index" -> indexes.add(value);
                case "summarize" ->
                    summarize = !value.equalsIgnoreCase("false") && !value.equals("0") && !value.equalsIgnoreCase("f");
                case "report_size", "list_vix" -> {
                    // Accepted and ignored: sizes are not emulated.
                }
                default ->
                    throw SplunkRequestException.badRequest(
                            "Error in 'eventcount' command: Invalid argument: '" + arg + "'");
            }
        }
        indexes.remove("*");
        return new ParsedSearch(
                indexes, Map.of(), Set.of(), null, List.of(), null, null, new ParsedSearch.EventCount(summarize));
    }

    /** The command name Splunk reports: the leading word characters, so {@code index=web} names {@code index}. */
    private static String commandName(String firstWord) {
        int end = 0;
        while (end < firstWord.length()
                && (Character.isLetterOrDigit(firstWord.charAt(end)) || firstWord.charAt(end) == '_')) {
            end++;
        }
        return end == 0 ? firstWord : firstWord.substring(0, end);
    }

    private static String notImplemented(String command) {
        return "Error in '" + command + "' command: the Splunk emulator does not implement this command.";
    }

    private static void parseSearchTerms(
            List<String> terms, Set<String> indexes, Map<String, String> fieldMatches, Set<String> rawTerms) {
        boolean previousWasOr = false;
        for (String term : terms) {
            if (term.equals("(") || term.equals(")")) {
                continue;
            }
            if (term.equals("OR")) {
                previousWasOr = true;
                continue;
            }
            if (term.equals("NOT") || term.equals("AND") && previousWasOr) {
                throw SplunkRequestException.badRequest(
                        "Error in 'search' command: the Splunk emulator does not implement '" + term + "'.");
            }
            int eq = term.indexOf('=');
            boolean quoted = term.startsWith("\"");
            if (!quoted && eq > 0) {
                String field = term.substring(0, eq);
                String value = unquote(term.substring(eq + 1));
                if (field.endsWith("!") || field.endsWith("<") || field.endsWith(">")) {
                    throw SplunkRequestException.badRequest(
                            "Error in 'search' command: the Splunk emulator does not implement '" + term + "'.");
                }
                if (field.equalsIgnoreCase("index")) {
                    indexes.add(value);
                } else if (previousWasOr) {
                    throw SplunkRequestException.badRequest(
                            "Error in 'search' command: the Splunk emulator supports OR only between index terms.");
                } else if (TIME_MODIFIERS.containsKey(field.toLowerCase(Locale.ROOT))) {
                    throw SplunkRequestException.badRequest(
                            "Error in 'search' command: the Splunk emulator takes time bounds only as request parameters, not '"
                                    + term + "'.");
                } else {
                    fieldMatches.put(field, value);
                }
            } else if (previousWasOr) {
                throw SplunkRequestException.badRequest(
                        "Error in 'search' command: the Splunk emulator supports OR only between index terms.");
            } else if (!term.equals("*") && !term.equals("AND")) {
                rawTerms.add(unquote(term));
            }
            previousWasOr = false;
        }
        // index=* means every (non-internal) index.
        indexes.remove("*");
    }

    private static String parseStats(List<String> args) {
        if (args.isEmpty() || !args.get(0).equalsIgnoreCase("count")) {
            throw SplunkRequestException.badRequest(
                    "Error in 'stats' command: the Splunk emulator implements only 'stats count [by field]'.");
        }
        if (args.size() == 1) {
            return "";
        }
        if (args.size() == 3 && args.get(1).equalsIgnoreCase("by")) {
            return args.get(2);
        }
        throw SplunkRequestException.badRequest(
                "Error in 'stats' command: the Splunk emulator implements only 'stats count [by field]'.");
    }

    private static Integer parseHead(List<String> args) {
        try {
            return args.isEmpty() ? 10 : Integer.parseInt(args.get(0));
        } catch (NumberFormatException e) {
            throw SplunkRequestException.badRequest("Error in 'head' command: Invalid argument: '" + args.get(0) + "'");
        }
    }

    private static List<String> fieldList(List<String> args) {
        List<String> names = new ArrayList<>();
        for (String arg : args) {
            for (String name : arg.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        if (names.isEmpty()) {
            throw SplunkRequestException.badRequest("Error in 'fields' command: Must specify at least one field.");
        }
        return names;
    }

    /** Splits on {@code |} outside double quotes. */
    private static List<String> splitPipeline(String spl) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < spl.length(); i++) {
            char c = spl.charAt(i);
            if (c == '"' && (i == 0 || spl.charAt(i - 1) != '\\')) {
                inQuotes = !inQuotes;
            }
            if (c == '|' && !inQuotes) {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (inQuotes) {
            throw SplunkRequestException.badRequest("Error in 'search' command: Unbalanced quotes.");
        }
        parts.add(current.toString().trim());
        return parts;
    }

    /** Words separated by white space; parentheses are words of their own; quoted text stays one word. */
    private static List<String> tokens(String command) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '"' && (i == 0 || command.charAt(i - 1) != '\\')) {
                inQuotes = !inQuotes;
                current.append(c);
            } else if (!inQuotes && (Character.isWhitespace(c) || c == '(' || c == ')')) {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
                if (c == '(' || c == ')') {
                    tokens.add(String.valueOf(c));
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\\\"", "\"");
        }
        return s;
    }
}
