package io.llmeval.jobs.cli;

import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;

import java.time.Duration;

/** Accepts Flink's duration syntax: {@code 60s}, {@code 1 min}, {@code 5m}, {@code 500ms}, {@code 1h}. */
public class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return TimeUtils.parseDuration(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 30s, 1min, 5m)");
        }
    }
}
