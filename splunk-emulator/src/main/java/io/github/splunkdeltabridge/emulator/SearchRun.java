package io.github.splunkdeltabridge.emulator;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * One search over the dataset, producing Splunk result rows (maps of field name to String or List of Strings).
 * Event searches stream rows lazily, newest first. A {@code stats} search must see every event before its
 * final rows exist; it also offers a preview computed on the first part of the events, as Splunk previews
 * transforming searches while they run.
 */
final class SearchRun {

    private final ParsedSearch search;
    private final EventQuery query;
    private final Dataset dataset;
    private final Instant now;
    private final ZoneId zone;

    SearchRun(ParsedSearch search, EventQuery query, Dataset dataset, Instant now, ZoneId zone) {
        this.search = search;
        this.query = query;
        this.dataset = dataset;
        this.now = now;
        this.zone = zone;
    }

    boolean isTransforming() {
        return search.isTransforming();
    }

    /** Final result rows. */
    Iterator<Map<String, Object>> rows() {
        if (search.isTransforming()) {
            return limit(stats(Long.MAX_VALUE).iterator());
        }
        return events();
    }

    /**
     * The events the search matched, as event rows with the {@code fields} selection applied, newest first:
     * what a job's {@code /events} endpoint pages through, also for a transforming search.
     */
    Iterator<Map<String, Object>> events() {
        Iterator<EmulatedEvent> events = dataset.newestFirst(query, now);
        Iterator<Map<String, Object>> rows = new Iterator<>() {
            private long serial;

            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public Map<String, Object> next() {
                return selectFields(events.next().toResultFields(zone, serial++));
            }
        };
        // In a stats search 'head' limits the aggregated rows, not the events.
        return search.isTransforming() ? rows : limit(rows);
    }

    /** Interim rows of a transforming search: the aggregate over its first {@code events} events. */
    List<Map<String, Object>> preview(long events) {
        return stats(events);
    }

    private List<Map<String, Object>> stats(long maxEvents) {
        String by = search.statsBy();
        Map<String, Long> counts = new TreeMap<>();
        Iterator<EmulatedEvent> events = dataset.newestFirst(query, now);
        for (long seen = 0; seen < maxEvents && events.hasNext(); seen++) {
            Map<String, Object> fields = events.next().toResultFields(zone, 0);
            if (by.isEmpty()) {
                counts.merge("", 1L, Long::sum);
                continue;
            }
            Object value = fields.get(by);
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
