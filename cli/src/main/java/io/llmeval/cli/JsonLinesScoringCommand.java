package io.llmeval.cli;

import io.llmeval.jobs.cli.ExitCodes;
import io.llmeval.jobs.cli.BaseCommand;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Shared by {@link RougeCommand} and {@link HallucinationCommand}: reads JSON lines from {@code --input}
 * (stdin by default, or {@code -}), turns each into one output line with {@link #score}, in input order, and
 * writes them to {@code --output} (stdout by default). A line that is not a JSON object, or whose fields are
 * missing or of the wrong type, becomes {@code {"id":<id or null>,"error":"<reason>"}}; blank lines are
 * skipped. Only an unreadable input or unwritable output fails the command.
 */
abstract class JsonLinesScoringCommand extends BaseCommand {

    /** A field of a line is missing or has the wrong type: the line becomes an error record. */
    static final class BadLineException extends RuntimeException {
        BadLineException(String message) {
            super(message);
        }
    }

    protected static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--input", paramLabel = "FILE", description = "JSON lines to read (default: stdin; '-' is stdin).")
    Path input;

    @Option(names = "--output", paramLabel = "FILE", description = "File to write the JSON lines to (default: stdout).")
    Path output;

    /** Builds the output record for one input object; {@code out} already holds {@code "id"}. */
    protected abstract void score(JsonNode line, ObjectNode out);

    /** Validates options before any line is read; throws a picocli ParameterException on bad ones. */
    protected void prepare() {
    }

    @Override
    protected final int execute() throws Exception {
        prepare();
        boolean stdin = input == null || input.toString().equals("-");
        try (BufferedReader reader = stdin
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(input, StandardCharsets.UTF_8);
             Writer writer = output == null ? null : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            long lines = 0;
            long errors = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode record = process(line);
                lines++;
                errors += record.has("error") ? 1 : 0;
                String text = JSON.writeValueAsString(record);
                if (writer == null) {
                    out().println(text);
                } else {
                    writer.write(text);
                    writer.write('\n');
                }
            }
            out().flush();
            if (errors > 0) {
                err().printf("llm-eval %s: %d of %d lines could not be scored (see their \"error\" field)%n",
                        spec.name(), errors, lines);
            }
        }
        return ExitCodes.OK;
    }

    private ObjectNode process(String line) {
        ObjectNode out = JSON.createObjectNode();
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            out.putNull("id");
            out.put("error", "not valid JSON: " + e.getOriginalMessage());
            return out;
        }
        if (node == null || !node.isObject()) {
            out.putNull("id");
            out.put("error", "not a JSON object");
            return out;
        }
        JsonNode id = node.get("id");
        out.set("id", id == null ? JSON.nullNode() : id);
        try {
            score(node, out);
        } catch (BadLineException | IllegalArgumentException e) {
            ObjectNode error = JSON.createObjectNode();
            error.set("id", out.get("id"));
            error.put("error", e.getMessage());
            return error;
        }
        return out;
    }

    /** The string field {@code name}; fails the line when it is missing or not a string. */
    protected static String requiredText(JsonNode line, String name) {
        JsonNode value = line.get(name);
        if (value == null || value.isNull()) {
            throw new BadLineException("missing field '" + name + "'");
        }
        if (!value.isTextual()) {
            throw new BadLineException("field '" + name + "' must be a string, got " + value.getNodeType()
                    .toString().toLowerCase(java.util.Locale.ROOT));
        }
        return value.textValue();
    }

    /** The optional string field {@code name}: {@code null} when missing or null. */
    protected static String optionalText(JsonNode line, String name) {
        JsonNode value = line.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadLineException("field '" + name + "' must be a string or null");
        }
        return value.textValue();
    }

    /** The optional finite number field {@code name}: {@code null} when missing or null. */
    protected static Double optionalNumber(JsonNode line, String name) {
        JsonNode value = line.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw new BadLineException("field '" + name + "' must be a number or null");
        }
        return value.doubleValue();
    }
}
