package io.llmeval.udfs.rouge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The scores of one (reference, candidate) pair for every metric of a {@link RougeScorer}, in its order.
 *
 * <pre>{@code
 * RougeScores scores = scorer.score(reference, candidate);
 * double f = scores.get(RougeMetric.ROUGE_L).fmeasure();
 * double r2 = scores.get("rouge2").recall();
 * }</pre>
 *
 * <p>Immutable.
 */
public final class RougeScores {

    private final List<RougeMetric> metrics;
    private final RougeScore[] scores;

    RougeScores(List<RougeMetric> metrics, RougeScore[] scores) {
        this.metrics = metrics;
        this.scores = scores;
    }

    /** The score of {@code metric}; it must be one the scorer was built with. */
    public RougeScore get(RougeMetric metric) {
        for (int i = 0; i < scores.length; i++) {
            if (metrics.get(i).equals(metric)) {
                return scores[i];
            }
        }
        throw new IllegalArgumentException("metric " + metric + " was not scored; scored: "
                + metrics.stream().map(RougeMetric::name).collect(Collectors.joining(", ")));
    }

    /** The score of the metric named {@code name} (see {@link RougeMetric#parse}). */
    public RougeScore get(String name) {
        return get(RougeMetric.parse(name));
    }

    /** The score at {@code index} in {@link #metrics()} order. */
    public RougeScore get(int index) {
        return scores[index];
    }

    public List<RougeMetric> metrics() {
        return metrics;
    }

    /** Metric → score, in the scorer's metric order. */
    public Map<RougeMetric, RougeScore> asMap() {
        Map<RougeMetric, RougeScore> map = new LinkedHashMap<>();
        for (int i = 0; i < scores.length; i++) {
            map.put(metrics.get(i), scores[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RougeScores{");
        for (int i = 0; i < scores.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(metrics.get(i).name()).append('=').append(scores[i]);
        }
        return sb.append('}').toString();
    }
}
