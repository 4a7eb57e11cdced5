package io.buyersignals.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.java.utils.ParameterTool;

/** What one benchmark run does; every figure has a default, and --quick scales them down for a smoke run. */
record BenchOptions(int events, int buyers, int largeBuyers, double outOfOrderShare, int parallelism,
        int latencyRate, int latencySeconds, int stateBuyers, int cdcRows, boolean jmh, String only,
        Map<String, String> jobOptions, boolean quick) {

    static final String HELP = String.join("\n",
            "Usage: bench/run.sh [options]",
            "  --events N            input events per throughput run (default 1000000)",
            "  --buyers N            buyers in the main workload (default 10000)",
            "  --large-buyers N      buyers in the scaling run, same number of events (default 1000000; up to 5000000)",
            "  --out-of-order S      share of events up to 2 s out of order (default 0.05)",
            "  --parallelism N       job parallelism (default 2)",
            "  --latency-rate N      offered events/s in the latency runs, below saturation (default 500)",
            "  --latency-seconds N   length of each latency run (default 60)",
            "  --state-buyers N      idle buyers holding a cart, for state size (default 100000)",
            "  --cdc-rows N          checkout rows for the CDC snapshot run (default 300000)",
            "  --no-jmh              skip the JMH microbenchmarks",
            "  --only SECTION        one section: throughput, live, state, cdc or jmh (results not written to RESULTS.md);",
            "                        job: the full job alone (RocksDB, exactly-once), for profiling",
            "  --job-options K=V,..  job options for every run, e.g. events.timer-granularity=1s (to try a setting)",
            "  --quick               everything scaled down, to check the benchmark itself works; writes no results",
            "                        (throughput rates come out as NaN: too few offset commits fall between 20 % and 90 %)");

    boolean runs(String section) {
        return only.equals("all") ? !section.equals("jmh") || jmh : only.equals(section);
    }

    static BenchOptions parse(String[] args) {
        ParameterTool flags = ParameterTool.fromArgs(args);
        boolean quick = flags.has("quick");
        return new BenchOptions(
                flags.getInt("events", quick ? 50_000 : 1_000_000),
                flags.getInt("buyers", quick ? 2_000 : 10_000),
                flags.getInt("large-buyers", quick ? 20_000 : 1_000_000),
                flags.getDouble("out-of-order", 0.05),
                flags.getInt("parallelism", 2),
                flags.getInt("latency-rate", 500),
                flags.getInt("latency-seconds", quick ? 20 : 60),
                flags.getInt("state-buyers", quick ? 5_000 : 100_000),
                flags.getInt("cdc-rows", quick ? 10_000 : 300_000),
                !flags.has("no-jmh"),
                flags.get("only", "all"),
                jobOptions(flags.get("job-options", "")), quick);
    }

    private static Map<String, String> jobOptions(String list) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : list.split(",")) {
            if (option.isBlank()) {
                continue;
            }
            String[] keyValue = option.split("=", 2);
            if (keyValue.length != 2) {
                throw new IllegalArgumentException("--job-options takes key=value pairs, not '" + option + "'.");
            }
            options.put(keyValue[0].trim(), keyValue[1].trim());
        }
        return options;
    }
}
