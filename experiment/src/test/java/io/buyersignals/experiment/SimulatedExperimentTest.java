package io.buyersignals.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.experiment.ExperimentReport.Comparison;
import io.buyersignals.experiment.ExperimentReport.Metric;
import io.buyersignals.testkit.ShopperSimulator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The read-out recovers an effect that is there, and finds none where there is none: simulated experiments through
 * the rules, large enough to detect the configured effect (about 3,000 conversations per arm). Each runs one fixed
 * seed, so one in twenty A/A seeds would fail here by design: how often the tests err over many experiments is
 * {@code PeekingTest}'s to show.
 */
class SimulatedExperimentTest {
    private static final List<ShopperSimulator.Shop> SHOPS = SimulatedExperiment.shops(40);
    private static final int BUYERS = 800;
    private static final int STEPS = 160_000;

    @Test
    void theReportRecoversTheConfiguredEffects() throws Exception {
        ShopperSimulator.Merchants merchants = new ShopperSimulator.Merchants(0.6, 0.2, 0.1, 0.05);
        ExperimentReport report = report(merchants, 5);
        System.out.print(ReportMarkdown.of(report, null));

        assertThat(report.arms.get(Outcome.Arm.CONTROL).conversations).isGreaterThan(3_000);
        assertThat(report.arms.get(Outcome.Arm.TREATMENT).conversations).isGreaterThan(3_000);
        assertThat(report.splits).noneMatch(ExperimentReport.Split::mismatched);
        for (Metric metric : List.of(Metric.RESPONSE_RATE, Metric.CONVERSION_RATE)) {
            Comparison c = report.comparison(metric);
            double configured = metric == Metric.RESPONSE_RATE ? 0.1 : 0.05;
            assertThat(c.fixed().covers(configured))
                    .as(metric + " fixed interval covers the effect")
                    .isTrue();
            assertThat(c.fixed().significant()).as(metric + " fixed-horizon").isTrue();
            assertThat(c.sequential().covers(configured))
                    .as(metric + " sequence covers the effect")
                    .isTrue();
            assertThat(c.sequential().significant())
                    .as(metric + " always valid")
                    .isTrue();
        }
        assertThat(report.comparison(Metric.RESPONSE_RATE).control()).isBetween(0.57, 0.63);
        assertThat(report.comparison(Metric.CONVERSION_RATE).control()).isBetween(0.17, 0.23);
    }

    @Test
    void anAaSplitShowsNoEffect() throws Exception {
        ShopperSimulator.Merchants merchants = new ShopperSimulator.Merchants(0.6, 0.2, 0, 0);
        ExperimentReport report = report(merchants, 1);
        System.out.print(ReportMarkdown.of(report, null));

        assertThat(report.splits).noneMatch(ExperimentReport.Split::mismatched);
        assertThat(report.comparisons).hasSize(Metric.values().length);
        for (Comparison c : report.comparisons) {
            assertThat(c.fixed().significant())
                    .as(c.metric() + " fixed-horizon")
                    .isFalse();
            assertThat(c.fixed().covers(0)).isTrue();
            assertThat(c.sequential().significant())
                    .as(c.metric() + " always valid")
                    .isFalse();
        }
    }

    private static ExperimentReport report(ShopperSimulator.Merchants merchants, long seed) throws Exception {
        List<String> documents = SimulatedExperiment.outcomes(SHOPS, merchants, BUYERS, STEPS, seed);
        // -Dexperiment.example=DIR: the command's report of the effect experiment, as docs/experiments.md shows it.
        String example = System.getProperty("experiment.example");
        if (example != null && merchants.replyEffect() > 0) {
            java.nio.file.Path dir = java.nio.file.Path.of(example);
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve("outcomes.jsonl"), documents);
            ExperimentReportCommand.run(
                    "--outcomes", dir.resolve("outcomes.jsonl").toString(), "--out", dir.toString());
        }
        return new ExperimentReport(
                OutcomeSource.parse(documents, "the simulated experiment"), ExperimentReport.Settings.DEFAULT);
    }
}
