package io.github.splunkdeltabridge.emulator.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratedDatasetTest {

    private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    private static final Instant END = Instant.parse("2024-03-04T00:00:00Z");
    private static final Instant AFTER_EVERYTHING = END.plus(Duration.ofDays(1));

    private static GeneratedDataset dataset(long seed) {
        return GeneratedDataset.builder()
                .seed(seed)
                .start(START)
                .end(END)
                .eventsPerMinute(20)
                .build();
    }

    private static List<EmulatedEvent> read(Dataset dataset, EventQuery query, Instant now) {
        List<EmulatedEvent> events = new ArrayList<>();
        dataset.newestFirst(query, now).forEachRemaining(events::add);
        return events;
    }

    private static EventQuery window(Instant earliest, Instant latest) {
        return EventQuery.builder().earliest(earliest).latest(latest).build();
    }

    @Test
    void sameSeedGivesTheSameEventsAndAnotherSeedDifferentOnes() {
        EventQuery hour = window(START.plusSeconds(3600), START.plusSeconds(7200));
        List<EmulatedEvent> first = read(dataset(1), hour, AFTER_EVERYTHING);
        assertThat(read(dataset(1), hour, AFTER_EVERYTHING)).isEqualTo(first);
        assertThat(read(dataset(2), hour, AFTER_EVERYTHING)).isNotEqualTo(first);
        assertThat(first).hasSizeGreaterThan(3 * 60 * 20 - 1);
    }

    @Test
    void eventsComeNewestFirstWithinTheHalfOpenRange() {
        Instant earliest = START.plusSeconds(600);
        Instant latest = START.plusSeconds(1200);
        List<EmulatedEvent> events = read(dataset(1), window(earliest, latest), AFTER_EVERYTHING);
        assertThat(events).isSortedAccordingTo(EmulatedEvent.NEWEST_FIRST);
        assertThat(events)
                .allSatisfy(e -> assertThat(e.time()).isAfterOrEqualTo(earliest).isBefore(latest));
        // Three indexes, 20 slots a minute each, ten minutes; a few slots hold two events at one _time.
        assertThat(events.size()).isBetween(600, 700);
        assertThat(events.stream().map(e -> e.index() + e.time()).distinct().count())
                .isLessThan(events.size());
    }

    @Test
    void adjacentWindowsPartitionTheEventsWithoutOverlapOrGap() {
        Instant a = START.plusSeconds(3600);
        Instant b = a.plusSeconds(1234);
        Instant c = b.plusSeconds(999);
        Set<String> whole = ids(read(dataset(3), window(a, c), AFTER_EVERYTHING));
        Set<String> left = ids(read(dataset(3), window(a, b), AFTER_EVERYTHING));
        Set<String> right = ids(read(dataset(3), window(b, c), AFTER_EVERYTHING));
        assertThat(left).doesNotContainAnyElementsOf(right);
        Set<String> union = new HashSet<>(left);
        union.addAll(right);
        assertThat(union).isEqualTo(whole);
    }

    @Test
    void eventIdentityIsUniquePerIndexOverDays() {
        List<EmulatedEvent> events = read(dataset(4), EventQuery.builder().build(), AFTER_EVERYTHING);
        assertThat(events).hasSizeGreaterThan(3 * 3 * 24 * 60 * 20 - 1);
        assertThat(ids(events)).hasSize(events.size());
    }

    @Test
    void someEventsAreIndexedLateAndAreInvisibleUntilTheClockPassesTheirIndexTime() {
        List<EmulatedEvent> all = read(dataset(5), window(START, START.plus(Duration.ofHours(6))), AFTER_EVERYTHING);
        List<EmulatedEvent> late = all.stream()
                .filter(e -> Duration.between(e.time(), e.indexTime()).compareTo(Duration.ofMinutes(1)) >= 0)
                .toList();
        assertThat((double) late.size() / all.size()).isBetween(0.01, 0.04);
        assertThat(all).allSatisfy(e -> assertThat(e.indexTime()).isAfterOrEqualTo(e.time()));

        EmulatedEvent lateOne = late.get(0);
        Instant justBefore = lateOne.indexTime().minusSeconds(1);
        EventQuery around = window(lateOne.time(), lateOne.time().plusMillis(1));
        assertThat(read(dataset(5), around, justBefore)).doesNotContain(lateOne);
        assertThat(read(dataset(5), around, lateOne.indexTime())).contains(lateOne);
    }

    @Test
    void indexTimeBoundsSelectByIndexTimeEvenForLateEvents() {
        Instant indexEarliest = START.plus(Duration.ofHours(3));
        Instant indexLatest = indexEarliest.plus(Duration.ofMinutes(5));
        EventQuery byIndexTime = EventQuery.builder()
                .indexEarliest(indexEarliest)
                .indexLatest(indexLatest)
                .build();
        List<EmulatedEvent> events = read(dataset(6), byIndexTime, AFTER_EVERYTHING);
        assertThat(events)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.indexTime())
                        .isAfterOrEqualTo(indexEarliest)
                        .isBefore(indexLatest));
        // Late events indexed in the window happened well before it.
        assertThat(events).anySatisfy(e -> assertThat(e.time()).isBefore(indexEarliest.minus(Duration.ofMinutes(1))));
        // The same set as a brute-force filter over all events.
        List<EmulatedEvent> bruteForce = read(dataset(6), EventQuery.builder().build(), AFTER_EVERYTHING).stream()
                .filter(e ->
                        !e.indexTime().isBefore(indexEarliest) && e.indexTime().isBefore(indexLatest))
                .toList();
        assertThat(events).isEqualTo(bruteForce);
    }

    @Test
    void appEventsCarryUnicodeMultivaluesAndSometimesVeryLongLines() {
        List<EmulatedEvent> app =
                read(dataset(7), EventQuery.builder().indexes(Set.of("app")).build(), AFTER_EVERYTHING);
        assertThat(app).anySatisfy(e -> assertThat(e.raw()).contains("田中"));
        assertThat(app)
                .anySatisfy(e -> assertThat(e.extractedFields().get("tags{}")).isInstanceOf(List.class));
        assertThat(app).anySatisfy(e -> assertThat(e.raw().length()).isGreaterThan(10_000));
    }

    @Test
    void resultFieldsLookLikeSplunks() {
        Iterator<EmulatedEvent> events = dataset(8)
                .newestFirst(EventQuery.builder().indexes(Set.of("web")).build(), AFTER_EVERYTHING);
        var fields = events.next().toResultFields();
        assertThat(fields)
                .containsKeys(
                        "_bkt",
                        "_cd",
                        "_indextime",
                        "_raw",
                        "_serial",
                        "_si",
                        "_sourcetype",
                        "_time",
                        "host",
                        "index",
                        "linecount",
                        "punct",
                        "source",
                        "sourcetype",
                        "splunk_server",
                        "status",
                        "clientip");
        assertThat((String) fields.get("_time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+00:00");
        assertThat((String) fields.get("_indextime")).matches("\\d{10}");
        assertThat((String) fields.get("_bkt")).matches("web~\\d+~[0-9A-F-]{36}");
        assertThat((String) fields.get("_cd")).matches("\\d+:\\d+");
        assertThat(fields.get("_si")).isEqualTo(List.of("splunk-idx-01", "web"));
    }

    private static Set<String> ids(List<EmulatedEvent> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.index() + "|" + e.bucket() + "|" + e.cd()));
        return ids;
    }

    @Test
    void onlyEventsIndexedByNowAreVisibleAndMoreAppearAsTheClockMoves() {
        GeneratedDataset dataset = dataset(9);
        Instant now = START.plus(Duration.ofHours(5));
        EventQuery all = EventQuery.builder().build();
        List<EmulatedEvent> visible = read(dataset, all, now);
        assertThat(visible)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.indexTime()).isBeforeOrEqualTo(now));
        assertThat(visible.get(0).time()).isAfter(now.minusSeconds(10));
        List<EmulatedEvent> minuteLater = read(dataset, all, now.plusSeconds(60));
        assertThat(minuteLater.size()).isGreaterThan(visible.size());
        // Visibility is the only difference: the same query at a later "now" holds every earlier event.
        assertThat(ids(minuteLater)).containsAll(ids(visible));
    }

    @Test
    void aWeekOfEventsIsCountedWithoutHoldingThem() {
        Instant weekEnd = START.plus(Duration.ofDays(7));
        Instant afterWeek = weekEnd.plus(Duration.ofDays(1));
        GeneratedDataset week = GeneratedDataset.builder()
                .seed(10)
                .start(START)
                .end(weekEnd)
                .indexes("os")
                .eventsPerMinute(30)
                .build();
        long slots = 7L * 24 * 60 * 30;
        // Iterated lazily: nothing is materialised, so the count costs time, not memory.
        long count = count(week.newestFirst(EventQuery.builder().build(), afterWeek));
        // One event per slot, plus the share of slots holding a second event at the same _time (5 % by default).
        assertThat(count).isBetween((long) (slots * 1.04), (long) (slots * 1.06));
        // Halves of the range add up to the whole.
        Instant middle = START.plus(Duration.ofHours(84));
        long firstHalf = count(week.newestFirst(window(START, middle), afterWeek));
        long secondHalf = count(week.newestFirst(window(middle, weekEnd), afterWeek));
        assertThat(firstHalf + secondHalf).isEqualTo(count);
    }

    @Test
    void metadataFiltersMatchWildcardsCaseInsensitively() {
        List<EmulatedEvent> db = read(
                dataset(11),
                EventQuery.builder()
                        .sourcetype("SYSLOG")
                        .host("db-0*")
                        .earliest(START)
                        .latest(START.plusSeconds(600))
                        .build(),
                AFTER_EVERYTHING);
        assertThat(db).isNotEmpty().allSatisfy(e -> {
            assertThat(e.sourcetype()).isEqualTo("syslog");
            assertThat(e.host()).startsWith("db-0");
        });
        assertThat(read(
                        dataset(11),
                        EventQuery.builder()
                                .source("/var/log/nginx/*")
                                .earliest(START)
                                .latest(START.plusSeconds(600))
                                .build(),
                        AFTER_EVERYTHING))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.index()).isEqualTo("web"));
    }

    @Test
    void boundariesAreInclusiveAtEarliestAndExclusiveAtLatest() {
        List<EmulatedEvent> some =
                read(dataset(12), window(START.plusSeconds(60), START.plusSeconds(120)), AFTER_EVERYTHING);
        EmulatedEvent event = some.get(some.size() / 2);
        assertThat(read(dataset(12), window(event.time(), event.time().plusMillis(1)), AFTER_EVERYTHING))
                .contains(event);
        assertThat(read(dataset(12), window(event.time().minusMillis(1), event.time()), AFTER_EVERYTHING))
                .doesNotContain(event);
        EventQuery indexedExactly = EventQuery.builder()
                .indexEarliest(event.indexTime())
                .indexLatest(event.indexTime().plusSeconds(1))
                .build();
        assertThat(read(dataset(12), indexedExactly, AFTER_EVERYTHING))
                .contains(event)
                .allSatisfy(e -> assertThat(e.indexTime()).isEqualTo(event.indexTime()));
        assertThat(read(
                        dataset(12),
                        EventQuery.builder().indexLatest(event.indexTime()).build(),
                        AFTER_EVERYTHING))
                .doesNotContain(event);
    }

    private static long count(Iterator<EmulatedEvent> events) {
        long n = 0;
        for (; events.hasNext(); events.next()) {
            n++;
        }
        return n;
    }
}
