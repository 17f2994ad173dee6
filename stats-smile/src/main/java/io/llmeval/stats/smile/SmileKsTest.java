package io.llmeval.stats.smile;

import io.llmeval.udfs.drift.TwoSampleKsTest;
import smile.stat.hypothesis.KSTest;

/**
 * {@link TwoSampleKsTest} by Smile's {@code KSTest.test}: the same tie-aware D, and the asymptotic
 * Kolmogorov p-value with Stephens' correction ({@code Q_KS((sqrt(en) + 0.12 + 0.11 / sqrt(en)) D)}).
 */
public final class SmileKsTest implements TwoSampleKsTest {

    @Override
    public Result test(double[] a, double[] b) {
        // KSTest.test sorts its arguments in place: give it copies.
        KSTest ks = KSTest.test(a.clone(), b.clone());
        return new Result(ks.d, ks.pvalue);
    }
}
