package io.github.splunkdeltabridge.delta.options;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an enum option by its documented spelling ({@code per-index}, {@code autoloader}), in any case; a wrong
 * value is answered with the spellings that work.
 */
final class OptionChoice<E extends Enum<E>> implements ITypeConverter<E> {

    private final E[] choices;
    private final Function<E, String> spelling;

    OptionChoice(E[] choices, Function<E, String> spelling) {
        this.choices = choices.clone();
        this.spelling = spelling;
    }

    @Override
    public E convert(String value) {
        return Arrays.stream(choices)
                .filter(choice -> spelling.apply(choice).equalsIgnoreCase(value.trim()))
                .findFirst()
                .orElseThrow(
                        () -> new TypeConversionException("expected one of " + spellings() + ", got '" + value + "'"));
    }

    private String spellings() {
        return Arrays.stream(choices).map(spelling).collect(Collectors.joining(", "));
    }
}
