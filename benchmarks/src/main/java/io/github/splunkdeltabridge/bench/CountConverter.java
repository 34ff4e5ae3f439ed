package io.github.splunkdeltabridge.bench;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A count as the benchmarks take it: {@code 1000}, {@code 200k}, {@code 1m}, {@code 1_000_000} (k and m are 10^3, 10^6). */
final class CountConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        String digits = value.trim().replace("_", "").toLowerCase(Locale.ROOT);
        long factor = 1;
        if (digits.endsWith("k")) {
            factor = 1_000;
        } else if (digits.endsWith("m")) {
            factor = 1_000_000;
        }
        if (factor > 1) {
            digits = digits.substring(0, digits.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits), factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number such as 1000, 200k or 1m");
        }
    }

    /** The same for int options. */
    static final class ToInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long count = new CountConverter().convert(value);
            if (count != (int) count) {
                throw new TypeConversionException("'" + value + "' is too large");
            }
            return (int) count;
        }
    }
}
