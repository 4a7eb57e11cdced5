package io.buyersignals.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buyersignals.contract.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** The figures of one run: a markdown table for RESULTS.md, the same as JSON, and a latency plot. */
final class BenchResults {
    /** One figure; {@code target} is empty when the issue sets none, {@code met} null then. */
    record Row(String measure, String value, String target, Boolean met) {}

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, long[]> latencies = new LinkedHashMap<>();

    void add(String measure, String value) {
        rows.add(new Row(measure, value, "", null));
        System.out.println("  " + measure + ": " + value);
    }

    void add(String measure, String value, String target, boolean met) {
        rows.add(new Row(measure, value, target, met));
        System.out.println(
                "  " + measure + ": " + value + " (target " + target + ": " + (met ? "met" : "NOT met") + ")");
    }

    void latency(String series, long[] sorted) {
        latencies.put(series, sorted);
    }

    static String number(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%,.2f", value);
    }

    String markdown() {
        StringBuilder table = new StringBuilder("| Measure | Value | Target | Met |\n| --- | --- | --- | --- |\n");
        for (Row row : rows) {
            table.append("| ")
                    .append(row.measure())
                    .append(" | ")
                    .append(row.value())
                    .append(" | ")
                    .append(row.target())
                    .append(" | ")
                    .append(row.met() == null ? "" : row.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        return table.toString();
    }

    void writeJson(Path file, Map<String, String> about) throws Exception {
        ObjectNode root = Json.MAPPER.createObjectNode();
        about.forEach(root::put);
        ArrayNode figures = root.putArray("figures");
        for (Row row : rows) {
            ObjectNode figure = figures.addObject()
                    .put("measure", row.measure())
                    .put("value", row.value())
                    .put("target", row.target());
            if (row.met() != null) {
                figure.put("met", row.met());
            }
        }
        Files.createDirectories(file.getParent());
        Files.writeString(
                file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
    }

    /** Latency against percentile, one line per configuration. */
    void writePlot(Path file) throws Exception {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(500)
                .title("End-to-end latency of live signals")
                .xAxisTitle("percentile")
                .yAxisTitle("latency (ms)")
                .build();
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setMarkerSize(0);
        for (Map.Entry<String, long[]> series : latencies.entrySet()) {
            long[] sorted = series.getValue();
            if (sorted.length == 0) {
                continue;
            }
            int points = 200;
            double[] x = new double[points];
            double[] y = new double[points];
            for (int i = 0; i < points; i++) {
                x[i] = 100.0 * i / (points - 1) * 0.999;
                y[i] = LatencyRecorder.percentile(sorted, Math.max(0.1, x[i]));
            }
            chart.addSeries(series.getKey(), x, y);
        }
        Files.createDirectories(file.getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
