package io.llmeval.bench;

import io.llmeval.udfs.drift.DriftMethod;
import io.llmeval.udfs.drift.DriftMethods;
import io.llmeval.udfs.text.TokenizerMode;
import picocli.CommandLine;

/**
 * The command line of every benchmark: picocli fills a {@code @Command} object's {@code @Option} fields from
 * {@code args}, with the project's parsers for tokenizer names and drift method ids.
 *
 * <pre>{@code
 * Flags flags = BenchFlags.parse(new Flags(), args);   // --help prints the usage and exits 0
 * }</pre>
 *
 * <p>A bad flag or value prints picocli's message and the usage on stderr and exits 2, as the benchmarks'
 * own loops did before.
 */
public final class BenchFlags {

    private BenchFlags() {
    }

    public static <T> T parse(T flags, String[] args) {
        CommandLine commandLine = new CommandLine(flags)
                .registerConverter(TokenizerMode.class,
                        value -> TokenizerMode.parse(value, CommandLine.TypeConversionException::new))
                .registerConverter(DriftMethod.class, BenchFlags::driftMethod);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println(e.getMessage());
            commandLine.usage(System.err);
            System.exit(2);
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(System.out);
            System.exit(0);
        }
        return flags;
    }

    /** {@link DriftMethods#get}, its message (naming the valid ids) as picocli's. */
    private static DriftMethod driftMethod(String id) {
        try {
            return DriftMethods.get(id);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
