package io.github.splunkdeltabridge.client;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The fields of one {@link SplunkEvent}: an unmodifiable map in Splunk's order, held in two arrays with an open-addressing
 * index instead of a {@code LinkedHashMap}'s node per field. The parser builds one per row (tens of fields, millions of
 * rows), so the per-field nodes, their hashing and the table resize of a map that starts small were a fifth of the
 * parser's time in a profile. Filled by {@link #add} before the event is built, read-only afterwards.
 */
final class FieldMap extends AbstractMap<String, List<String>> {

    private static final int INITIAL_CAPACITY = 32;

    private String[] names;
    private Object[] values;
    /** Slot i holds 1 + the position of a name whose hash starts probing at i; 0 is empty. Length is a power of 2. */
    private int[] index;

    private int size;

    FieldMap() {
        this(INITIAL_CAPACITY);
    }

    FieldMap(int expectedFields) {
        int capacity = Math.max(4, expectedFields);
        names = new String[capacity];
        values = new Object[capacity];
        index = new int[tableSize(capacity)];
    }

    /** Adds a field, or replaces the value of one already there keeping its place (as {@code LinkedHashMap.put}). */
    void add(String name, List<String> value) {
        int h = name.hashCode();
        int mask = index.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            int at = index[slot] - 1;
            if (at < 0) {
                if (size == names.length) {
                    grow();
                    add(name, value);
                    return;
                }
                names[size] = name;
                values[size] = value;
                index[slot] = ++size;
                return;
            }
            String existing = names[at];
            if (existing == name || existing.hashCode() == h && existing.equals(name)) {
                values[at] = value;
                return;
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> get(Object key) {
        int at = find(key);
        return at < 0 ? null : (List<String>) values[at];
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super String, ? super List<String>> action) {
        for (int i = 0; i < size; i++) {
            action.accept(names[i], (List<String>) values[i]);
        }
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, List<String>>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Entry<String, List<String>> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], (List<String>) values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private int find(Object key) {
        if (!(key instanceof String name)) {
            return -1;
        }
        int h = name.hashCode();
        int mask = index.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            int at = index[slot] - 1;
            if (at < 0) {
                return -1;
            }
            String existing = names[at];
            if (existing == name || existing.hashCode() == h && existing.equals(name)) {
                return at;
            }
        }
    }

    private void grow() {
        int capacity = names.length * 2;
        names = Arrays.copyOf(names, capacity);
        values = Arrays.copyOf(values, capacity);
        index = new int[tableSize(capacity)];
        int mask = index.length - 1;
        for (int i = 0; i < size; i++) {
            int slot = spread(names[i].hashCode()) & mask;
            while (index[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            index[slot] = i + 1;
        }
    }

    /** At most half full, so probes stay short. */
    private static int tableSize(int capacity) {
        return Integer.highestOneBit(capacity * 2 - 1) << 1;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
