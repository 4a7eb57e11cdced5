package io.buyersignals.local;

import java.time.Duration;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.util.TimeUtils;

/** Options of the local run; each invalid value is reported in one sentence that names the option. */
public record LocalOptions(double rate, int buyers, Duration duration, int kafkaPort, int mariadbPort, int webPort,
        long seed) {

    public static final String HELP = String.join("\n",
            "Usage: local/run.sh [options]",
            "Starts MariaDB, a Kafka broker and the Buyer Signals job on a local Flink cluster, then simulates",
            "shoppers and prints the signals as they come. Ctrl-C stops everything.",
            "",
            "  --rate N          shopper interactions per second (default 20)",
            "  --buyers N        number of simulated buyers (default 30)",
            "  --duration D      stop after D, e.g. 90s or 5min (default: run until Ctrl-C)",
            "  --kafka-port P    Kafka broker port (default: a free port)",
            "  --mariadb-port P  MariaDB port (default: a free port)",
            "  --web-port P      Flink Web UI port (default 8081; 0 for a free port)",
            "  --seed N          simulator seed, to replay the same shoppers (default: random)");

    public static LocalOptions parse(String[] args) {
        ParameterTool flags;
        try {
            flags = ParameterTool.fromArgs(args);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Options are --name value pairs (see --help): " + e.getMessage());
        }
        for (String key : flags.toMap().keySet()) {
            if (!HELP.contains("--" + key + " ")) {
                throw new IllegalArgumentException("Unknown option --" + key + "; --help lists the options.");
            }
        }
        double rate = number(flags, "rate", 20);
        if (rate <= 0 || rate > 10_000) {
            throw new IllegalArgumentException("--rate must be a number of interactions per second from 0 to 10000.");
        }
        int buyers = whole(flags, "buyers", 30, 1);
        Duration duration = Duration.ZERO;
        if (flags.has("duration")) {
            try {
                duration = TimeUtils.parseDuration(flags.get("duration"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--duration must be a duration such as 90s or 5min, not '"
                        + flags.get("duration") + "'.");
            }
        }
        long seed = flags.has("seed") ? whole(flags, "seed", 0, 0) : System.nanoTime();
        return new LocalOptions(rate, buyers, duration, port(flags, "kafka-port", 0), port(flags, "mariadb-port", 0),
                port(flags, "web-port", 8081), seed);
    }

    public boolean runsUntilStopped() {
        return duration.isZero();
    }

    private static double number(ParameterTool flags, String key, double fallback) {
        try {
            return flags.has(key) ? Double.parseDouble(flags.get(key)) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a number, not '" + flags.get(key) + "'.");
        }
    }

    private static int whole(ParameterTool flags, String key, int fallback, int min) {
        try {
            int value = flags.has(key) ? Integer.parseInt(flags.get(key)) : fallback;
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + key + " must be a whole number of at least " + min + ", not '"
                + flags.get(key) + "'.");
    }

    private static int port(ParameterTool flags, String key, int fallback) {
        int port = whole(flags, key, fallback, 0);
        if (port > 65_535) {
            throw new IllegalArgumentException("--" + key + " must be a port from 0 to 65535, not " + port + ".");
        }
        return port;
    }
}
