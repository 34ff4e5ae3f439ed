package io.github.splunkdeltabridge.emulator.search;

import io.github.splunkdeltabridge.emulator.data.Dataset;
import io.github.splunkdeltabridge.emulator.data.EmulatedEvent;
import io.github.splunkdeltabridge.emulator.data.EventQuery;
import io.github.splunkdeltabridge.emulator.data.Wildcards;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One search over the dataset, producing Splunk result rows (maps of field name to String or List of Strings).
 * Event searches stream rows lazily, newest first. A transforming search ({@code stats}, {@code tstats},
 * {@code eventcount}) must see every event before its final rows exist; {@code stats} also offers a preview
 * computed on the first part of the events, as Splunk previews transforming searches while they run.
 */
public final class SearchRun {

    private final ParsedSearch search;
    private final EventQuery query;
    private final Dataset dataset;
    private final Instant now;
    private final Function<Instant, String> renderTime;
    private final Predicate<EmulatedEvent> reachable;

    /**
     * @param renderTime  renders {@code _time} (the request's {@code output_time_format} in the user's zone)
     * @param reachable   false for events the search cannot reach, e.g. those on a search peer that is down
     */
    public SearchRun(
            ParsedSearch search,
            EventQuery query,
            Dataset dataset,
            Instant now,
            Function<Instant, String> renderTime,
            Predicate<EmulatedEvent> reachable) {
        this.search = search;
        this.query = query;
        this.dataset = dataset;
        this.now = now;
        this.renderTime = renderTime;
        this.reachable = reachable;
    }

    public boolean isTransforming() {
        return search.isTransforming();
    }

    public ParsedSearch search() {
        return search;
    }

    /** The event-time and index-time bounds the search ran with, after role limits. */
    public EventQuery query() {
        return query;
    }

    /** Final result rows. */
    public Iterator<Map<String, Object>> rows() {
        if (search.generating() instanceof ParsedSearch.Tstats tstats) {
            return limit(tstats(tstats).iterator());
        }
        if (search.generating() instanceof ParsedSearch.EventCount eventCount) {
            return eventCount(eventCount).iterator();
        }
        if (search.statsBy() != null) {
            return limit(stats(Long.MAX_VALUE).iterator());
        }
        return events();
    }

    /**
     * The events the search matched, as event rows with the {@code fields} selection applied, newest first:
     * what a job's {@code /events} endpoint pages through, also for a {@code stats} search. Generating report
     * commands ({@code tstats}, {@code eventcount}) have no events.
     */
    public Iterator<Map<String, Object>> events() {
        if (search.generating() != null) {
            return Collections.emptyIterator();
        }
        Iterator<EmulatedEvent> events = matchedEvents();
        Iterator<Map<String, Object>> rows = new Iterator<>() {
            private long serial;

            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public Map<String, Object> next() {
                return selectFields(events.next().toResultFields(renderTime, serial++));
            }
        };
        // In a stats search 'head' limits the aggregated rows, not the events.
        return search.isTransforming() ? rows : limit(rows);
    }

    /** Interim rows of a {@code stats} search: the aggregate over its first {@code events} events; none for others. */
    public List<Map<String, Object>> preview(long events) {
        return search.statsBy() != null ? stats(events) : List.of();
    }

    private Iterator<EmulatedEvent> matchedEvents() {
        Iterator<EmulatedEvent> all = dataset.newestFirst(query, now);
        return new Iterator<>() {
            private EmulatedEvent next;

            @Override
            public boolean hasNext() {
                while (next == null && all.hasNext()) {
                    EmulatedEvent candidate = all.next();
                    if (reachable.test(candidate)) {
                        next = candidate;
                    }
                }
                return next != null;
            }

            @Override
            public EmulatedEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                EmulatedEvent event = next;
                next = null;
                return event;
            }
        };
    }

    private List<Map<String, Object>> stats(long maxEvents) {
        String by = search.statsBy();
        Map<String, Long> counts = new TreeMap<>();
        Iterator<EmulatedEvent> events = matchedEvents();
        for (long seen = 0; seen < maxEvents && events.hasNext(); seen++) {
            EmulatedEvent event = events.next();
            if (by.isEmpty()) {
                counts.merge("", 1L, Long::sum);
                continue;
            }
            Object value = event.toResultFields(renderTime, 0).get(by);
            if (value instanceof List<?> values) {
                values.forEach(v -> counts.merge(String.valueOf(v), 1L, Long::sum));
            } else if (value != null) {
                counts.merge(value.toString(), 1L, Long::sum);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (by.isEmpty()) {
            rows.add(Map.of("count", Long.toString(counts.getOrDefault("", 0L))));
        } else {
            counts.forEach((value, count) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put(by, value);
                row.put("count", Long.toString(count));
                rows.add(row);
            });
        }
        return rows;
    }

    /** {@code tstats count [by …]}: counts per group, groups in ascending order ({@code _time} buckets oldest first). */
    private List<Map<String, Object>> tstats(ParsedSearch.Tstats tstats) {
        Map<List<Comparable<?>>, Long> counts = new TreeMap<>(SearchRun::compareKeys);
        Iterator<EmulatedEvent> events = matchedEvents();
        long spanSeconds = tstats.span() == null ? 0 : tstats.span().toSeconds();
        while (events.hasNext()) {
            EmulatedEvent event = events.next();
            List<Comparable<?>> key = new ArrayList<>();
            for (String field : tstats.by()) {
                key.add(
                        switch (field) {
                            case "_time" -> Math.floorDiv(event.time().getEpochSecond(), spanSeconds) * spanSeconds;
                            case "index" -> event.index();
                            case "sourcetype" -> event.sourcetype();
                            case "host" -> event.host();
                            default -> event.source();
                        });
            }
            counts.merge(key, 1L, Long::sum);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (tstats.by().isEmpty()) {
            rows.add(Map.of("count", Long.toString(counts.getOrDefault(List.of(), 0L))));
            return rows;
        }
        counts.forEach((key, count) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < tstats.by().size(); i++) {
                Object value = key.get(i);
                row.put(
                        tstats.by().get(i),
                        value instanceof Long seconds ? renderTime.apply(Instant.ofEpochSecond(seconds)) : value);
            }
            row.put("count", Long.toString(count));
            rows.add(row);
        });
        return rows;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(List<Comparable<?>> a, List<Comparable<?>> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** {@code eventcount}: the events each index holds, whatever the time range (Splunk counts whole indexes). */
    private List<Map<String, Object>> eventCount(ParsedSearch.EventCount eventCount) {
        Map<String, Long> perIndex = new TreeMap<>();
        String server = null;
        EventQuery wholeIndexes = EventQuery.builder().indexes(query.indexes()).build();
        for (Iterator<EmulatedEvent> it = dataset.newestFirst(wholeIndexes, now); it.hasNext(); ) {
            EmulatedEvent event = it.next();
            if (reachable.test(event)) {
                perIndex.merge(event.index(), 1L, Long::sum);
                server = event.splunkServer();
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (eventCount.summarize()) {
            long total = perIndex.values().stream().mapToLong(Long::longValue).sum();
            rows.add(Map.of("count", Long.toString(total)));
            return rows;
        }
        for (String index : query.indexes().isEmpty() ? dataset.indexes() : query.indexes()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("count", Long.toString(perIndex.getOrDefault(index, 0L)));
            row.put("index", index);
            row.put("server", server == null ? "splunk-emulator" : server);
            rows.add(row);
        }
        return rows;
    }

    /** {@code | fields}: keeping a list keeps the internal {@code _*} fields too, as Splunk does. */
    private Map<String, Object> selectFields(Map<String, Object> fields) {
        if (search.fieldsKept() == null && search.fieldsRemoved().isEmpty()) {
            return fields;
        }
        Map<String, Object> selected = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            boolean kept = search.fieldsKept() == null
                    || name.startsWith("_")
                    || search.fieldsKept().stream()
                            .anyMatch(p -> Wildcards.toRegex(p).matcher(name).matches());
            boolean removed = search.fieldsRemoved().stream()
                    .anyMatch(p -> Wildcards.toRegex(p).matcher(name).matches());
            if (kept && !removed) {
                selected.put(name, value);
            }
        });
        return selected;
    }

    private Iterator<Map<String, Object>> limit(Iterator<Map<String, Object>> rows) {
        if (search.head() == null) {
            return rows;
        }
        int max = search.head();
        return new Iterator<>() {
            private int returned;

            @Override
            public boolean hasNext() {
                return returned < max && rows.hasNext();
            }

            @Override
            public Map<String, Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                returned++;
                return rows.next();
            }
        };
    }
}
