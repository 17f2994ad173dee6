package io.llmeval.jobs.backfill;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The backfill's own settings ({@code llm-eval.backfill.*}), with defaults; see {@code docs/backfill.md}.
 *
 * @param unitBytes input bytes per unit of work (the grain of {@code --resume})
 * @param maxOpenWindows key-windows a subtask folds in memory before it writes them out
 * @param maxOpenDriftItems sampled texts a subtask holds in memory before it writes its drift samples out
 * @param partitionSlack how long before a date partition's start its files may hold late-shipped records
 */
public record BackfillOptions(long unitBytes, int maxOpenWindows, long maxOpenDriftItems, Duration partitionSlack) {

    public static final ConfigOption<MemorySize> UNIT_SIZE = ConfigOptions.key("llm-eval.backfill.unit-size")
            .memoryType()
            .defaultValue(MemorySize.parse("1gb"))
            .withDescription("Input bytes (as stored) per unit of work. A unit is one Flink job whose result is "
                    + "committed whole: a resumed run redoes at most the units that were not committed. Smaller units "
                    + "lose less on a crash and pay a job start (about a second) each.");

    public static final ConfigOption<Integer> MAX_OPEN_WINDOWS = ConfigOptions.key("llm-eval.backfill.max-open-windows")
            .intType()
            .defaultValue(20_000)
            .withDescription("Key-windows a subtask folds in memory (a few KB each) before writing them out; bounds "
                    + "memory whatever the archive's time span. An early write costs output size, never accuracy.");

    public static final ConfigOption<Long> MAX_OPEN_DRIFT_ITEMS = ConfigOptions.key("llm-eval.backfill.max-open-drift-items")
            .longType()
            .defaultValue(200_000L)
            .withDescription("Sampled texts (each at most llm-eval.drift.max-text-chars) a subtask holds in its open "
                    + "drift samples before writing them out.");

    public static final ConfigOption<Duration> PARTITION_SLACK = ConfigOptions.key("llm-eval.backfill.partition-slack")
            .durationType()
            .defaultValue(Duration.ofHours(1))
            .withDescription("With --from/--to, files under date partitions (dt=2026-11-01/, 2026/11/01/, "
                    + "year=/month=/day=) are not opened when their day (or hour), extended this far back for "
                    + "records shipped late into the next partition, lies outside the range.");

    public BackfillOptions {
        if (unitBytes < 1 || maxOpenWindows < 1 || maxOpenDriftItems < 1 || partitionSlack.isNegative()) {
            throw new IllegalArgumentException("llm-eval.backfill.* sizes must be positive and the slack not negative");
        }
    }

    public static BackfillOptions from(ReadableConfig config) {
        return new BackfillOptions(config.get(UNIT_SIZE).getBytes(), config.get(MAX_OPEN_WINDOWS),
                config.get(MAX_OPEN_DRIFT_ITEMS), config.get(PARTITION_SLACK));
    }

    /**
     * The settings a resumed run must share with the interrupted one: every {@code llm-eval.*} option (windows, time
     * range, scoring, drift, units...) except those that only change how fast or where it runs.
     */
    public static Map<String, String> fingerprintSettings(ReadableConfig config) {
        Map<String, String> settings = new TreeMap<>();
        config.toMap().forEach((key, value) -> {
            if (key.startsWith("llm-eval.") && !key.startsWith("llm-eval.prometheus.")
                    && !key.equals(MAX_OPEN_WINDOWS.key()) && !key.equals(MAX_OPEN_DRIFT_ITEMS.key())) {
                settings.put(key, value);
            }
        });
        return settings;
    }
}
