package io.github.splunkdeltabridge.delta.options;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A positive number of bytes, optionally with k, m, g or t (powers of 1024), as Spark writes them: 512m, 10g. */
final class ByteSizeConverter implements ITypeConverter<Long> {

    private static final Pattern BYTE_SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)b?");

    @Override
    public Long convert(String value) {
        Matcher matcher = BYTE_SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            int shift = switch (matcher.group(2)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                case "t" -> 40;
                default -> 0;
            };
            try {
                long bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), 1L << shift);
                if (bytes > 0) {
                    return bytes;
                }
            } catch (ArithmeticException | NumberFormatException e) {
                // reported below
            }
        }
        throw new TypeConversionException(
                "must be a positive size in bytes, optionally with k, m, g or t (512m, 10g), got '" + value + "'");
    }
}
