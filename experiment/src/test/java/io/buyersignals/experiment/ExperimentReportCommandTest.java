package io.buyersignals.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.testkit.ShopperSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command over an outcomes file: the Markdown and the plot, the same report twice, and its errors. */
class ExperimentReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheMarkdownAndThePlot() throws Exception {
        List<String> documents = new ArrayList<>(SimulatedExperiment.outcomes(
                SimulatedExperiment.shops(6), ShopperSimulator.Merchants.DEFAULT, 60, 8_000, 3));
        documents.add("{\"schema\":\"buyer_signal\"}");
        Path file = dir.resolve("outcomes.jsonl");
        Files.write(file, documents, StandardCharsets.UTF_8);

        assertThat(run(
                        "--outcomes",
                        file.toString(),
                        "--out",
                        dir.resolve("one").toString()))
                .isEqualTo(0);
        assertThat(run(
                        "--outcomes",
                        file.toString(),
                        "--out",
                        dir.resolve("two").toString()))
                .isEqualTo(0);

        String markdown = Files.readString(dir.resolve("one/experiment-report.md"));
        assertThat(markdown)
                .contains("# Experiment read-out")
                .contains("(1 documents were not outcomes)")
                .contains("## Split", "## Per arm", "fixed horizon", "always valid", "## Which to use when")
                .contains(
                        "| Response rate |", "| Response time |", "| Conversion rate |", "| Revenue per conversation |")
                .contains("![The three metrics per arm");
        assertThat(Files.readString(dir.resolve("two/experiment-report.md")))
                .as("the same outcomes give the same report, bootstrap included")
                .isEqualTo(markdown);
        var image = ImageIO.read(dir.resolve("one/experiment-report.png").toFile());
        assertThat(image.getWidth()).isEqualTo(520);
        assertThat(image.getHeight()).isEqualTo(720);
    }

    @Test
    void saysWhatToFix() throws Exception {
        assertThat(errorOf("--out", dir.toString())).contains("--outcomes", "--bootstrap-servers");
        assertThat(errorOf("--outcomes", "x.jsonl", "--alpha", "1.5")).contains("--alpha must be between 0 and 1.");
        assertThat(errorOf("--outcomes", dir.resolve("missing.jsonl").toString(), "--out", dir.toString()))
                .contains("Cannot read");
    }

    private static int run(String... args) {
        return ExperimentReportCommand.run(args);
    }

    private static String errorOf(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(ExperimentReportCommand.run(args)).isNotZero();
        } finally {
            System.setErr(original);
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
