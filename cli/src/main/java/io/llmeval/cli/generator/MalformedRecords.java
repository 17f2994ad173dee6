package io.llmeval.cli.generator;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Defective lines of the kinds real shippers produce, for exercising the dead-letter path. */
final class MalformedRecords {

    private MalformedRecords() {}

    static byte[] make(SplittableRandom random, long timestamp) {
        String id = "bad-" + Long.toHexString(random.nextLong() & 0xffffffffL);
        String text = switch (random.nextInt(7)) {
            case 0 -> "{\"request_id\":\"" + id + "\",\"timestamp\":" + timestamp + ",\"model\":\"gpt-4o-mini\",\"latency_";
            case 1 -> "{\"request_id\":\"" + id + "\",\"timestamp\":" + timestamp + ",\"latency_ms\":120.5}";
            case 2 -> "{\"request_id\":\"" + id + "\",\"timestamp\":" + timestamp + ",\"model\":\"gpt-4o-mini\",\"latency_ms\":-5}";
            case 3 -> "{\"request_id\":\"" + id + "\",\"timestamp\":\"yesterday\",\"model\":\"gpt-4o-mini\",\"latency_ms\":80}";
            case 4 -> "{\"request_id\":\"" + id + "\",\"timestamp\":" + timestamp + ",\"model\":\"gpt-4o-mini\",\"latency_ms\":\"fast\"}";
            case 5 -> "[\"" + id + "\"," + timestamp + "]";
            default -> null;
        };
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        // Latin-1 bytes where UTF-8 is expected: a classic of mis-configured shippers.
        byte[] prefix = ("{\"request_id\":\"" + id + "\",\"timestamp\":" + timestamp
                + ",\"model\":\"gpt-4o-mini\",\"latency_ms\":90,\"prompt\":\"caf").getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[prefix.length + 3];
        System.arraycopy(prefix, 0, line, 0, prefix.length);
        line[prefix.length] = (byte) 0xE9;
        line[prefix.length + 1] = '"';
        line[prefix.length + 2] = '}';
        return line;
    }
}
