package io.llmeval.udfs.hallucination;

import io.llmeval.udfs.rouge.RougeMetric;
import io.llmeval.udfs.rouge.RougeScorer;
import io.llmeval.udfs.text.StemCache;
import io.llmeval.udfs.text.TokenSink;
import io.llmeval.udfs.text.TokenizerMode;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Scores how likely a response states things its reference (the retrieved passage, the source document)
 * does not support, from lexical evidence, optionally sharpened by the generator's mean token log-probability
 * and a model's semantic similarity.
 *
 * <pre>{@code
 * HallucinationScorer scorer = HallucinationScorer.builder()
 *         .tokenizerMode(TokenizerMode.UNICODE)
 *         .threshold(HallucinationScorer.DEFAULT_THRESHOLD)
 *         .build();
 * HallucinationResult r = scorer.score("Hà Nội có 100 quận.", "Hà Nội có 12 quận và 17 huyện.", null, null, null);
 * r.numberMismatch();     // 1.0: "100" is not in the reference
 * r.hallucinated();       // r.hallucinationScore() >= threshold
 * r.signals();            // every signal by snake_case name
 * }</pre>
 *
 * <h2>Signals</h2>
 * <ul>
 *   <li>{@code unsupported_ratio}: share of the response's content tokens (stemmed; not a {@link Stopwords}
 *       word, not a single letter) that the reference does not contain;
 *   <li>{@code unsupported_bigram_ratio}: share of the response's adjacent token pairs (stemmed, stopwords
 *       kept) with at least one content token that never occur adjacent in the reference — catches true
 *       words recombined into a false statement; a response without such a pair takes its
 *       {@code unsupported_ratio};
 *   <li>{@code entity_mismatch}: share of the response's named-entity-like spans (capitalised runs, see
 *       {@link EntitySpans}; compared case- and accent-insensitively, whatever the tokenizer mode) with a
 *       content word the reference lacks;
 *   <li>{@code number_mismatch}: share of the response's numbers whose value is not written in the reference
 *       ("1,000" = "1000", "1,5" = "1.5"; see {@link NumberMentions});
 *   <li>ROUGE-1/2/L/Lsum precision, recall and F of (reference, response), stemmed, for reporting;
 *       {@code one_minus_rouge_l_f} is the naive {@code 1 − ROUGE-L F} baseline (AUROC 0.25 on HaluEval:
 *       a short correct answer has a tiny F against a long passage), kept for comparison, never combined.
 * </ul>
 *
 * <h2>Combined score</h2>
 * {@code lexical = σ(bias + w·signals)} with {@link HallucinationWeights} (four weights fitted on the HaluEval
 * development file). When given, two more pieces of evidence are averaged in with fixed prior weights
 * (there are no log-probabilities or embeddings in HaluEval to fit them on):
 * {@code score = (0.6·lexical + 0.25·(1 − clamp(semantic_similarity, 0, 1)) + 0.15·(1 − exp(mean_logprob)))
 * / (sum of the weights present)}. Response length is not a signal: every signal is a share.
 * {@code hallucinated} is {@code score >= threshold}. The {@code prompt} is accepted for the record but not
 * used: treating words the user wrote as supported lowered the AUROC on HaluEval (see docs/hallucination.md).
 *
 * <p>Immutable and thread-safe; the configuration is serializable (caches are rebuilt after
 * deserialization), so a Flink function can hold one scorer as a field. Deterministic.
 */
public final class HallucinationScorer implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The default decision threshold on {@code hallucination_score}: even odds under the fitted model. On the
     * HaluEval development file it gives precision 1.000 and recall 0.944 (F1 0.971); the best-F1 threshold
     * there (0.148, F1 0.991) sits just above the floor {@code σ(bias) = 0.077} where every faithful answer of
     * that extractive data set lands, and would flag any paraphrase on real traffic (docs/hallucination.md).
     */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** Prior weight of the lexical score when averaging in the optional evidence. */
    public static final double LEXICAL_BLEND_WEIGHT = 0.6;
    /** Prior weight of {@code 1 − semantic_similarity}. */
    public static final double SEMANTIC_BLEND_WEIGHT = 0.25;
    /** Prior weight of {@code 1 − exp(mean_logprob)} (one minus the geometric-mean token probability). */
    public static final double LOGPROB_BLEND_WEIGHT = 0.15;

    static final List<RougeMetric> ROUGE_METRICS = List.of(
            RougeMetric.ROUGE_1, RougeMetric.ROUGE_2, RougeMetric.ROUGE_L, RougeMetric.ROUGE_LSUM);

    private final TokenizerMode tokenizerMode;
    private final double threshold;
    private final HallucinationWeights weights;
    private final List<RougeMetric> rougeMetrics;
    private final transient RougeScorer rouge;
    private final transient StemCache stems;

    HallucinationScorer(TokenizerMode tokenizerMode, double threshold, HallucinationWeights weights,
            List<RougeMetric> rougeMetrics) {
        this.tokenizerMode = tokenizerMode;
        this.threshold = threshold;
        this.weights = weights;
        this.rougeMetrics = List.copyOf(rougeMetrics);
        this.rouge = RougeScorer.builder().metrics(rougeMetrics).useStemmer(true)
                .tokenizerMode(tokenizerMode).build();
        this.stems = new StemCache(StemCache.DEFAULT_CAPACITY);
    }

    /** Rebuilds the caches after deserialization. */
    private Object readResolve() {
        return new HallucinationScorer(tokenizerMode, threshold, weights, rougeMetrics);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scores {@code response} against {@code reference}. {@code null} texts count as empty; {@code prompt},
     * {@code meanLogprob} (natural-log mean per generated token, &le; 0; positive values count as 0) and
     * {@code semanticSimilarity} (cosine, clamped to [0, 1]) may be {@code null}, and a {@code NaN} counts
     * as absent.
     */
    public HallucinationResult score(String response, String reference, String prompt, Double meanLogprob,
            Double semanticSimilarity) {
        String resp = response == null ? "" : response;
        String ref = reference == null ? "" : reference;

        Tokens responseTokens = tokens(resp);
        Tokens referenceTokens = tokens(ref);
        int capacity = Math.max(16, referenceTokens.size() * 2); // load factor 0.75: no rehashing
        Map<String, Integer> vocabulary = new HashMap<>(capacity);
        Set<Long> referenceBigrams = new HashSet<>(capacity);
        int previous = -1;
        for (String token : referenceTokens.stems) {
            int id = vocabulary.computeIfAbsent(token, t -> vocabulary.size());
            if (previous >= 0) {
                referenceBigrams.add(bigramKey(previous, id));
            }
            previous = id;
        }

        double unsupported = unsupportedRatio(responseTokens, vocabulary);
        double unsupportedBigrams = unsupportedBigramRatio(responseTokens, vocabulary, referenceBigrams,
                unsupported);
        List<String> missingEntities = new ArrayList<>();
        double entities = entityMismatch(resp, ref, vocabulary.keySet(), missingEntities);
        List<String> missingNumbers = new ArrayList<>();
        double numbers = numberMismatch(resp, ref, missingNumbers);

        double lexical = weights.probability(unsupported, unsupportedBigrams, entities, numbers);
        Double logprob = meanLogprob == null || meanLogprob.isNaN() ? null : meanLogprob;
        Double similarity = semanticSimilarity == null || semanticSimilarity.isNaN() ? null : semanticSimilarity;
        double score = combine(lexical, logprob, similarity);

        return new HallucinationResult(score, score >= threshold, lexical, unsupported, unsupportedBigrams,
                entities, numbers, logprob, similarity, rouge.score(ref, resp), missingEntities, missingNumbers);
    }

    /** The weighted average of the lexical score and the optional evidence present (see the class doc). */
    static double combine(double lexical, Double meanLogprob, Double semanticSimilarity) {
        double sum = LEXICAL_BLEND_WEIGHT * lexical;
        double weight = LEXICAL_BLEND_WEIGHT;
        if (semanticSimilarity != null) {
            double similarity = Math.max(0.0, Math.min(1.0, semanticSimilarity));
            sum += SEMANTIC_BLEND_WEIGHT * (1.0 - similarity);
            weight += SEMANTIC_BLEND_WEIGHT;
        }
        if (meanLogprob != null) {
            double confidence = Math.exp(Math.min(0.0, meanLogprob));
            sum += LOGPROB_BLEND_WEIGHT * (1.0 - confidence);
            weight += LOGPROB_BLEND_WEIGHT;
        }
        return weight == LEXICAL_BLEND_WEIGHT ? lexical : Math.max(0.0, Math.min(1.0, sum / weight));
    }

    private static double unsupportedRatio(Tokens response, Map<String, Integer> referenceVocabulary) {
        int content = 0;
        int missing = 0;
        for (int i = 0; i < response.size(); i++) {
            if (response.content.get(i)) {
                content++;
                if (!referenceVocabulary.containsKey(response.stems.get(i))) {
                    missing++;
                }
            }
        }
        return content == 0 ? 0.0 : (double) missing / content;
    }

    private static double unsupportedBigramRatio(Tokens response, Map<String, Integer> referenceVocabulary,
            Set<Long> referenceBigrams, double unsupportedRatio) {
        int pairs = 0;
        int missing = 0;
        for (int i = 1; i < response.size(); i++) {
            if (!response.content.get(i - 1) && !response.content.get(i)) {
                continue;
            }
            pairs++;
            Integer a = referenceVocabulary.get(response.stems.get(i - 1));
            Integer b = referenceVocabulary.get(response.stems.get(i));
            if (a == null || b == null || !referenceBigrams.contains(bigramKey(a, b))) {
                missing++;
            }
        }
        return pairs == 0 ? unsupportedRatio : (double) missing / pairs;
    }

    /**
     * {@code referenceStems} are the reference's tokens in the configured mode; on ASCII text both modes give
     * exactly the folded Unicode tokens entity matching needs, so they are reused instead of scanning again.
     */
    private double entityMismatch(String response, String reference, Set<String> referenceStems,
            List<String> missing) {
        List<String> spans = EntitySpans.find(response);
        if (spans.isEmpty()) {
            return 0.0;
        }
        Set<String> supported = isAscii(reference) ? referenceStems : new HashSet<>(entityTokens(reference, false));
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (String span : spans) {
            List<String> words = entityTokens(span, true);
            if (words.isEmpty() || !seen.add(String.join(" ", words))) {
                continue;
            }
            total++;
            if (!supported.containsAll(words)) {
                missing.add(span);
            }
        }
        return total == 0 ? 0.0 : (double) missing.size() / total;
    }

    /** Folded, stemmed Unicode tokens; without stopwords and single letters when {@code contentOnly}. */
    private List<String> entityTokens(String text, boolean contentOnly) {
        List<String> out = new ArrayList<>();
        TokenizerMode.UNICODE.scan(text, (chars, start, end) -> {
            String token = EntitySpans.fold(new String(chars, start, end - start));
            if (contentOnly && !isContent(token)) {
                return;
            }
            out.add(isAsciiStemmable(token) ? stems.stem(token) : token);
        });
        return out;
    }

    private static double numberMismatch(String response, String reference, List<String> missing) {
        List<NumberMentions.Mention> mentions = NumberMentions.find(response);
        if (mentions.isEmpty()) {
            return 0.0;
        }
        Set<String> supported = new HashSet<>();
        for (NumberMentions.Mention mention : NumberMentions.find(reference)) {
            supported.addAll(mention.values());
        }
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (NumberMentions.Mention mention : mentions) {
            if (!seen.add(mention.text())) {
                continue;
            }
            total++;
            boolean found = false;
            for (String value : mention.values()) {
                found |= supported.contains(value);
            }
            if (!found) {
                missing.add(mention.text());
            }
        }
        return (double) missing.size() / total;
    }

    /** The stemmed tokens of {@code text} in the configured mode, each marked content or not. */
    private Tokens tokens(String text) {
        Tokens tokens = new Tokens();
        tokenizerMode.scan(text, new TokenSink() {
            @Override
            public void token(char[] chars, int start, int end) {
                String raw = new String(chars, start, end - start);
                String stem = tokenizerMode.isStemmable(chars, start, end) ? stems.stem(raw) : raw;
                tokens.stems.add(stem);
                tokens.content.add(isContent(raw));
            }
        });
        return tokens;
    }

    /**
     * A distinct key per ordered id pair, multiplied by an odd constant (a bijection) so that
     * {@link Long#hashCode} spreads small ids instead of colliding on {@code a ^ b}.
     */
    private static long bigramKey(int a, int b) {
        return (((long) a << 32) | (b & 0xFFFFFFFFL)) * 0x9E3779B97F4A7C15L;
    }

    /** Not a stopword and not a single letter. */
    static boolean isContent(String rawToken) {
        if (rawToken.codePointCount(0, rawToken.length()) == 1 && Character.isLetter(rawToken.codePointAt(0))) {
            return false;
        }
        return !Stopwords.isStopword(rawToken);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiStemmable(String token) {
        if (token.length() <= 3) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    public TokenizerMode tokenizerMode() {
        return tokenizerMode;
    }

    public double threshold() {
        return threshold;
    }

    public HallucinationWeights weights() {
        return weights;
    }

    @Override
    public String toString() {
        return "HallucinationScorer{tokenizerMode=" + tokenizerMode + ", threshold=" + threshold
                + ", weights=" + weights + '}';
    }

    /** Stemmed tokens with a content flag each. */
    private static final class Tokens {
        final List<String> stems = new ArrayList<>();
        final List<Boolean> content = new ArrayList<>();

        int size() {
            return stems.size();
        }
    }

    /**
     * Builds a {@link HallucinationScorer}. Defaults: {@link TokenizerMode#ROUGE_SCORE},
     * {@link #DEFAULT_THRESHOLD}, {@link HallucinationWeights#DEFAULT}.
     */
    public static final class Builder {

        private TokenizerMode tokenizerMode = TokenizerMode.ROUGE_SCORE;
        private double threshold = DEFAULT_THRESHOLD;
        private HallucinationWeights weights = HallucinationWeights.DEFAULT;
        private List<RougeMetric> rougeMetrics = ROUGE_METRICS;

        private Builder() {
        }

        /**
         * The ROUGE variants each result carries (default: ROUGE-1, ROUGE-2, ROUGE-L, ROUGE-Lsum). ROUGE-L is
         * required ({@link HallucinationResult#rougeLF()}); the windows need nothing else, so the jobs ask for it
         * alone and skip the n-gram and summary passes the command line reports.
         */
        public Builder rougeMetrics(RougeMetric... metrics) {
            List<RougeMetric> list = List.of(metrics);
            if (!list.contains(RougeMetric.ROUGE_L)) {
                throw new IllegalArgumentException("the ROUGE metrics of a hallucination scorer must include ROUGE-L");
            }
            this.rougeMetrics = list;
            return this;
        }

        /** How texts are cut into tokens for the content and bigram signals and ROUGE. */
        public Builder tokenizerMode(TokenizerMode tokenizerMode) {
            this.tokenizerMode = Objects.requireNonNull(tokenizerMode, "tokenizerMode");
            return this;
        }

        /** {@code hallucinated} is {@code hallucination_score >= threshold}; must be in [0, 1]. */
        public Builder threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /** Replaces the fitted lexical model (for evaluating refitted weights). */
        public Builder weights(HallucinationWeights weights) {
            this.weights = Objects.requireNonNull(weights, "weights");
            return this;
        }

        /** Validates and builds; fails on a threshold outside [0, 1]. */
        public HallucinationScorer build() {
            if (!(threshold >= 0.0 && threshold <= 1.0)) {
                throw new IllegalStateException("hallucination threshold must be in [0, 1], got " + threshold);
            }
            return new HallucinationScorer(tokenizerMode, threshold, weights, rougeMetrics);
        }
    }
}
