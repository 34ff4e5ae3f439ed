package io.github.splunkdeltabridge.reconcile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Times on reconcile's command line: ISO-8601 with an offset ({@code 2024-03-01T00:00:00Z},
 * {@code 2024-03-01T05:30:00+05:30}), a UTC date ({@code 2024-03-01}), or epoch seconds ({@code 1709251200}), the
 * forms the source connector's {@code splunk.backfill.*} settings take. A time without an offset is refused: it
 * would be read in some machine's zone.
 */
public final class InstantConverter implements ITypeConverter<Instant> {

    static final String FORMS = "2024-03-01T00:00:00Z, 2024-03-01 (UTC midnight) or epoch seconds";

    @Override
    public Instant convert(String value) {
        String text = value.trim();
        try {
            if (text.matches("\\d+(\\.\\d+)?")) {
                BigDecimal seconds = new BigDecimal(text);
                return Instant.ofEpochSecond(0)
                        .plusNanos(seconds.movePointRight(9).longValueExact());
            }
            if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is not a time: write " + FORMS);
        }
    }
}
