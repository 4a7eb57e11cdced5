package io.buyersignals.experiment.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * Tests for one look at a sample whose size was fixed in advance. Distributions and tests are commons-math's; what
 * is here is which test fits which metric. Read repeatedly while an experiment runs, their error rates no longer
 * hold: {@link ConfidenceSequence} is the method for that.
 */
public final class FixedHorizon {
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private FixedHorizon() {}

    /**
     * Two-proportion z-test of treatment − control: the p-value under the pooled proportion (the null says both
     * are one), the interval with each arm's own variance (Wald), as the textbooks give them.
     */
    public static Estimate twoProportions(
            long controlHits, long controlTrials, long treatmentHits, long treatmentTrials, double alpha) {
        double pc = (double) controlHits / controlTrials;
        double pt = (double) treatmentHits / treatmentTrials;
        double difference = pt - pc;
        double pooled = (double) (controlHits + treatmentHits) / (controlTrials + treatmentTrials);
        double nullError = Math.sqrt(pooled * (1 - pooled) * (1.0 / controlTrials + 1.0 / treatmentTrials));
        double pValue = nullError == 0 ? 1 : 2 * NORMAL.cumulativeProbability(-Math.abs(difference / nullError));
        double error = Math.sqrt(pc * (1 - pc) / controlTrials + pt * (1 - pt) / treatmentTrials);
        double half = NORMAL.inverseCumulativeProbability(1 - alpha / 2) * error;
        return new Estimate(difference, difference - half, difference + half, pValue, "two-proportion z-test");
    }

    /** Wilson's interval for one arm's rate: unlike Wald's, it stays inside [0, 1] for small counts. */
    public static double[] rateInterval(long hits, long trials, double alpha) {
        if (trials == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        ConfidenceInterval interval = new WilsonScoreInterval().createInterval((int) trials, (int) hits, 1 - alpha);
        return new double[] {interval.getLowerBound(), interval.getUpperBound()};
    }

    /** Welch's t-test of the difference in means (unequal variances), with its Welch–Satterthwaite interval. */
    public static Estimate welch(double[] control, double[] treatment, double alpha) {
        double difference = StatUtils.mean(treatment) - StatUtils.mean(control);
        double vc = StatUtils.variance(control) / control.length;
        double vt = StatUtils.variance(treatment) / treatment.length;
        if (vc + vt == 0) {
            return new Estimate(difference, difference, difference, difference == 0 ? 1 : 0, "Welch's t-test");
        }
        double df = (vc + vt) * (vc + vt) / (vc * vc / (control.length - 1) + vt * vt / (treatment.length - 1));
        double half = new TDistribution(null, df).inverseCumulativeProbability(1 - alpha / 2) * Math.sqrt(vc + vt);
        double pValue = new TTest().tTest(treatment, control);
        return new Estimate(difference, difference - half, difference + half, pValue, "Welch's t-test");
    }

    /**
     * The difference in medians, with a percentile-bootstrap interval (resampling each arm, a seeded generator so
     * that the same outcomes give the same report) and the Mann–Whitney U test's p-value: response times are
     * skewed, and neither needs them to be normal.
     */
    public static Estimate medianDifference(
            double[] control, double[] treatment, double alpha, int resamples, long seed) {
        RandomGenerator random = new Well19937c(seed);
        double[] differences = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            differences[i] = median(resample(treatment, random)) - median(resample(control, random));
        }
        Percentile percentile = new Percentile();
        double pValue = new MannWhitneyUTest().mannWhitneyUTest(treatment, control);
        return new Estimate(
                median(treatment) - median(control),
                percentile.evaluate(differences, 100 * alpha / 2),
                percentile.evaluate(differences, 100 * (1 - alpha / 2)),
                pValue,
                "bootstrap interval, Mann–Whitney U test");
    }

    /** A percentile-bootstrap interval for one arm's quantile. */
    public static double[] quantileInterval(double[] values, double quantile, double alpha, int resamples, long seed) {
        if (values.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        RandomGenerator random = new Well19937c(seed);
        double[] estimates = new double[resamples];
        Percentile percentile = new Percentile(quantile);
        for (int i = 0; i < resamples; i++) {
            estimates[i] = percentile.evaluate(resample(values, random));
        }
        Percentile bounds = new Percentile();
        return new double[] {
            bounds.evaluate(estimates, 100 * alpha / 2), bounds.evaluate(estimates, 100 * (1 - alpha / 2))
        };
    }

    public static double median(double[] values) {
        return quantile(values, 50);
    }

    public static double quantile(double[] values, double quantile) {
        return values.length == 0 ? Double.NaN : new Percentile(quantile).evaluate(values);
    }

    /**
     * Sample-ratio mismatch: Pearson's chi-square goodness-of-fit of the counts per arm against the planned split.
     * A tiny p-value says the split itself is broken, and then no other figure of the experiment can be trusted.
     */
    public static double sampleRatioPValue(long control, long treatment, double treatmentShare) {
        if (control + treatment == 0) {
            return Double.NaN;
        }
        return new ChiSquareTest()
                .chiSquareTest(new double[] {1 - treatmentShare, treatmentShare}, new long[] {control, treatment});
    }

    private static double[] resample(double[] values, RandomGenerator random) {
        double[] sample = new double[values.length];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = values[random.nextInt(values.length)];
        }
        return sample;
    }
}
