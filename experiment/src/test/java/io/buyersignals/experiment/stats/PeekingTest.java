package io.buyersignals.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

/**
 * Why the read-out has an always-valid table: A/A experiments (no effect at all) read out every day for thirty days.
 * Stopping at the first look with p < 0.05, the fixed-horizon test declares far more of them significant than 5 %;
 * the confidence sequence keeps it at or under 5 %. A fixed seed: the same counts every run.
 */
class PeekingTest {
    private static final int EXPERIMENTS = 1_000;
    private static final int DAYS = 30;
    private static final int CONVERSATIONS_PER_ARM_PER_DAY = 100;
    private static final double ALPHA = 0.05;

    @Test
    void dailyPeeksInflateTheFixedHorizonFalsePositivesButNotTheSequentialOnes() {
        RandomGenerator random = new Well19937c(20261202);
        int fixedEver = 0;
        int fixedAtTheEnd = 0;
        int sequentialEver = 0;
        int sequentialTimesEver = 0;
        for (int experiment = 0; experiment < EXPERIMENTS; experiment++) {
            long[] conversions = new long[2];
            long[] conversations = new long[2];
            SummaryStatistics[] rates = {new SummaryStatistics(), new SummaryStatistics()};
            SummaryStatistics[] times = {new SummaryStatistics(), new SummaryStatistics()};
            boolean fixedSignificant = false;
            boolean sequentialSignificant = false;
            boolean sequentialTimesSignificant = false;
            for (int day = 1; day <= DAYS; day++) {
                for (int arm = 0; arm < 2; arm++) {
                    for (int i = 0; i < CONVERSATIONS_PER_ARM_PER_DAY; i++) {
                        boolean converted = random.nextDouble() < 0.2;
                        conversions[arm] += converted ? 1 : 0;
                        conversations[arm]++;
                        rates[arm].addValue(converted ? 1 : 0);
                        // Skewed like response times: log-normal, median about 2 minutes.
                        times[arm].addValue(Math.exp(4.8 + 1.0 * random.nextGaussian()));
                    }
                }
                Estimate fixed = FixedHorizon.twoProportions(
                        conversions[0], conversations[0], conversions[1], conversations[1], ALPHA);
                fixedSignificant |= fixed.pValue() < ALPHA;
                if (day == DAYS && fixed.pValue() < ALPHA) {
                    fixedAtTheEnd++;
                }
                Estimate sequential = ConfidenceSequence.differenceInMeans(rates[0], rates[1], ALPHA, 5_000);
                sequentialSignificant |= sequential.pValue() < ALPHA;
                assertThat(sequential.pValue() < ALPHA).isEqualTo(sequential.significant());
                sequentialTimesSignificant |= ConfidenceSequence.differenceInMeans(times[0], times[1], ALPHA, 5_000)
                        .significant();
            }
            fixedEver += fixedSignificant ? 1 : 0;
            sequentialEver += sequentialSignificant ? 1 : 0;
            sequentialTimesEver += sequentialTimesSignificant ? 1 : 0;
        }
        double fixedRate = (double) fixedEver / EXPERIMENTS;
        double sequentialRate = (double) sequentialEver / EXPERIMENTS;
        System.out.printf(
                "A/A, %d experiments, %d daily looks: fixed horizon significant at some look %.1f %%, at the last"
                        + " look only %.1f %%; confidence sequence %.1f %% (conversion), %.1f %% (response time)%n",
                EXPERIMENTS,
                DAYS,
                100 * fixedRate,
                100.0 * fixedAtTheEnd / EXPERIMENTS,
                100 * sequentialRate,
                100.0 * sequentialTimesEver / EXPERIMENTS);
        assertThat(fixedRate).as("fixed horizon, peeking daily").isGreaterThan(0.15);
        assertThat((double) fixedAtTheEnd / EXPERIMENTS)
                .as("fixed horizon, one look at the planned end")
                .isBetween(0.03, 0.07);
        assertThat(sequentialRate).as("confidence sequence, peeking daily").isLessThanOrEqualTo(ALPHA);
        assertThat((double) sequentialTimesEver / EXPERIMENTS)
                .as("confidence sequence on a skewed metric, peeking daily")
                .isLessThanOrEqualTo(ALPHA);
    }

    /** The always-valid p-value is the sequence inverted: at alpha = p, the sequence's edge touches zero. */
    @Test
    void theAlwaysValidPValueIsWhereTheSequenceTouchesZero() {
        double[] control = {0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        double[] treatment = {1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1};
        Estimate atFive = ConfidenceSequence.differenceInMeans(control, treatment, 0.05, 20);
        double p = atFive.pValue();
        assertThat(p).isBetween(0.0, 1.0);
        // Same tuning (rho) as at 0.05; only the level moves.
        double rho2 = ConfidenceSequence.rhoSquared(0.05, 20);
        int n = control.length + treatment.length;
        double sigma2 = n
                * (org.apache.commons.math3.stat.StatUtils.variance(control) / control.length
                        + org.apache.commons.math3.stat.StatUtils.variance(treatment) / treatment.length);
        double half = Math.sqrt(sigma2 * 2 * (n * rho2 + 1) / (n * n * rho2) * Math.log(Math.sqrt(n * rho2 + 1) / p));
        assertThat(half).isCloseTo(Math.abs(atFive.difference()), org.assertj.core.api.Assertions.within(1e-9));
    }

    /** Always valid costs width: at the same data the sequence is wider than the fixed-horizon interval. */
    @Test
    void theSequenceIsWiderThanTheFixedHorizonInterval() {
        RandomGenerator random = new Well19937c(7);
        double[] control = new double[2_000];
        double[] treatment = new double[2_000];
        for (int i = 0; i < control.length; i++) {
            control[i] = random.nextDouble() < 0.2 ? 1 : 0;
            treatment[i] = random.nextDouble() < 0.25 ? 1 : 0;
        }
        Estimate fixed = FixedHorizon.welch(control, treatment, ALPHA);
        Estimate sequential = ConfidenceSequence.differenceInMeans(control, treatment, ALPHA, 5_000);
        assertThat(sequential.low()).isLessThan(fixed.low());
        assertThat(sequential.high()).isGreaterThan(fixed.high());
        assertThat(sequential.pValue()).isGreaterThan(fixed.pValue());
    }
}
