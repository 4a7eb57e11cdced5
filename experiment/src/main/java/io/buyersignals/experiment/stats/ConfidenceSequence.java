package io.buyersignals.experiment.stats;

import org.apache.commons.math3.stat.descriptive.StatisticalSummary;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Always-valid inference for a difference in means: the asymptotic confidence sequence of Waudby-Smith, Arbour,
 * Sinha, Kennedy and Ramdas ("Time-uniform central limit theory and asymptotic confidence sequences", 2023), the
 * method GrowthBook's sequential testing uses. Its intervals hold at every sample size at once, so the read-out may
 * be looked at daily and the experiment stopped at any look without raising the false-positive rate above alpha.
 * The price is width: wider than the fixed-horizon interval, least so near the tuning sample size.
 */
public final class ConfidenceSequence {
    private ConfidenceSequence() {}

    /**
     * The mixing parameter rho² that makes the sequence narrowest at {@code tuningSize} observations; any value
     * keeps it valid, the tuning only decides where it is tightest.
     */
    public static double rhoSquared(double alpha, long tuningSize) {
        double twoLogAlpha = -2 * Math.log(alpha);
        return (twoLogAlpha + Math.log(twoLogAlpha + 1)) / tuningSize;
    }

    /**
     * Treatment − control of the means, with its (1 − alpha) confidence sequence and always-valid p-value (the
     * smallest alpha at which the sequence leaves zero out). Each arm needs at least two observations.
     */
    public static Estimate differenceInMeans(double[] control, double[] treatment, double alpha, long tuningSize) {
        return differenceInMeans(summary(control), summary(treatment), alpha, tuningSize);
    }

    /** The same from each arm's count, mean and variance, as a stream of outcomes keeps them. */
    public static Estimate differenceInMeans(
            StatisticalSummary control, StatisticalSummary treatment, double alpha, long tuningSize) {
        double difference = treatment.getMean() - control.getMean();
        long n = control.getN() + treatment.getN();
        // The difference's variance as that of one observation of n: the sequence's sigma² is n · Var(difference).
        double sigmaSquared = n * (control.getVariance() / control.getN() + treatment.getVariance() / treatment.getN());
        double rho2 = rhoSquared(alpha, tuningSize);
        double growth = n * rho2 + 1;
        double half =
                Math.sqrt(sigmaSquared * 2 * growth / ((double) n * n * rho2) * Math.log(Math.sqrt(growth) / alpha));
        double pValue = sigmaSquared == 0
                ? (difference == 0 ? 1 : 0)
                : Math.min(
                        1,
                        Math.sqrt(growth)
                                * Math.exp(-difference * difference * n * n * rho2 / (2 * sigmaSquared * growth)));
        return new Estimate(difference, difference - half, difference + half, pValue, "asymptotic confidence sequence");
    }

    private static StatisticalSummary summary(double[] values) {
        SummaryStatistics summary = new SummaryStatistics();
        for (double value : values) {
            summary.addValue(value);
        }
        return summary;
    }
}
