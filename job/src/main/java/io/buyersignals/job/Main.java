package io.buyersignals.job;

import io.buyersignals.replay.Replay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;

/** Command-line entry point of the job jar. */
public final class Main {
    static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(5);

    private static final String USAGE = String.join("\n",
            "Usage: buyer-signals <command> [options]",
            "",
            "Commands:",
            "  run [--config FILE] [--key value ...]",
            "      Runs the production job: Kafka and MySQL CDC in, Kafka out. `run --help` lists every option.",
            "  replay --input DIR --output FILE [--dead-letters FILE] [--out-of-orderness 5s] [--parallelism 2]",
            "      Runs the job over cart-events.jsonl, chat-events.jsonl, checkouts.jsonl and shops.jsonl in DIR",
            "      (any may be missing) and writes one signal per line to FILE; unusable lines go to the",
            "      dead-letter file (default: FILE with .dead-letters.jsonl instead of .jsonl).");

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
            case "replay" -> replay(ParameterTool.fromArgs(options));
            default -> throw new UsageException("Unknown command '" + args[0] + "'; the commands are: run, replay.");
        }
    }

    private static void runJob(String[] options) throws Exception {
        if (Arrays.asList(options).contains("--help")) {
            System.out.println("Usage: buyer-signals run [--config FILE] [--key value ...]\n\nOptions:\n"
                    + JobOptions.help() + "\nSecrets: " + JobOptions.MYSQL_PASSWORD_ENV + " (or mysql.password-file), "
                    + JobOptions.KAFKA_JAAS_ENV + " (or kafka.sasl.jaas-config-file).\n"
                    + "Any other key is passed to Flink, e.g. --parallelism.default 4.");
            return;
        }
        JobSettings settings = JobSettings.fromArgs(options, System.getenv());
        StreamExecutionEnvironment env = BuyerSignalsJob.environment(settings);
        BuyerSignalsJob.build(env, settings);
        env.execute(BuyerSignalsJob.JOB_NAME);
    }

    private static void replay(ParameterTool options) throws Exception {
        Path input = Path.of(required(options, "input", "replay --input DIR is required"));
        Path output = Path.of(required(options, "output", "replay --output FILE is required"));
        Path deadLetters = Path.of(options.get("dead-letters", defaultDeadLetterFile(output)));
        Duration outOfOrderness = duration(options, "out-of-orderness", DEFAULT_OUT_OF_ORDERNESS);
        int parallelism = positive(options, "parallelism", 2);
        Replay.Result result = Replay.run(input, outOfOrderness, parallelism);
        Replay.write(result, output, deadLetters);
        System.out.printf("Replayed %s: %d signals to %s, %d dead letters to %s%n", input,
                result.signals().size(), output, result.deadLetters().size(), deadLetters);
    }

    static String defaultDeadLetterFile(Path output) {
        String name = output.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return output.resolveSibling(stem + ".dead-letters.jsonl").toString();
    }

    private static String required(ParameterTool options, String key, String message) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new UsageException(message);
        }
        return value;
    }

    private static Duration duration(ParameterTool options, String key, Duration fallback) {
        if (!options.has(key)) {
            return fallback;
        }
        try {
            return TimeUtils.parseDuration(options.get(key));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + key + " must be a duration such as 5s or 500ms, not '"
                    + options.get(key) + "'");
        }
    }

    private static int positive(ParameterTool options, String key, int fallback) {
        if (!options.has(key)) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(options.get(key));
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + key + " must be a positive whole number, not '" + options.get(key) + "'");
    }
}
