package io.buyersignals.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

/**
 * The read-out's tests against worked examples published with their results, so that a wrong choice (pooled where
 * the test wants unpooled, a one-sided p-value, the wrong tail) shows as a number that disagrees with the example.
 */
class PublishedExamplesTest {
    /**
     * Two-proportion z-test: 140 of 200 against 255 of 340, pooled proportion 0.7314815, standard error 0.03949401,
     * z = −1.266015 (homeworksource.com/p/1008622, a worked solution; its p-value is read off a t distribution, so
     * the z statistic is what is compared here).
     */
    @Test
    void twoProportionZTest() {
        Estimate e = FixedHorizon.twoProportions(255, 340, 140, 200, 0.05);
        assertThat(e.difference()).isCloseTo(0.70 - 0.75, within(1e-12));
        double z = new org.apache.commons.math3.distribution.NormalDistribution()
                .inverseCumulativeProbability(e.pValue() / 2);
        assertThat(z).isCloseTo(-1.266015, within(1e-6));
    }

    /** 28 of 254 against 36 of 301: z = −0.344, two-tailed p = 0.7307 (homeworksource.com/p/997366). */
    @Test
    void twoProportionZTestWithSmallRates() {
        Estimate e = FixedHorizon.twoProportions(36, 301, 28, 254, 0.05);
        assertThat(e.pValue()).isCloseTo(0.7307, within(1e-4));
    }

    /** The interval is Wald's, centred on the difference with each arm's own variance: 1.96 standard errors. */
    @Test
    void twoProportionIntervalIsWalds() {
        Estimate e = FixedHorizon.twoProportions(255, 340, 140, 200, 0.05);
        double error = Math.sqrt(0.70 * 0.30 / 200 + 0.75 * 0.25 / 340);
        assertThat(e.high() - e.difference()).isCloseTo(1.959964 * error, within(1e-6));
        assertThat(e.difference() - e.low()).isCloseTo(1.959964 * error, within(1e-6));
    }

    /**
     * Wikipedia, "Welch's t-test", first example: A1 and A2 of 15 values each, t = −2.46, ν ≈ 24.9, p = 0.021
     * (the same data gives pValue = 0.021 in Azure Data Explorer's welch_test documentation).
     */
    @Test
    void welchTTest() {
        double[] a1 = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
        double[] a2 = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
        Estimate e = FixedHorizon.welch(a2, a1, 0.05);
        assertThat(e.pValue()).isCloseTo(0.021, within(0.0005));
        double error = Math.sqrt(org.apache.commons.math3.stat.StatUtils.variance(a1) / 15
                + org.apache.commons.math3.stat.StatUtils.variance(a2) / 15);
        assertThat(e.difference() / error).isCloseTo(-2.46, within(0.005));
        assertThat(e.significant()).isTrue();
    }

    /**
     * Wikipedia, "Mann–Whitney U test", the tortoises and hares: finishing order T H H H H H T T T T T H gives
     * U = 11 for the tortoises and 25 for the hares.
     */
    @Test
    void mannWhitneyU() {
        double[] tortoises = {1, 7, 8, 9, 10, 11};
        double[] hares = {2, 3, 4, 5, 6, 12};
        // commons-math reports the larger of the two U statistics.
        assertThat(new MannWhitneyUTest().mannWhitneyU(tortoises, hares)).isEqualTo(25.0);
        assertThat(6 * 6 - new MannWhitneyUTest().mannWhitneyU(tortoises, hares))
                .isEqualTo(11.0);
    }

    /**
     * Wikipedia, "Sample ratio mismatch": 600 and 400 of 1,000 users on a planned 50/50 split, p = 2.54 × 10⁻¹⁰;
     * and srm.osc.garden's 44,000 against 45,000: p ≈ 0.0008, a mismatch.
     */
    @Test
    void sampleRatioMismatch() {
        assertThat(FixedHorizon.sampleRatioPValue(400, 600, 0.5)).isCloseTo(2.54e-10, within(0.005e-10));
        assertThat(FixedHorizon.sampleRatioPValue(44_000, 45_000, 0.5)).isCloseTo(0.0008, within(0.00005));
        assertThat(FixedHorizon.sampleRatioPValue(500, 500, 0.5)).isEqualTo(1.0);
    }
}
