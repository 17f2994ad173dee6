import io.llmeval.inference.SentenceEmbedder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.*;
import java.util.*;

/** Time to embed the drift window (first 500 mixed fortunes) in one call, 1 warm-up + N timed calls. */
public class DriftWindowTime {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            var node = json.readTree(line);
            if (node.get("set").asText().equals("mixed") && texts.size() < 500) texts.add(node.get("text").asText());
        }
        int rounds = Integer.parseInt(args[1]);
        try (SentenceEmbedder e = SentenceEmbedder.builder().threads(2).build()) {
            e.embed(texts);
            long[] ms = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long t = System.nanoTime();
                e.embed(texts);
                ms[i] = (System.nanoTime() - t) / 1_000_000;
            }
            Arrays.sort(ms);
            System.out.printf("drift window of %d texts: best %d ms, median %d ms (%s)%n", texts.size(), ms[0], ms[rounds / 2], Arrays.toString(ms));
        }
    }
}
