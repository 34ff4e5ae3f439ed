package io.github.splunkdeltabridge.client;

import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The time zone abbreviations Splunk prints with {@code %Z} when it renders {@code _time} in a user's time zone
 * (real export output: {@code 2013-02-11 10:43:01.060 PST}, {@code 2026-10-08 13:48:34.000 GMT}). Splunk takes them
 * from the tz database, where an abbreviation stands for one fixed offset (PST is always -08:00, PDT -07:00).
 *
 * <p>A few abbreviations mean different offsets in different places of the tz database (CST is US Central, China and
 * Cuba; IST is India, Ireland and Israel): they are refused rather than guessed, since a wrong guess shifts every event
 * by hours without a trace.
 */
final class ZoneAbbreviations {

    private static final Map<String, ZoneOffset> OFFSETS = Map.ofEntries(
            Map.entry("UTC", ZoneOffset.UTC),
            Map.entry("UT", ZoneOffset.UTC),
            Map.entry("GMT", ZoneOffset.UTC),
            Map.entry("Z", ZoneOffset.UTC),
            // North America
            Map.entry("EST", ZoneOffset.ofHours(-5)),
            Map.entry("EDT", ZoneOffset.ofHours(-4)),
            Map.entry("MST", ZoneOffset.ofHours(-7)),
            Map.entry("MDT", ZoneOffset.ofHours(-6)),
            Map.entry("PST", ZoneOffset.ofHours(-8)),
            Map.entry("PDT", ZoneOffset.ofHours(-7)),
            Map.entry("AKST", ZoneOffset.ofHours(-9)),
            Map.entry("AKDT", ZoneOffset.ofHours(-8)),
            Map.entry("HST", ZoneOffset.ofHours(-10)),
            Map.entry("HDT", ZoneOffset.ofHours(-9)),
            Map.entry("AST", ZoneOffset.ofHours(-4)),
            Map.entry("ADT", ZoneOffset.ofHours(-3)),
            Map.entry("NST", ZoneOffset.ofHoursMinutes(-3, -30)),
            Map.entry("NDT", ZoneOffset.ofHoursMinutes(-2, -30)),
            // Europe and Africa
            Map.entry("WET", ZoneOffset.UTC),
            Map.entry("WEST", ZoneOffset.ofHours(1)),
            Map.entry("BST", ZoneOffset.ofHours(1)),
            Map.entry("CET", ZoneOffset.ofHours(1)),
            Map.entry("CEST", ZoneOffset.ofHours(2)),
            Map.entry("MET", ZoneOffset.ofHours(1)),
            Map.entry("MEST", ZoneOffset.ofHours(2)),
            Map.entry("EET", ZoneOffset.ofHours(2)),
            Map.entry("EEST", ZoneOffset.ofHours(3)),
            Map.entry("MSK", ZoneOffset.ofHours(3)),
            Map.entry("WAT", ZoneOffset.ofHours(1)),
            Map.entry("CAT", ZoneOffset.ofHours(2)),
            Map.entry("SAST", ZoneOffset.ofHours(2)),
            Map.entry("EAT", ZoneOffset.ofHours(3)),
            // Asia and Pacific
            Map.entry("PKT", ZoneOffset.ofHours(5)),
            Map.entry("WIB", ZoneOffset.ofHours(7)),
            Map.entry("WITA", ZoneOffset.ofHours(8)),
            Map.entry("WIT", ZoneOffset.ofHours(9)),
            Map.entry("HKT", ZoneOffset.ofHours(8)),
            Map.entry("AWST", ZoneOffset.ofHours(8)),
            Map.entry("JST", ZoneOffset.ofHours(9)),
            Map.entry("KST", ZoneOffset.ofHours(9)),
            Map.entry("ACST", ZoneOffset.ofHoursMinutes(9, 30)),
            Map.entry("ACDT", ZoneOffset.ofHoursMinutes(10, 30)),
            Map.entry("AEST", ZoneOffset.ofHours(10)),
            Map.entry("AEDT", ZoneOffset.ofHours(11)),
            Map.entry("NZST", ZoneOffset.ofHours(12)),
            Map.entry("NZDT", ZoneOffset.ofHours(13)));

    /** Abbreviations the tz database uses for more than one offset. */
    private static final Map<String, String> AMBIGUOUS = Map.of(
            "CST", "US Central -06:00, China +08:00 and Cuba -05:00",
            "CDT", "US Central -05:00 and Cuba -04:00",
            "IST", "India +05:30, Ireland +01:00 and Israel +02:00");

    private ZoneAbbreviations() {}

    /**
     * The offset an abbreviation stands for.
     *
     * @throws IllegalArgumentException for an abbreviation that is unknown or names several offsets
     */
    static ZoneOffset offset(String abbreviation) {
        String key = abbreviation.toUpperCase(Locale.ROOT);
        ZoneOffset offset = OFFSETS.get(key);
        if (offset != null) {
            return offset;
        }
        String meanings = AMBIGUOUS.get(key);
        if (meanings != null) {
            throw new IllegalArgumentException("the zone abbreviation " + abbreviation + " names several offsets ("
                    + meanings + "), so the instant is unknown");
        }
        throw new IllegalArgumentException("the zone abbreviation " + abbreviation + " is not one Splunk prints");
    }

    /** Every abbreviation that parses, for documentation and tests. */
    static Set<String> known() {
        return OFFSETS.keySet();
    }
}
