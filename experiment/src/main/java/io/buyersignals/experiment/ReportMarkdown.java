package io.buyersignals.experiment;

import io.buyersignals.experiment.ExperimentReport.Comparison;
import io.buyersignals.experiment.ExperimentReport.Metric;
import io.buyersignals.experiment.ExperimentReport.Split;
import io.buyersignals.experiment.stats.Estimate;
import io.buyersignals.experiment.stats.FixedHorizon;
import java.util.Locale;
import java.util.function.Function;

/** The read-out as Markdown: what a person reads, and what the command prints and writes. */
public final class ReportMarkdown {
    private ReportMarkdown() {}

    public static String of(ExperimentReport report, String plotFile) {
        StringBuilder md = new StringBuilder();
        ExperimentReport.Settings settings = report.settings;
        int level = (int) Math.round(100 * (1 - settings.alpha()));
        md.append("# Experiment read-out\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%d conversation outcomes read from %s%s; %d in shops outside the experiment (not compared).%n",
                report.read.outcomes().size(),
                report.read.from(),
                report.read.unreadable() == 0
                        ? ""
                        : String.format(Locale.ROOT, " (%d documents were not outcomes)", report.read.unreadable()),
                report.outside));
        if (report.firstStart != null) {
            md.append("Conversations in the experiment started from ")
                    .append(report.firstStart)
                    .append(" and ended by ")
                    .append(report.lastEnd)
                    .append(".\n");
        }

        md.append("\n## Split\n\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "| | control | treatment | planned treatment share | p (chi-square) | |%n|---|---:|---:|---:|---:|---|%n"));
        for (Split split : report.splits) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %.2f | %s | %s |%n",
                    split.unit(),
                    split.control(),
                    split.treatment(),
                    settings.treatmentShare(),
                    p(split.pValue()),
                    split.mismatched() ? "**sample-ratio mismatch: find out why before trusting any figure**" : "ok"));
        }
        md.append("\nShops are what is randomised; conversations follow the shops' traffic, so their split is a check"
                + " only when there are many shops of similar size.\n");

        md.append("\n## Per arm\n\n| | control | treatment |\n|---|---:|---:|\n");
        row(md, report, "conversations", a -> Long.toString(a.conversations));
        row(md, report, "conversations in which the buyer wrote", a -> Long.toString(a.buyerWrote));
        row(md, report, "response rate", a -> withRateInterval(a.replied, a.buyerWrote, settings));
        row(md, report, "median response time", a -> seconds(FixedHorizon.median(a.responseTimes)));
        row(md, report, "p90 response time", a -> seconds(FixedHorizon.quantile(a.responseTimes, 90)));
        row(md, report, "conversion rate", a -> withRateInterval(a.converted, a.conversations, settings));
        row(md, report, "revenue per conversation", a -> money(a.revenuePerConversation(), report));

        md.append(String.format(
                Locale.ROOT,
                "%n## Treatment − control, fixed horizon (%d %% intervals)%n%n"
                        + "Valid when read **once**, at a sample size or end date fixed before the experiment"
                        + " started.%n%n| metric | difference | %d %% interval | p-value | test |%n"
                        + "|---|---:|---|---:|---|%n",
                level,
                level));
        for (Comparison comparison : report.comparisons) {
            estimateRow(md, report, comparison.metric(), comparison.fixed());
        }
        md.append(String.format(
                Locale.ROOT,
                "%n## Treatment − control, always valid (%d %% confidence sequences)%n%n"
                        + "Valid at **every** look: read it daily, stop when it is conclusive. Response time is"
                        + " compared by its mean here. Tuned to be tightest at %d observations.%n%n"
                        + "| metric | difference | %d %% confidence sequence | always-valid p | method |%n"
                        + "|---|---:|---|---:|---|%n",
                level,
                settings.tuningSize(),
                level));
        for (Comparison comparison : report.comparisons) {
            estimateRow(md, report, comparison.metric(), comparison.sequential());
        }
        if (report.revenueNote != null) {
            md.append("\nNote: ").append(report.revenueNote).append(".\n");
        }
        md.append("\n## Which to use when\n\n"
                + "- Looking while the experiment runs, or deciding when to stop: the **always-valid** table. Its"
                + " false-positive rate stays at or under alpha however often it is read.\n"
                + "- One look at the end of a run whose length was fixed in advance: the **fixed-horizon** table,"
                + " which is narrower. Read daily, its p-values give false positives far more often than alpha"
                + " says.\n"
                + "- Either way, a sample-ratio mismatch above voids the comparison.\n");
        if (plotFile != null) {
            md.append("\n![The three metrics per arm with their ")
                    .append(level)
                    .append(" % intervals](")
                    .append(plotFile)
                    .append(")\n");
        }
        md.append("\n### Metrics\n\n");
        for (Metric metric : Metric.values()) {
            md.append("- **")
                    .append(metric.label)
                    .append("**: ")
                    .append(metric.definition)
                    .append(".\n");
        }
        return md.toString();
    }

    private static void estimateRow(StringBuilder md, ExperimentReport report, Metric metric, Estimate e) {
        if (e == null) {
            md.append("| ").append(metric.label).append(" | not enough data (two per arm at least) | | | |\n");
            return;
        }
        md.append(String.format(
                Locale.ROOT,
                "| %s | %s | [%s, %s] | %s | %s |%n",
                metric.label,
                difference(metric, e.difference(), report),
                difference(metric, e.low(), report),
                difference(metric, e.high(), report),
                p(e.pValue()),
                e.method()));
    }

    /** One figure of both arms, control first. */
    private static void row(
            StringBuilder md, ExperimentReport report, String label, Function<ArmFigures, String> figure) {
        md.append("| ")
                .append(label)
                .append(" | ")
                .append(figure.apply(report.arms.get(Outcome.Arm.CONTROL)))
                .append(" | ")
                .append(figure.apply(report.arms.get(Outcome.Arm.TREATMENT)))
                .append(" |\n");
    }

    private static String withRateInterval(long hits, long trials, ExperimentReport.Settings settings) {
        if (trials == 0) {
            return "–";
        }
        double[] interval = FixedHorizon.rateInterval(hits, trials, settings.alpha());
        return String.format(
                Locale.ROOT,
                "%.1f %% [%.1f, %.1f] (%d of %d)",
                100.0 * hits / trials,
                100 * interval[0],
                100 * interval[1],
                hits,
                trials);
    }

    private static String difference(Metric metric, double value, ExperimentReport report) {
        return switch (metric) {
            case RESPONSE_RATE, CONVERSION_RATE -> String.format(Locale.ROOT, "%+.2f pp", 100 * value);
            case RESPONSE_TIME -> String.format(Locale.ROOT, "%+.1f s", value / 1000);
            case REVENUE_PER_CONVERSATION -> String.format(Locale.ROOT, "%+.2f %s", value, currency(report));
        };
    }

    private static String seconds(double millis) {
        return Double.isNaN(millis) ? "–" : String.format(Locale.ROOT, "%.1f s", millis / 1000);
    }

    private static String money(double value, ExperimentReport report) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f %s", value, currency(report));
    }

    private static String currency(ExperimentReport report) {
        String currency = report.currency;
        return currency == null ? "" : currency;
    }

    static String p(double p) {
        if (Double.isNaN(p)) {
            return "–";
        }
        return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }
}
