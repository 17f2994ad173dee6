package io.llmeval.udfs.drift;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DriftDetectorTest {

    private static final SyntheticEmbeddings MIXTURE = new SyntheticEmbeddings(384, 12, 0, 42); // equal topic weights
    private static final int WINDOW = 500;
    private static EmbeddingReference reference;

    @BeforeAll
    static void prepareReference() {
        // 10,000 reference vectors subsampled to 1,000, as the detector does by default.
        reference = EmbeddingReference.subsample(MIXTURE.sample(10_000, new SplittableRandom(1)), 1000, 2);
    }

    private static DriftDetector detector(String primary) {
        return DriftDetector.builder().reference(reference).primaryMethod(primary).build();
    }

    @ParameterizedTest
    @CsvSource({
            "domain_classifier, 0.55",
            "component_share,   0.2",
            "mean_distance,     0.99",
            "mmd,               0.01",
    })
    void registryDescribesEveryMethod(String id, double defaultThreshold) {
        DriftMethod method = DriftMethods.get(id);
        assertThat(method.id()).isEqualTo(id);
        assertThat(method.defaultThreshold()).isEqualTo(defaultThreshold);
        assertThat(method.displayName()).isNotBlank();
        assertThat(method.thresholdMeaning()).isNotBlank();
        assertThat(method.returns()).isNotBlank();
    }

    /** mmd while reference + window rows stay within 3,000 (about 1 s of kernel work), then mean_distance. */
    @ParameterizedTest
    @CsvSource({
            "1000,  500, mmd",
            "2500,  500, mmd",
            "2501,  500, mean_distance",
            "10000, 500, mean_distance",
            "1000, 2000, mmd",
            "1000, 2001, mean_distance",
    })
    void defaultMethodDependsOnPooledSize(int referenceSize, int sampleSize, String expected) {
        assertThat(DriftMethods.defaultFor(referenceSize, sampleSize).id()).isEqualTo(expected);
    }

    @Test
    void registryListsValidIdsOnUnknownId() {
        assertThat(DriftMethods.ids()).containsExactly("domain_classifier", "component_share", "mean_distance", "mmd");
        assertThatThrownBy(() -> DriftMethods.get("evidently"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown drift method 'evidently'; valid ids: domain_classifier, component_share, "
                        + "mean_distance, mmd");
        assertThatThrownBy(() -> DriftDetector.builder().reference(reference).primaryMethod("ks").build())
                .hasMessage("unknown drift method 'ks'; valid ids: domain_classifier, component_share, "
                        + "mean_distance, mmd");
        assertThatThrownBy(() -> DriftDetector.builder().threshold("psi", 0.1))
                .hasMessage("unknown drift method 'psi'; valid ids: domain_classifier, component_share, "
                        + "mean_distance, mmd");
    }

    @Test
    void builderValidatesSettings() {
        assertThatThrownBy(() -> DriftDetector.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reference is required");
        assertThatThrownBy(() -> DriftDetector.builder().reference(reference).minSamples(1).build())
                .hasMessage("minSamples must be >= 2, got 1");
        assertThatThrownBy(() -> DriftDetector.builder().reference(reference).maxReferenceSize(10).build())
                .hasMessage("maxReferenceSize must be >= minSamples (50), got 10");
        assertThatThrownBy(() -> DriftDetector.builder().reference(reference).sampleCapacity(20).build())
                .hasMessage("sampleCapacity must be >= minSamples (50), got 20");
        DriftDetector detector = DriftDetector.builder().reference(reference).build();
        float[][] wrongDimension = new float[60][3];
        assertThatThrownBy(() -> detector.detect(wrongDimension))
                .hasMessage("current row 0 has 3 values, expected 384");
        float[][] withNaN = MIXTURE.sample(60, new SplittableRandom(3));
        withNaN[7][5] = Float.NaN;
        assertThatThrownBy(() -> detector.detect(withNaN))
                .hasMessage("current row 7 has a non-finite value at 5: NaN");
        float[][] small = MIXTURE.sample(40, new SplittableRandom(3));
        assertThatThrownBy(() -> DriftDetector.builder().reference(small).build())
                .hasMessage("reference has 40 vectors, fewer than minSamples (50)");
    }

    @Test
    void defaultsAreDocumented() {
        DriftDetector detector = DriftDetector.builder().reference(MIXTURE.sample(1500, new SplittableRandom(4))).build();
        assertThat(detector.primaryMethod().id()).isEqualTo(DriftMethods.DEFAULT_ID);
        assertThat(detector.minSamples()).isEqualTo(50);
        assertThat(detector.reference().size()).isEqualTo(1000);
        assertThat(detector.methods()).containsExactly(DriftMethods.defaultMethod());
        DriftDetector large = DriftDetector.builder().reference(reference).sampleCapacity(2500).build();
        assertThat(large.primaryMethod().id()).isEqualTo("mean_distance");
    }

    @Test
    void belowMinimumSampleThereIsNoVerdict() {
        // Even a window entirely from a new topic gets no verdict with 49 vectors.
        SplittableRandom random = new SplittableRandom(5);
        float[][] window = MIXTURE.sample(49, 1.0, MIXTURE.newCentre(random), random);
        DriftReport report = DriftDetector.builder().reference(reference).allMethods(true).build().detect(window);

        assertThat(report.status()).isEqualTo(DriftStatus.INSUFFICIENT_SAMPLES);
        assertThat(report.status().label()).isEqualTo("insufficient_samples");
        assertThat(report.driftScore()).isNaN();
        assertThat(report.driftDetected()).isFalse();
        assertThat(report.methods()).isEmpty();
        assertThat(report.primary()).isNull();
        assertThat(report.sampleCount()).isEqualTo(49);
    }

    @Test
    void allMethodsReportsEachMethodPrimaryFirst() {
        SplittableRandom random = new SplittableRandom(6);
        float[][] window = MIXTURE.sample(WINDOW, 0.5, MIXTURE.newCentre(random), random);
        DriftReport report = DriftDetector.builder().reference(reference).primaryMethod("mean_distance")
                .allMethods(true).build().detect(window);

        assertThat(report.status()).isEqualTo(DriftStatus.OK);
        assertThat(report.methods().keySet())
                .containsExactly("mean_distance", "domain_classifier", "component_share", "mmd");
        assertThat(report.driftMethod()).isEqualTo("mean_distance");
        assertThat(report.driftScore()).isEqualTo(report.primary().score());
        for (DriftResult result : report.methods().values()) {
            assertThat(result.score()).as(result.method()).isBetween(0.0, 1.0);
            assertThat(result.driftDetected()).as(result.method()).isTrue();
            assertThat(result.driftDetected()).isEqualTo(result.statistic() > result.threshold());
        }
    }

    @Test
    void sameSetOfRecordsInAnyOrderGivesTheSameReport() {
        SplittableRandom random = new SplittableRandom(7);
        float[][] window = MIXTURE.sample(800, 0.1, MIXTURE.newCentre(random), random);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < window.length; i++) {
            order.add(i);
        }
        DriftDetector detector = DriftDetector.builder().reference(reference).allMethods(true).build();
        DriftReport first = null;
        Random shuffler = new Random(8);
        for (int run = 0; run < 3; run++) {
            Collections.shuffle(order, shuffler);
            ReservoirSampler<float[]> sample = ReservoirSampler.forVectors();
            for (int i : order) {
                sample.offer("req-" + i, window[i]);
            }
            DriftReport report = detector.detect(sample);
            assertThat(report.sampleCount()).isEqualTo(ReservoirSampler.DEFAULT_CAPACITY);
            assertThat(report.seenCount()).isEqualTo(800);
            if (first == null) {
                first = report;
            } else {
                assertThat(report).isEqualTo(first);
            }
        }
    }

    /** Same mixture, 100 windows of 500: at most 5 false alarms. */
    @ParameterizedTest
    @ValueSource(strings = {"domain_classifier", "component_share", "mean_distance", "mmd"})
    void falseAlarmRateIsAtMostFivePercent(String method) {
        DriftDetector detector = detector(method);
        int alarms = 0;
        for (int trial = 0; trial < 100; trial++) {
            DriftReport report = detector.detect(MIXTURE.sample(WINDOW, new SplittableRandom(1000 + trial)));
            if (report.driftDetected()) {
                alarms++;
            }
        }
        assertThat(alarms).as("false alarms in 100 windows").isLessThanOrEqualTo(5);
    }

    /** 20% of each window from a topic the reference lacks: detected in at least 19 of 20 windows. */
    @ParameterizedTest
    @ValueSource(strings = {"domain_classifier", "component_share", "mean_distance", "mmd"})
    void detectsTwentyPercentMixtureShift(String method) {
        DriftDetector detector = detector(method);
        int detected = 0;
        for (int trial = 0; trial < 20; trial++) {
            SplittableRandom random = new SplittableRandom(2000 + trial);
            DriftReport report = detector.detect(MIXTURE.sample(WINDOW, 0.2, MIXTURE.newCentre(random), random));
            if (report.driftDetected()) {
                detected++;
            }
        }
        assertThat(detected).as("detections in 20 drifted windows").isGreaterThanOrEqualTo(19);
    }
}
