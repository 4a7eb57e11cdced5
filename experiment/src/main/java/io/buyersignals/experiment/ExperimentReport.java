package io.buyersignals.experiment;

import io.buyersignals.experiment.stats.ConfidenceSequence;
import io.buyersignals.experiment.stats.Estimate;
import io.buyersignals.experiment.stats.FixedHorizon;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The experiment's read-out from its conversations' outcomes: per-arm figures, the split, and the comparisons. */
public final class ExperimentReport {
    /** How the read-out is computed; the defaults are what {@code experiment-report} uses. */
    public record Settings(double alpha, double treatmentShare, long tuningSize, int resamples, long seed) {
        public static final Settings DEFAULT = new Settings(0.05, 0.5, 5_000, 2_000, 1);
    }

    public enum Metric {
        RESPONSE_RATE("Response rate", "share of conversations in which the buyer wrote that got a merchant reply"),
        RESPONSE_TIME(
                "Response time",
                "first buyer message to first merchant reply; fixed horizon: difference in medians, always valid:"
                        + " difference in means"),
        CONVERSION_RATE("Conversion rate", "share of conversations with an order completed during them (rule 13)"),
        REVENUE_PER_CONVERSATION("Revenue per conversation", "revenue of the orders attributed, per conversation");

        public final String label;
        public final String definition;

        Metric(String label, String definition) {
            this.label = label;
            this.definition = definition;
        }
    }

    /** Treatment − control of one metric; null estimates when an arm has fewer than two values. */
    public record Comparison(Metric metric, double control, double treatment, Estimate fixed, Estimate sequential) {}

    /** Counts per arm, and the chi-square p-value of their split against the planned one. */
    public record Split(String unit, long control, long treatment, double pValue) {
        /** The conventional threshold for a sample-ratio mismatch: a real split breaks it once in a thousand. */
        public boolean mismatched() {
            return pValue < 0.001;
        }
    }

    public final Settings settings;
    public final OutcomeSource.Read read;
    /** Outcomes of shops outside the experiment (no arm): not compared. */
    public final long outside;

    public final Instant firstStart;
    public final Instant lastEnd;
    public final Map<Outcome.Arm, ArmFigures> arms = new EnumMap<>(Outcome.Arm.class);
    public final List<Split> splits = new ArrayList<>();
    public final List<Comparison> comparisons = new ArrayList<>();
    /** Null when revenue is compared; else why not. */
    public final String revenueNote;
    /** The currency revenue is in; null when there are no orders. */
    public final String currency;

    public ExperimentReport(OutcomeSource.Read read, Settings settings) {
        this.settings = settings;
        this.read = read;
        Map<Outcome.Arm, List<Outcome>> byArm = new EnumMap<>(Outcome.Arm.class);
        for (Outcome.Arm arm : Outcome.Arm.values()) {
            byArm.put(arm, new ArrayList<>());
        }
        long none = 0;
        Instant first = null;
        Instant last = null;
        List<String> currencies = new ArrayList<>();
        for (Outcome o : read.outcomes()) {
            if (o.arm() == null) {
                none++;
                continue;
            }
            byArm.get(o.arm()).add(o);
            first = first == null || o.startedAt().isBefore(first) ? o.startedAt() : first;
            last = last == null || o.endedAt().isAfter(last) ? o.endedAt() : last;
            if (o.currency() != null && !currencies.contains(o.currency())) {
                currencies.add(o.currency());
            }
        }
        outside = none;
        currency = read.outcomes().stream()
                .map(Outcome::currency)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        firstStart = first;
        lastEnd = last;
        byArm.forEach((arm, outcomes) -> arms.put(arm, new ArmFigures(outcomes)));
        ArmFigures c = arms.get(Outcome.Arm.CONTROL);
        ArmFigures t = arms.get(Outcome.Arm.TREATMENT);
        splits.add(split("shops", c.shops, t.shops));
        splits.add(split("conversations", c.conversations, t.conversations));

        double alpha = settings.alpha();
        comparisons.add(compare(
                Metric.RESPONSE_RATE,
                c.replies,
                t.replies,
                () -> FixedHorizon.twoProportions(c.replied, c.buyerWrote, t.replied, t.buyerWrote, alpha),
                c.responseRate(),
                t.responseRate()));
        comparisons.add(compare(
                Metric.RESPONSE_TIME,
                c.responseTimes,
                t.responseTimes,
                () -> FixedHorizon.medianDifference(
                        c.responseTimes, t.responseTimes, alpha, settings.resamples(), settings.seed()),
                FixedHorizon.median(c.responseTimes),
                FixedHorizon.median(t.responseTimes)));
        comparisons.add(compare(
                Metric.CONVERSION_RATE,
                c.conversions,
                t.conversions,
                () -> FixedHorizon.twoProportions(c.converted, c.conversations, t.converted, t.conversations, alpha),
                c.conversionRate(),
                t.conversionRate()));
        if (currencies.size() > 1) {
            revenueNote = "revenue is not compared: the orders are in " + String.join(", ", currencies)
                    + ", and the read-out converts no currencies";
        } else {
            revenueNote = null;
            comparisons.add(compare(
                    Metric.REVENUE_PER_CONVERSATION,
                    c.revenue,
                    t.revenue,
                    () -> FixedHorizon.welch(c.revenue, t.revenue, alpha),
                    c.revenuePerConversation(),
                    t.revenuePerConversation()));
        }
    }

    public Comparison comparison(Metric metric) {
        return comparisons.stream()
                .filter(c -> c.metric() == metric)
                .findFirst()
                .orElseThrow();
    }

    private Split split(String unit, long control, long treatment) {
        return new Split(
                unit,
                control,
                treatment,
                FixedHorizon.sampleRatioPValue(control, treatment, settings.treatmentShare()));
    }

    private Comparison compare(
            Metric metric,
            double[] control,
            double[] treatment,
            java.util.function.Supplier<Estimate> fixed,
            double controlValue,
            double treatmentValue) {
        if (control.length < 2 || treatment.length < 2) {
            return new Comparison(metric, controlValue, treatmentValue, null, null);
        }
        return new Comparison(
                metric,
                controlValue,
                treatmentValue,
                fixed.get(),
                ConfidenceSequence.differenceInMeans(control, treatment, settings.alpha(), settings.tuningSize()));
    }
}
