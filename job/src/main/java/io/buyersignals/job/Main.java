package io.buyersignals.job;

import io.buyersignals.replay.Replay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** Command-line entry point of the job jar: {@code run} the production job, or {@code replay} files. */
public final class Main {
    private static final String USAGE = String.join(
            "\n",
            "Usage: buyer-signals <command> [options]",
            "",
            "Commands:",
            "  run [--config FILE] [--key value ...]",
            "      Runs the production job: Kafka and MySQL CDC in, Kafka out. `run --help` lists every option.",
            "  replay --input DIR --output FILE [--dead-letters FILE] [--out-of-orderness 5s] [--parallelism 2]",
            "      Runs the job over the input files in DIR and writes one signal per line. `replay --help` says more.");

    private Main() {}

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    public static void run(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            System.out.println(USAGE);
            return;
        }
        String[] options = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "run" -> runJob(options);
            case "replay" -> replay(options);
            default -> throw new UsageException("Unknown command '" + args[0] + "'; the commands are: run, replay.");
        }
    }

    /**
     * The production job's options are Flink {@code ConfigOption}s ({@link JobOptions}), read by {@link JobSettings}:
     * any key the job does not know is a Flink option, so they cannot be told from a misspelling here.
     */
    @Command(name = "buyer-signals run", description = "Runs the production job: Kafka and MySQL CDC in, Kafka out.")
    static final class RunCommand {
        @Option(names = "--help", usageHelp = true, description = "Lists every option with its default.")
        boolean help;

        @Unmatched
        List<String> options = new ArrayList<>();
    }

    private static void runJob(String[] args) throws Exception {
        RunCommand command = new RunCommand();
        if (!CommandLines.parse(command, args, System.out)) {
            System.out.println("\nOptions:\n" + JobOptions.help() + "\nSecrets: " + JobOptions.MYSQL_PASSWORD_ENV
                    + " (or mysql.password-file), " + JobOptions.KAFKA_JAAS_ENV + " (or kafka.sasl.jaas-config-file).\n"
                    + "Any other key is passed to Flink, e.g. --parallelism.default 4.");
            return;
        }
        JobSettings settings = JobSettings.fromArgs(command.options.toArray(new String[0]), System.getenv());
        StreamExecutionEnvironment env = BuyerSignalsJob.environment(settings);
        BuyerSignalsJob.build(env, settings);
        env.execute(BuyerSignalsJob.JOB_NAME);
    }

    @Command(
            name = "buyer-signals replay",
            sortOptions = false,
            description = {
                "Runs the job over cart-events.jsonl, chat-events.jsonl, checkouts.jsonl and shops.jsonl in the input",
                "directory (any may be missing) and writes one signal per line; unusable lines go to the dead-letter file."
            })
    static final class ReplayCommand {
        @Option(names = "--input", required = true, paramLabel = "DIR", description = "Directory of the input files.")
        Path input;

        @Option(
                names = "--output",
                required = true,
                paramLabel = "FILE",
                description = "Where the signals go; contexts, alerts and outcomes go beside it (.context.jsonl, "
                        + ".alerts.jsonl, .outcomes.jsonl).")
        Path output;

        @Option(
                names = "--dead-letters",
                paramLabel = "FILE",
                description = "Where dead letters go (default: the output with .dead-letters.jsonl).")
        Path deadLetters;

        @Option(
                names = "--out-of-orderness",
                paramLabel = "DURATION",
                converter = CommandLines.DurationConverter.class,
                description = "How far out of event-time order inputs may be (default: ${DEFAULT-VALUE}).")
        Duration outOfOrderness = Duration.ofSeconds(5);

        @Option(
                names = "--reply-wait",
                paramLabel = "DURATION",
                converter = CommandLines.DurationConverter.class,
                description =
                        "How long a buyer at checkout waits for a reply before an alert (default: ${DEFAULT-VALUE}).")
        Duration replyWait = JobOptions.REPLY_WAIT.defaultValue();

        @Option(names = "--parallelism", paramLabel = "N", description = "Parallelism (default: ${DEFAULT-VALUE}).")
        int parallelism = 2;

        @Option(names = "--help", usageHelp = true, description = "Shows this.")
        boolean help;
    }

    private static void replay(String[] args) throws Exception {
        ReplayCommand command = new ReplayCommand();
        if (!CommandLines.parse(command, args, System.out)) {
            return;
        }
        if (command.parallelism < 1) {
            throw CommandLines.invalid("--parallelism", "at least 1", command.parallelism);
        }
        Path deadLetters = command.deadLetters != null ? command.deadLetters : beside(command.output, "dead-letters");
        Path contexts = beside(command.output, "context");
        Path alerts = beside(command.output, "alerts");
        Path outcomes = beside(command.output, "outcomes");
        Replay.Result result =
                Replay.run(command.input, command.outOfOrderness, command.replyWait, command.parallelism);
        Replay.write(result, command.output, contexts, alerts, outcomes, deadLetters);
        System.out.printf(
                "Replayed %s: %d signals to %s, %d context records to %s, %d alerts to %s, %d outcomes to %s, %d dead "
                        + "letters to %s%n",
                command.input,
                result.signals().size(),
                command.output,
                result.contexts().size(),
                contexts,
                result.alerts().size(),
                alerts,
                result.outcomes().size(),
                outcomes,
                result.deadLetters().size(),
                deadLetters);
    }

    /** {@code signals.jsonl} and {@code dead-letters} give {@code signals.dead-letters.jsonl}. */
    static Path beside(Path output, String what) {
        String name = output.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return output.resolveSibling(stem + "." + what + ".jsonl");
    }
}
