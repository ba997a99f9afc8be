package io.newswatch.cli;

import io.newswatch.text.Durations;
import picocli.CommandLine;

import java.time.Duration;

/** Durations as people type them on the command line: see {@link Durations}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
