package io.buyersignals.local;

import io.buyersignals.job.CommandLines;
import io.buyersignals.job.UsageException;
import io.buyersignals.testkit.FreePorts;
import java.io.PrintStream;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Options of the local run; an unknown option or a value that does not fit is one sentence naming the option. */
@Command(
        name = "local/run.sh",
        sortOptions = false,
        description = {
            "Starts MariaDB, a Kafka broker and the Buyer Signals job on a local Flink cluster, then simulates",
            "shoppers and prints the signals as they come. Ctrl-C stops everything."
        })
public final class LocalOptions {
    @Option(names = "--rate", paramLabel = "N", description = "Shopper interactions per second (default: 20).")
    private double rate = 20;

    @Option(names = "--buyers", paramLabel = "N", description = "Number of simulated buyers (default: 30).")
    private int buyers = 30;

    @Option(
            names = "--duration",
            paramLabel = "D",
            converter = CommandLines.DurationConverter.class,
            description = "Stop after D, e.g. 90s or 5min (default: run until Ctrl-C).")
    private Duration duration = Duration.ZERO;

    @Option(names = "--kafka-port", paramLabel = "P", description = "Kafka broker port (default: a free port).")
    private int kafkaPort;

    @Option(names = "--mariadb-port", paramLabel = "P", description = "MariaDB port (default: a free port).")
    private int mariadbPort;

    @Option(names = "--web-port", paramLabel = "P", description = "Flink Web UI port (default: 8081; 0: a free port).")
    private int webPort = 8081;

    @Option(
            names = "--inbox-port",
            paramLabel = "P",
            description = "Inbox preview page port, on 127.0.0.1 (default: 8082; 0: a free port).")
    private int inboxPort = 8082;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Simulator seed, to replay the same shoppers (default: random).")
    private Long seed;

    @Option(names = "--help", usageHelp = true, description = "Shows this.")
    private boolean help;

    /** The options, or null if only help was asked for (printed to {@code out}). */
    public static LocalOptions parse(String[] args, PrintStream out) {
        LocalOptions options = new LocalOptions();
        if (!CommandLines.parse(options, args, out)) {
            return null;
        }
        if (options.rate <= 0 || options.rate > 10_000) {
            throw CommandLines.invalid(
                    "--rate", "a number of interactions per second above 0 and up to 10000", options.rate);
        }
        if (options.buyers < 1) {
            throw CommandLines.invalid("--buyers", "at least 1", options.buyers);
        }
        if (options.duration.isNegative()) {
            throw CommandLines.invalid("--duration", "positive", options.duration);
        }
        if (options.seed == null) {
            options.seed = System.nanoTime();
        }
        options.checkPort("--kafka-port", options.kafkaPort, "the Kafka broker");
        options.checkPort("--mariadb-port", options.mariadbPort, "MariaDB");
        options.checkPort("--web-port", options.webPort, "the Flink Web UI");
        options.checkPort("--inbox-port", options.inboxPort, "the inbox preview");
        return options;
    }

    /** A port that is out of range, or taken, is said before anything starts, naming the option. */
    private void checkPort(String option, int port, String what) {
        if (port < 0 || port > 65_535) {
            throw CommandLines.invalid(option, "a port from 0 to 65535", port);
        }
        if (port != 0 && !FreePorts.isFree(port)) {
            throw new UsageException("Port " + port + " for " + what + " is taken; choose another with " + option
                    + " (0 picks a free one).");
        }
    }

    public double rate() {
        return rate;
    }

    public int buyers() {
        return buyers;
    }

    public Duration duration() {
        return duration;
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int mariadbPort() {
        return mariadbPort;
    }

    public int webPort() {
        return webPort;
    }

    public int inboxPort() {
        return inboxPort;
    }

    public long seed() {
        return seed;
    }

    public boolean runsUntilStopped() {
        return duration.isZero();
    }
}
