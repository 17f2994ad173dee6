package io.llmeval.udfs.cost;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.DumperOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A price table and the cost of a request under it ({@code docs/cost.md}).
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.load(Path.of("prices.yaml"));       // or PriceTable.defaults()
 * Long picoUsd = prices.costPicoUsd("gpt-4o-mini", timeMillis, 1200L, 300L, 1000L, 0L);   // null: unpriced
 * }</pre>
 *
 * <p>The file (YAML or JSON) is a top-level list of entries {@code {match, input_per_mtok, output_per_mtok,
 * cache_read_per_mtok, cache_write_per_mtok, since}}. A request is priced by the entries whose {@code match}
 * matches its whole model name and whose {@code since} is at or before its time: the latest {@code since} wins,
 * ties go to the entry first in the file. Cache-read and cache-write tokens are part of the input tokens (as in
 * OpenTelemetry's and the providers' usage): they are priced at their own prices and not again as input, so the
 * input price applies to {@code input − cache_read − cache_write}. Reasoning tokens are part of the output tokens
 * and are priced as output.
 *
 * <p>Costs are integers of pico-USD (10⁻¹² USD): exact for prices with up to six decimals per million tokens, so
 * sums do not depend on the order of addition (stream and batch add in different orders). Other prices are
 * rounded once per request, half to even. Every scalar of the file is read as text (no YAML 1.1 dates or
 * floats), so {@code 0.15} is exactly 0.15.
 */
public final class PriceTable implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The example table shipped as {@code flink-conf/prices.yaml}. */
    public static final String DEFAULT_RESOURCE = "/io/llmeval/udfs/cost/prices.yaml";

    static final Set<String> KEYS = Set.of(
            "match", "input_per_mtok", "output_per_mtok", "cache_read_per_mtok", "cache_write_per_mtok", "since");

    /** Pico-USD per USD-per-million-tokens and token: 10¹² / 10⁶. */
    private static final BigDecimal PICO_PER_MTOK_PRICE = BigDecimal.valueOf(1_000_000);

    private final List<PriceEntry> entries;
    private transient Pattern[] patterns;

    public PriceTable(List<PriceEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<PriceEntry> entries() {
        return entries;
    }

    /** The example table of {@code flink-conf/prices.yaml}, from the classpath. */
    public static PriceTable defaults() {
        try (InputStream in = PriceTable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "flink-conf/prices.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a price file; an unusable one is an {@link IllegalArgumentException} naming the file, entry and key. */
    public static PriceTable load(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /** Parses a price table from YAML or JSON text; {@code name} says where it came from in error messages. */
    public static PriceTable parse(String text, String name) {
        Object root;
        try {
            root = textOnlyYaml().load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(name + ": not YAML or JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(root instanceof List<?> list)) {
            throw new IllegalArgumentException(name + ": expected a list of price entries at the top level");
        }
        List<PriceEntry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            entries.add(entry(list.get(i), name + ": entry " + (i + 1)));
        }
        return new PriceTable(entries);
    }

    private static PriceEntry entry(Object item, String where) {
        if (!(item instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": expected a mapping of " + KEYS);
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' (valid: " + new java.util.TreeSet<>(KEYS) + ")");
            }
        }
        String match = text(map, "match", where);
        if (match == null) {
            throw new IllegalArgumentException(where + ": 'match' is required");
        }
        try {
            Pattern.compile(match);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": 'match' is not a regular expression: " + e.getDescription());
        }
        BigDecimal input = requiredPrice(map, "input_per_mtok", where);
        BigDecimal output = requiredPrice(map, "output_per_mtok", where);
        BigDecimal cacheRead = price(map, "cache_read_per_mtok", where);
        BigDecimal cacheWrite = price(map, "cache_write_per_mtok", where);
        String since = text(map, "since", where);
        return new PriceEntry(match, input, output, cacheRead == null ? input : cacheRead,
                cacheWrite == null ? input : cacheWrite, since == null ? Instant.MIN : instant(since, where));
    }

    private static String text(Map<?, ?> map, String key, String where) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a scalar");
        }
        return s;
    }

    private static BigDecimal requiredPrice(Map<?, ?> map, String key, String where) {
        BigDecimal price = price(map, key, where);
        if (price == null) {
            throw new IllegalArgumentException(where + ": '" + key + "' is required");
        }
        return price;
    }

    private static BigDecimal price(Map<?, ?> map, String key, String where) {
        String text = text(map, key, where);
        if (text == null) {
            return null;
        }
        try {
            BigDecimal price = new BigDecimal(text.strip());
            if (price.signum() < 0) {
                throw new NumberFormatException();
            }
            return price;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a decimal number >= 0, got '" + text + "'");
        }
    }

    /** A date ({@code 2024-07-18}, midnight UTC) or an RFC 3339 time with {@code Z} or an offset. */
    static Instant instant(String text, String where) {
        String value = text.strip();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value.replace(' ', 'T').replace('t', 'T').replace('z', 'Z')).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": 'since' must be a date (2024-07-18) or an RFC 3339 time "
                    + "(2024-07-18T00:00:00Z), got '" + text + "'");
        }
    }

    /**
     * The entry that prices {@code model} at {@code timeMillis}: among the entries matching the whole name with
     * {@code since} at or before that time, the latest {@code since}, ties to the first in the file; {@code null}
     * when none.
     */
    public PriceEntry find(String model, long timeMillis) {
        if (model == null) {
            return null;
        }
        Pattern[] compiled = patterns();
        Instant time = Instant.ofEpochMilli(timeMillis);
        PriceEntry best = null;
        for (int i = 0; i < entries.size(); i++) {
            PriceEntry entry = entries.get(i);
            if (!entry.since().isAfter(time) && (best == null || entry.since().isAfter(best.since()))
                    && compiled[i].matcher(model).matches()) {
                best = entry;
            }
        }
        return best;
    }

    /**
     * Cost of one request in pico-USD, or {@code null} when it is unpriced: no entry prices its model at its time,
     * it reports neither input nor output tokens, or its cache counts exceed its input tokens. Absent counts are 0.
     */
    public Long costPicoUsd(String model, long timeMillis, Long input, Long output, Long cacheRead, Long cacheWrite) {
        if (input == null && output == null) {
            return null;
        }
        PriceEntry entry = find(model, timeMillis);
        if (entry == null) {
            return null;
        }
        return cost(entry, orZero(input), orZero(output), orZero(cacheRead), orZero(cacheWrite));
    }

    /** Σ tokens × price of one request under {@code entry}, in pico-USD; {@code null} for inconsistent counts. */
    static Long cost(PriceEntry entry, long input, long output, long cacheRead, long cacheWrite) {
        long uncachedInput = input - cacheRead - cacheWrite;
        if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite < 0 || uncachedInput < 0) {
            return null;
        }
        BigDecimal perMtok = entry.inputPerMtok().multiply(BigDecimal.valueOf(uncachedInput))
                .add(entry.cacheReadPerMtok().multiply(BigDecimal.valueOf(cacheRead)))
                .add(entry.cacheWritePerMtok().multiply(BigDecimal.valueOf(cacheWrite)))
                .add(entry.outputPerMtok().multiply(BigDecimal.valueOf(output)));
        return perMtok.multiply(PICO_PER_MTOK_PRICE).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private Pattern[] patterns() {
        if (patterns == null) {
            Pattern[] compiled = new Pattern[entries.size()];
            for (int i = 0; i < compiled.length; i++) {
                compiled[i] = Pattern.compile(entries.get(i).match());
            }
            patterns = compiled;
        }
        return patterns;
    }

    /** SnakeYAML that resolves no implicit type but null: numbers and dates stay text, parsed exactly here. */
    private static Yaml textOnlyYaml() {
        LoaderOptions options = new LoaderOptions();
        Resolver resolver = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(Tag.NULL, NULL, "~nN\0");
                addImplicitResolver(Tag.NULL, EMPTY, null);
            }
        };
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, resolver);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriceTable that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "PriceTable" + entries;
    }
}
