package io.llmeval.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.List;

/**
 * Series data in columns, written as {@code {"name": [v0, v1, ...], ...}}: ECharts reads that shape directly as a
 * dataset source, and it is the smallest JSON for many rows (no repeated field names). Values are rounded to
 * their column's decimals when written (a page does not need 17 digits of a millisecond), and {@code NaN} is
 * written as {@code null}: a gap in the line, not a zero.
 */
public final class Columns implements JsonSerializable {

    private final int rows;
    private final Map<String, Column> columns = new LinkedHashMap<>();

    private record Column(double[] values, int decimals) {}

    public Columns(int rows) {
        this.rows = rows;
    }

    /** Adds a column; {@code NaN} in {@code values} is a missing value. */
    public Columns add(String name, double[] values, int decimals) {
        if (values.length != rows) {
            throw new IllegalArgumentException(name + " has " + values.length + " values, expected " + rows);
        }
        columns.put(name, new Column(values, decimals));
        return this;
    }

    /** Adds a column computed from each row of {@code source}. */
    public <T> Columns add(String name, List<T> source, ToDoubleFunction<T> value, int decimals) {
        double[] values = new double[source.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = source.get(i) == null ? Double.NaN : value.applyAsDouble(source.get(i));
        }
        return add(name, values, decimals);
    }

    public int rows() {
        return rows;
    }

    public Set<String> names() {
        return columns.keySet();
    }

    /** A column's values as added (not rounded). */
    public double[] get(String name) {
        Column column = columns.get(name);
        if (column == null) {
            throw new IllegalArgumentException("no column " + name + " in " + columns.keySet());
        }
        return column.values();
    }

    /** {@code v} as written: {@code NaN} for a missing value, else rounded half-up to {@code decimals}. */
    static double rounded(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.NaN;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeStartObject();
        for (Map.Entry<String, Column> entry : columns.entrySet()) {
            gen.writeArrayFieldStart(entry.getKey());
            int decimals = entry.getValue().decimals();
            for (double v : entry.getValue().values()) {
                double r = rounded(v, decimals);
                if (Double.isNaN(r)) {
                    gen.writeNull();
                } else if (decimals == 0 || r == Math.rint(r) && Math.abs(r) < 1e15) {
                    gen.writeNumber((long) r);
                } else {
                    gen.writeNumber(r);
                }
            }
            gen.writeEndArray();
        }
        gen.writeEndObject();
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
            throws IOException {
        serialize(gen, serializers);
    }
}
