package io.buyersignals.experiment;

import io.buyersignals.experiment.stats.FixedHorizon;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** The three metrics per arm, each with its interval, in one PNG beside the Markdown. */
public final class ReportPlot {
    private ReportPlot() {}

    public static void write(ExperimentReport report, Path png) throws IOException {
        // No display on servers and in CI: Java2D draws into an image all the same.
        System.setProperty("java.awt.headless", "true");
        ExperimentReport.Settings s = report.settings;
        CombinedDomainXYPlot plot =
                new CombinedDomainXYPlot(new SymbolAxis(null, new String[] {"control", "treatment"}));
        plot.setGap(12);
        plot.add(panel(
                "Response rate, %",
                (arm, figures) -> {
                    double[] interval = FixedHorizon.rateInterval(figures.replied, figures.buyerWrote, s.alpha());
                    return new double[] {100 * figures.responseRate(), 100 * interval[0], 100 * interval[1]};
                },
                report));
        plot.add(panel(
                "Median response time, s",
                (arm, figures) -> {
                    double[] interval = FixedHorizon.quantileInterval(
                            figures.responseTimes, 50, s.alpha(), s.resamples(), s.seed());
                    return new double[] {
                        FixedHorizon.median(figures.responseTimes) / 1000, interval[0] / 1000, interval[1] / 1000
                    };
                },
                report));
        plot.add(panel(
                "Conversion rate, %",
                (arm, figures) -> {
                    double[] interval = FixedHorizon.rateInterval(figures.converted, figures.conversations, s.alpha());
                    return new double[] {100 * figures.conversionRate(), 100 * interval[0], 100 * interval[1]};
                },
                report));
        JFreeChart chart = new JFreeChart(
                "Per arm, with " + Math.round(100 * (1 - s.alpha())) + " % intervals",
                JFreeChart.DEFAULT_TITLE_FONT,
                plot,
                false);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 520, 720);
    }

    private interface Figure {
        /** The value, and its interval's low and high end. */
        double[] of(Outcome.Arm arm, ArmFigures figures);
    }

    private static XYPlot panel(String title, Figure figure, ExperimentReport report) {
        YIntervalSeries series = new YIntervalSeries(title);
        for (Outcome.Arm arm : Outcome.Arm.values()) {
            ArmFigures figures = report.arms.get(arm);
            double[] value = figure.of(arm, figures);
            if (!Double.isNaN(value[0])) {
                series.add(arm.ordinal(), value[0], value[1], value[2]);
            }
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(series);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setErrorStroke(new BasicStroke(2f));
        renderer.setSeriesPaint(0, new Color(0x1f, 0x5f, 0x99));
        renderer.setCapLength(10);
        NumberAxis axis = new NumberAxis(title);
        axis.setAutoRangeIncludesZero(false);
        XYPlot panel = new XYPlot(data, null, axis, renderer);
        panel.setBackgroundPaint(new Color(0xf6, 0xf6, 0xf6));
        return panel;
    }
}
