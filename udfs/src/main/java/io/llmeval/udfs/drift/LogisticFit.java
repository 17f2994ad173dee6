package io.llmeval.udfs.drift;

import io.llmeval.udfs.eval.LogisticRegression;

import java.util.function.ToDoubleFunction;

/**
 * The L2-regularised logistic regression behind {@code domain_classifier}: fits rows to two classes and
 * returns the fitted linear score (higher = more likely positive).
 *
 * <pre>{@code
 * ToDoubleFunction<double[]> score = LogisticFit.standard().fit(trainX, trainPositive, 50.0);
 * double s = score.applyAsDouble(testRow);
 * }</pre>
 *
 * <p>Objective: the <em>sum</em> of the rows' log-losses plus {@code ridge / 2 * |w|^2}, the bias not
 * penalised (Smile's {@code LogisticRegression.binomial} convention, in which {@code domain_classifier}'s
 * {@code λ = 50} was chosen). An interface so that the job has one logistic regression, the project's own
 * {@link LogisticRegression} ({@link #standard()}), while another library's can be compared with it: the
 * optional {@code stats-smile} module checks Smile's against it in a parity test.
 */
@FunctionalInterface
public interface LogisticFit {

    ToDoubleFunction<double[]> fit(double[][] features, boolean[] positive, double ridge);

    /** {@link LogisticRegression#fit} (mean log-loss, so its L2 strength is {@code ridge / n}); scores are logits. */
    static LogisticFit standard() {
        return LogisticFit::projectRegression;
    }

    private static ToDoubleFunction<double[]> projectRegression(double[][] features, boolean[] positive,
                                                                double ridge) {
        return LogisticRegression.fit(features, positive, ridge / features.length)::logit;
    }
}
