package io.llmeval.bench;

import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import io.llmeval.jobs.schema.LogRecordParser;
import io.llmeval.jobs.schema.ParserLimits;
import io.llmeval.jobs.schema.RawLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Single-thread throughput of {@link LogRecordParser} (UTF-8 check, JSON parse, validation) on generated
 * log lines: the per-record cost every backfill pays before any window work.
 * Run with {@code bench/parser-bench.sh [RECORDS]}.
 */
public final class ParserBenchmark {

    @Command(name = "ParserBenchmark", mixinStandardHelpOptions = true,
            description = "Single-thread parse + validate throughput on generated log lines.")
    static final class Flags {
        @Parameters(index = "0", arity = "0..1", paramLabel = "RECORDS",
                description = "Generated lines to parse per round (default ${DEFAULT-VALUE}).")
        int records = 100_000;
    }

    public static void main(String[] args) throws Exception {
        int records = BenchFlags.parse(new Flags(), args).records;
        List<byte[]> lines = new ArrayList<>(records);
        new TrafficGenerator(GeneratorConfig.of(records, 42, EnumSet.noneOf(IncidentType.class))).generate(lines::add);
        long bytes = lines.stream().mapToLong(l -> l.length + 1).sum();
        LogRecordParser parser = new LogRecordParser(ParserLimits.DEFAULTS);

        for (int round = 0; round < 8; round++) {
            long start = System.nanoTime();
            long valid = 0;
            for (byte[] line : lines) {
                valid += parser.parse(new RawLine(line, "bench:1", false)).isValid() ? 1 : 0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %,.0f records/s, %.1f MB/s (%d valid)%n",
                    round, records / seconds, bytes / seconds / 1e6, valid);
        }
    }
}
