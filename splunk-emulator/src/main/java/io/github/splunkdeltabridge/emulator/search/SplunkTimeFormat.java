package io.github.splunkdeltabridge.emulator.search;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Renders an instant with the strftime letters Splunk documents for {@code time_format} and
 * {@code output_time_format} (Search Reference, "Date and time format variables"), in a given time zone.
 *
 * <p>Besides the C letters ({@code %Y %m %d %H %M %S %y %b %B %a %A %j %p %I %e %k %l %T %F %D %R %r %%} …) it
 * knows Splunk's own: {@code %s} epoch seconds, {@code %N} subseconds ({@code %3N}, {@code %6N}, {@code %9N};
 * plain {@code %N} is nine digits), {@code %Q} subseconds of a UTC time ({@code %3Q} default), {@code %f}
 * microseconds, {@code %z} {@code +hhmm}, {@code %:z} {@code +hh:mm}, {@code %::z} {@code +hh:mm:ss},
 * {@code %Z} the zone abbreviation, {@code %Ez} the offset in minutes. A letter it does not know is copied as
 * written, as strftime does.
 */
public final class SplunkTimeFormat {

    /**
     * Splunk's ISO-8601 rendering, the default of the jobs API's results (real captures in the Splunk SDK for
     * Java's test data: {@code "_time":"2012-11-27T16:43:34.271-08:00"}).
     */
    public static final String ISO_8601 = "%Y-%m-%dT%H:%M:%S.%3N%:z";

    /**
     * The rendering seen in export bodies captured from Splunk (the Splunk SDK for Java's test data
     * {@code export/5.0.1/nonreporting.xml}: {@code 2013-02-11 10:43:01.060 PST}).
     */
    public static final String SPACE_SEPARATED_WITH_ZONE_NAME = "%Y-%m-%d %H:%M:%S.%3N %Z";

    private final String pattern;

    private SplunkTimeFormat(String pattern) {
        this.pattern = pattern;
    }

    public static SplunkTimeFormat of(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("a time format must not be empty");
        }
        return new SplunkTimeFormat(pattern);
    }

    public String pattern() {
        return pattern;
    }

    public String format(Instant instant, ZoneId zone) {
        ZonedDateTime t = instant.atZone(zone);
        StringBuilder out = new StringBuilder(pattern.length() + 16);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 >= pattern.length()) {
                out.append(c);
                i++;
                continue;
            }
            int start = i;
            i++;
            // Optional width digits (%3N) and colons (%:z, %::z).
            int width = -1;
            int digitsStart = i;
            while (i < pattern.length() && Character.isDigit(pattern.charAt(i))) {
                i++;
            }
            if (i > digitsStart) {
                width = Integer.parseInt(pattern.substring(digitsStart, i));
            }
            int colons = 0;
            while (i < pattern.length() && pattern.charAt(i) == ':') {
                colons++;
                i++;
            }
            if (i >= pattern.length()) {
                out.append(pattern, start, i);
                break;
            }
            char letter = pattern.charAt(i++);
            if (letter == 'E' && i < pattern.length() && pattern.charAt(i) == 'z') {
                i++;
                out.append(t.getOffset().getTotalSeconds() / 60);
                continue;
            }
            if (!append(out, letter, width, colons, t, instant)) {
                out.append(pattern, start, i);
            }
        }
        return out.toString();
    }

    private static boolean append(
            StringBuilder out, char letter, int width, int colons, ZonedDateTime t, Instant instant) {
        switch (letter) {
            case 'Y' -> out.append(t.getYear());
            case 'y' -> pad(out, t.getYear() % 100, 2, '0');
            case 'C' -> pad(out, t.getYear() / 100, 2, '0');
            case 'm' -> pad(out, t.getMonthValue(), 2, '0');
            case 'd' -> pad(out, t.getDayOfMonth(), 2, '0');
            case 'e' -> pad(out, t.getDayOfMonth(), 2, ' ');
            case 'j' -> pad(out, t.getDayOfYear(), 3, '0');
            case 'H' -> pad(out, t.getHour(), 2, '0');
            case 'k' -> pad(out, t.getHour(), 2, ' ');
            case 'I' -> pad(out, twelveHour(t), 2, '0');
            case 'l' -> pad(out, twelveHour(t), 2, ' ');
            case 'M' -> pad(out, t.getMinute(), 2, '0');
            case 'S' -> pad(out, t.getSecond(), 2, '0');
            case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
            case 'b', 'h' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US));
            case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.US));
            case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US));
            case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US));
            case 'u' -> out.append(t.getDayOfWeek().getValue());
            case 'w' -> out.append(t.getDayOfWeek().getValue() % 7);
            case 'V' -> pad(out, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, '0');
            case 's' -> out.append(instant.getEpochSecond());
            case 'N' -> subseconds(out, instant.getNano(), width < 0 ? 9 : width);
            case 'Q' -> subseconds(out, instant.getNano(), width < 0 ? 3 : width);
            case 'f' -> subseconds(out, instant.getNano(), 6);
            case 'z' -> offset(out, t.getOffset().getTotalSeconds(), colons);
            case 'Z' -> out.append(zoneName(t));
            case 'T' ->
                out.append(String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
            case 'R' -> out.append(String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute()));
            case 'r' ->
                out.append(String.format(
                        Locale.ROOT,
                        "%02d:%02d:%02d %s",
                        twelveHour(t),
                        t.getMinute(),
                        t.getSecond(),
                        t.getHour() < 12 ? "AM" : "PM"));
            case 'F' ->
                out.append(
                        String.format(Locale.ROOT, "%d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth()));
            case 'D' ->
                out.append(String.format(
                        Locale.ROOT, "%02d/%02d/%02d", t.getMonthValue(), t.getDayOfMonth(), t.getYear() % 100));
            case 'c' ->
                out.append(String.format(
                        Locale.ROOT,
                        "%s %s %2d %02d:%02d:%02d %d",
                        t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US),
                        t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US),
                        t.getDayOfMonth(),
                        t.getHour(),
                        t.getMinute(),
                        t.getSecond(),
                        t.getYear()));
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case '%' -> out.append('%');
            default -> {
                return false;
            }
        }
        return true;
    }

    private static int twelveHour(ZonedDateTime t) {
        int h = t.get(ChronoField.CLOCK_HOUR_OF_AMPM);
        return h;
    }

    private static void pad(StringBuilder out, int value, int width, char fill) {
        String digits = Integer.toString(value);
        for (int n = digits.length(); n < width; n++) {
            out.append(fill);
        }
        out.append(digits);
    }

    /** The first {@code width} digits of the fraction of a second (truncated, as Splunk's %N does). */
    private static void subseconds(StringBuilder out, int nanos, int width) {
        String nine = String.format(Locale.ROOT, "%09d", nanos);
        if (width <= 9) {
            out.append(nine, 0, Math.max(0, width));
        } else {
            out.append(nine).append("0".repeat(width - 9));
        }
    }

    private static void offset(StringBuilder out, int totalSeconds, int colons) {
        out.append(totalSeconds < 0 ? '-' : '+');
        int abs = Math.abs(totalSeconds);
        int hours = abs / 3600;
        int minutes = abs / 60 % 60;
        int seconds = abs % 60;
        pad(out, hours, 2, '0');
        if (colons == 3) {
            return;
        }
        if (colons >= 1) {
            out.append(':');
        }
        pad(out, minutes, 2, '0');
        if (colons == 2) {
            out.append(':');
            pad(out, seconds, 2, '0');
        }
    }

    /** The zone's abbreviation at that instant (PST, CET, UTC); for a bare offset, {@code GMT+hh:mm} style. */
    private static String zoneName(ZonedDateTime t) {
        ZoneId zone = t.getZone();
        if (zone.normalized() instanceof java.time.ZoneOffset offset && offset.getTotalSeconds() == 0) {
            return zone.getId().equals("GMT") ? "GMT" : "UTC";
        }
        return java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.US).format(t);
    }
}
