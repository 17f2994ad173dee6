package io.llmeval.udfs.drift;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * The two-sample Kolmogorov–Smirnov test behind {@link ScalarDrift}'s evidence gate.
 *
 * <pre>{@code
 * TwoSampleKsTest.Result r = TwoSampleKsTest.standard().test(referenceTokens, windowTokens);
 * r.statistic();   // D = sup |F_ref - F_window|, tie-aware (ties step both distributions together)
 * r.pValue();      // P(D_{n,m} >= d) under the null that both samples share one distribution
 * }</pre>
 *
 * <p>An interface so that the statistic has one implementation in the job (the {@link #standard()} one,
 * Apache-licensed) while another library's can be compared with it: the optional {@code stats-smile} module
 * checks Smile's against it in a parity test. Implementations must not modify their arguments.
 */
@FunctionalInterface
public interface TwoSampleKsTest {

    Result test(double[] a, double[] b);

    /** The statistic D and its two-sided p-value. */
    record Result(double statistic, double pValue) {
    }

    /**
     * Apache Commons Statistics' test with its defaults: two-sided, exact p-value of D when neither sample
     * exceeds 10,000 values (the asymptotic Kolmogorov distribution beyond), D computed on the empirical
     * distributions with ties stepping together.
     */
    static TwoSampleKsTest standard() {
        return TwoSampleKsTest::commonsStatistics;
    }

    private static Result commonsStatistics(double[] a, double[] b) {
        KolmogorovSmirnovTest.TwoResult result = KolmogorovSmirnovTest.withDefaults().test(a, b);
        return new Result(result.getStatistic(), result.getPValue());
    }
}
