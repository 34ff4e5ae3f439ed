package io.github.splunkdeltabridge.emulator.data;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/** Merges iterators that are each newest first into one newest-first iterator, as a search head merges indexers. */
final class NewestFirstMerge implements Iterator<EmulatedEvent> {

    private record Head(EmulatedEvent event, Iterator<EmulatedEvent> rest) {}

    private final PriorityQueue<Head> heads =
            new PriorityQueue<>((a, b) -> EmulatedEvent.NEWEST_FIRST.compare(a.event(), b.event()));

    private NewestFirstMerge(List<Iterator<EmulatedEvent>> sources) {
        sources.forEach(this::advance);
    }

    static Iterator<EmulatedEvent> of(List<Iterator<EmulatedEvent>> sources) {
        return sources.size() == 1 ? sources.get(0) : new NewestFirstMerge(sources);
    }

    private void advance(Iterator<EmulatedEvent> source) {
        if (source.hasNext()) {
            heads.add(new Head(source.next(), source));
        }
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public EmulatedEvent next() {
        Head head = heads.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        advance(head.rest());
        return head.event();
    }
}
