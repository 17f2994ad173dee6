package io.llmeval.bench.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic English-like benchmark texts. {@code short}: 3-12 words (chat turns, labels); {@code long}:
 * 180-260 words (context passages; truncated at 256 tokens); {@code mixed}: 70% of 5-40 words, 25% of 40-120,
 * 5% of 120-260, the shape of prompts and responses in LLM logs.
 */
final class BenchTexts {

    private static final String[] WORDS = ("the a of to and in is it that for on with as was be by this are or "
            + "from at an not have has had but which their they you we can will one all would there been if more "
            + "when who so what about up out into than them its only other new some could time these two may then "
            + "do first any my now such like our over man me even most made after also did many before must "
            + "through back years where much your way well down should because each just those people how too "
            + "little state good very make world still own see men work long get here between both life being "
            + "under never day same another know while last might us great old year off come since against go "
            + "came right used take three service model response latency request customer refund policy order "
            + "payment account password reset error timeout deployment cluster region traffic metric window "
            + "answer question reference document summary context passage quality score drift alert incident "
            + "weather travel flight hotel booking recipe chicken pasta garden music history science language "
            + "translation example function variable database query index cache memory thread network server").split(" ");

    private BenchTexts() {}

    static List<String> generate(String kind, int count, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(text(random, words(kind, random)));
        }
        return out;
    }

    private static int words(String kind, Random random) {
        switch (kind) {
            case "short":
                return 3 + random.nextInt(10);
            case "long":
                return 180 + random.nextInt(81);
            case "mixed":
                double p = random.nextDouble();
                if (p < 0.70) {
                    return 5 + random.nextInt(36);
                }
                if (p < 0.95) {
                    return 40 + random.nextInt(81);
                }
                return 120 + random.nextInt(141);
            default:
                throw new IllegalArgumentException("texts must be short, mixed or long but was " + kind);
        }
    }

    private static String text(Random random, int words) {
        StringBuilder sb = new StringBuilder();
        int sentence = 0;
        for (int w = 0; w < words; w++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            if (sentence == 0) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            }
            sb.append(word);
            sentence++;
            if (sentence > 6 && random.nextInt(8) == 0 || w == words - 1) {
                sb.append(random.nextInt(5) == 0 ? "?" : ".");
                sentence = 0;
            } else if (random.nextInt(12) == 0) {
                sb.append(',');
            }
            sb.append(' ');
        }
        return sb.toString().trim();
    }
}
