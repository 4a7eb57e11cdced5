package io.buyersignals.experiment;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code experiment-report}: the A/B read-out over the conversation outcomes, printed and written to a directory. */
@Command(
        name = "experiment-report",
        mixinStandardHelpOptions = true,
        description = "Reads conversation outcomes (a file or the topic) and writes the experiment's read-out:"
                + " per-arm figures, the split check, treatment - control with fixed-horizon and always-valid"
                + " intervals, as Markdown and a PNG plot.")
public final class ExperimentReportCommand implements Callable<Integer> {
    static final class From {
        @Option(
                names = "--outcomes",
                paramLabel = "FILE",
                description = "Outcomes as JSON lines, e.g. the replay's signals.outcomes.jsonl.")
        Path file;

        @Option(
                names = "--bootstrap-servers",
                paramLabel = "HOST:PORT",
                description = "Read the outcomes topic from this Kafka cluster instead.")
        String bootstrapServers;
    }

    @ArgGroup(multiplicity = "1")
    From from;

    @Option(names = "--topic", defaultValue = "conversation-outcomes", description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "experiment-report",
            description = "Where experiment-report.md and experiment-report.png go. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(
            names = "--treatment-share",
            defaultValue = "0.5",
            description =
                    "The planned share of shops in treatment, for the sample-ratio check. Default: ${DEFAULT-VALUE}.")
    double treatmentShare;

    @Option(
            names = "--alpha",
            defaultValue = "0.05",
            description = "1 - the intervals' level. Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(
            names = "--tuning-conversations",
            defaultValue = "5000",
            description = "Where the confidence sequences are tightest (conversations). Default: ${DEFAULT-VALUE}.")
    long tuningSize;

    @Option(names = "--timeout", defaultValue = "PT1M", description = "Reading the topic. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        if (!(alpha > 0 && alpha < 1)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--alpha must be between 0 and 1.");
        }
        if (!(treatmentShare > 0 && treatmentShare < 1)) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--treatment-share must be between 0 and 1.");
        }
        if (tuningSize < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--tuning-conversations must be positive.");
        }
        OutcomeSource.Read read = from.file != null
                ? OutcomeSource.file(from.file)
                : OutcomeSource.topic(from.bootstrapServers, topic, timeout);
        ExperimentReport.Settings defaults = ExperimentReport.Settings.DEFAULT;
        ExperimentReport report = new ExperimentReport(
                read,
                new ExperimentReport.Settings(
                        alpha, treatmentShare, tuningSize, defaults.resamples(), defaults.seed()));
        Files.createDirectories(out);
        ReportPlot.write(report, out.resolve("experiment-report.png"));
        String markdown = ReportMarkdown.of(report, "experiment-report.png");
        Files.writeString(out.resolve("experiment-report.md"), markdown, StandardCharsets.UTF_8);
        PrintWriter stdout = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        stdout.print(markdown);
        stdout.printf("%nWritten to %s%n", out.toAbsolutePath());
        stdout.flush();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new ExperimentReportCommand())
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println(e.getMessage());
                    return 1;
                })
                .execute(args);
    }
}
