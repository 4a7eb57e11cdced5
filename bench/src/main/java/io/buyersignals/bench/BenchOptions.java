package io.buyersignals.bench;

import io.buyersignals.job.CommandLines;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** What one benchmark run does; every figure has a default, and --quick scales them down for a smoke run. */
record BenchOptions(
        int events,
        int buyers,
        int largeBuyers,
        double outOfOrderShare,
        int parallelism,
        int latencyRate,
        int latencySeconds,
        int stateBuyers,
        int cdcRows,
        boolean jmh,
        String only,
        Map<String, String> jobOptions,
        boolean quick) {

    boolean runs(String section) {
        return only.equals("all") ? !section.equals("jmh") || jmh : only.equals(section);
    }

    /** The options, or null if only help was asked for (printed to {@code out}). */
    static BenchOptions parse(String[] args, PrintStream out) {
        Command c = new Command();
        if (!CommandLines.parse(c, args, out)) {
            return null;
        }
        if (!SECTIONS.contains(c.only)) {
            throw CommandLines.invalid("--only", "one of " + String.join(", ", SECTIONS), "'" + c.only + "'");
        }
        if (c.outOfOrder < 0 || c.outOfOrder > 1) {
            throw CommandLines.invalid("--out-of-order", "a share from 0 to 1", c.outOfOrder);
        }
        boolean quick = c.quick;
        BenchOptions options = new BenchOptions(
                positive("--events", c.events, quick ? 50_000 : 1_000_000),
                positive("--buyers", c.buyers, quick ? 2_000 : 10_000),
                positive("--large-buyers", c.largeBuyers, quick ? 20_000 : 5_000_000),
                c.outOfOrder,
                positive("--parallelism", c.parallelism, 2),
                positive("--latency-rate", c.latencyRate, 500),
                positive("--latency-seconds", c.latencySeconds, quick ? 20 : 60),
                positive("--state-buyers", c.stateBuyers, quick ? 5_000 : 100_000),
                positive("--cdc-rows", c.cdcRows, quick ? 10_000 : 300_000),
                !c.noJmh,
                c.only,
                jobOptions(c.jobOptions),
                quick);
        return options;
    }

    private static final List<String> SECTIONS =
            List.of("all", "throughput", "scaling", "live", "state", "cdc", "jmh", "job");

    private static int positive(String option, Integer given, int fallback) {
        if (given == null) {
            return fallback;
        }
        if (given < 1) {
            throw CommandLines.invalid(option, "at least 1", given);
        }
        return given;
    }

    @CommandLine.Command(
            name = "bench/run.sh",
            sortOptions = false,
            description = "Runs every benchmark configuration and writes bench/RESULTS.md.")
    static final class Command {
        @Option(
                names = "--events",
                paramLabel = "N",
                description = "Input events per throughput run (default 1000000; --quick: 50000).")
        Integer events;

        @Option(
                names = "--buyers",
                paramLabel = "N",
                description = "Buyers in the main workload (default 10000; --quick: 2000).")
        Integer buyers;

        @Option(
                names = "--large-buyers",
                paramLabel = "N",
                description = "Buyers in the scaling run, same number of "
                        + "events, and a RocksDB memory budget its state outgrows (default 5000000; --quick: 20000).")
        Integer largeBuyers;

        @Option(
                names = "--out-of-order",
                paramLabel = "S",
                description = "Share of events up to 2 s out of order (default 0.05).")
        double outOfOrder = 0.05;

        @Option(names = "--parallelism", paramLabel = "N", description = "Job parallelism (default 2).")
        Integer parallelism;

        @Option(
                names = "--latency-rate",
                paramLabel = "N",
                description = "Offered events/s in the latency runs, below saturation (default 500).")
        Integer latencyRate;

        @Option(
                names = "--latency-seconds",
                paramLabel = "N",
                description = "Length of each latency run (default 60; --quick: 20).")
        Integer latencySeconds;

        @Option(
                names = "--state-buyers",
                paramLabel = "N",
                description = "Idle buyers holding a cart, for state size (default 100000; --quick: 5000).")
        Integer stateBuyers;

        @Option(
                names = "--cdc-rows",
                paramLabel = "N",
                description = "Checkout rows for the CDC snapshot run (default 300000; --quick: 10000).")
        Integer cdcRows;

        @Option(names = "--no-jmh", description = "Skip the JMH microbenchmarks.")
        boolean noJmh;

        @Option(
                names = "--only",
                paramLabel = "SECTION",
                description = {
                    "One section: throughput, live, state, cdc or jmh (results not written to RESULTS.md);",
                    "job: the full job alone (RocksDB, exactly-once), for profiling;",
                    "scaling: the full job on the main input and on --large-buyers buyers."
                })
        String only = "all";

        @Option(
                names = "--job-options",
                paramLabel = "K=V,..",
                description = "Job options for every run, e.g. events.timer-granularity=1s (to try a setting).")
        String jobOptions = "";

        @Option(
                names = "--quick",
                description = {
                    "Everything scaled down, to check the benchmark itself works; writes no results",
                    "(throughput rates come out as NaN: too few offset commits fall between 20 %% and 90 %%)."
                })
        boolean quick;

        @Option(names = "--help", usageHelp = true, description = "Shows this.")
        boolean help;
    }

    private static Map<String, String> jobOptions(String list) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : list.split(",")) {
            if (option.isBlank()) {
                continue;
            }
            String[] keyValue = option.split("=", 2);
            if (keyValue.length != 2) {
                throw CommandLines.invalid("--job-options", "key=value pairs", "'" + option + "'");
            }
            options.put(keyValue[0].trim(), keyValue[1].trim());
        }
        return options;
    }
}
