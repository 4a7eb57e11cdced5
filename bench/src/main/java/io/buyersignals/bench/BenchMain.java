package io.buyersignals.bench;

import io.buyersignals.job.CommandLines;
import io.buyersignals.testkit.BinlogClientLog;
import io.buyersignals.testkit.Directories;
import io.buyersignals.testkit.EmbeddedMariaDb;
import io.buyersignals.testkit.KafkaBroker;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One benchmark run: every configuration on the same machine and, where they compare, the same data; writes
 * bench/results/START.{md,json} (START: the run's start time), bench/results/latency.png, and the table in
 * bench/RESULTS.md.
 */
public final class BenchMain {
    private static final Path BENCH = Path.of(System.getProperty("bench.dir", "bench"));
    private static final String TABLE_START = "<!-- results:start -->";
    private static final String TABLE_END = "<!-- results:end -->";
    /** Job runs before anything is measured, in rounds of every configuration about to be measured. */
    private static final int WARM_UP_RUNS = 8;

    private static final int WARM_UP_EVENTS = 300_000;
    private static final double QUIET_COMPILER = 0.05;
    /** One reader's snapshot rows/s in the full run of 2026-12-02, before Debezium's poll interval was shortened. */
    private static final double CDC_SNAPSHOT_BEFORE = 7_699;

    static final String CPU_PER_RECORD = "CPU per input record by thread (µs, 20–90 % of the input), ";

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        BinlogClientLog.quiet();
        BenchOptions options = CommandLines.orExit(() -> BenchOptions.parse(args, System.out));
        if (options == null) {
            return;
        }
        String started =
                DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        BenchResults results = new BenchResults();
        Path directory = Files.createTempDirectory("buyer-signals-bench-");
        try (KafkaBroker kafka = KafkaBroker.start(directory.resolve("kafka"));
                EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(directory.resolve("mariadb"))) {
            BenchRuns runs = new BenchRuns(
                    kafka, mariaDb, options.parallelism(), directory.resolve("checkpoints"), options.jobOptions());
            if (options.only().equals("job")) {
                // One configuration, for profiling an optimisation: the full job, RocksDB, exactly-once.
                BenchRuns.Throughput job = warmRocksDbRun(options, runs, mariaDb, results);
                results.add(
                        "Full job, RocksDB, exactly-once: events/s per core used",
                        BenchResults.number(job.eventsPerSecondPerCore()));
                results.add(CPU_PER_RECORD + "full job, RocksDB, exactly-once", ThreadCpu.describe(job.cpuPerRecord()));
            }
            if (options.only().equals("scaling")) {
                ManyBuyersRun.measure(options, runs, mariaDb, results, warmRocksDbRun(options, runs, mariaDb, results));
            }
            if (options.runs("throughput")) {
                throughput(options, runs, mariaDb, results);
            }
            if (options.runs("live")) {
                live(options, runs, results);
            }
            if (options.runs("state")) {
                state(options, runs, results);
            }
            if (options.runs("cdc")) {
                cdc(options, mariaDb, results);
            }
        } finally {
            Directories.deleteRecursively(directory);
        }
        if (options.runs("jmh")) {
            jmh(results);
        }
        // A smoke run's figures would overwrite the last full run's.
        if (options.only().equals("all") && !options.quick()) {
            write(args, started, results);
        }
    }

    private static void throughput(BenchOptions options, BenchRuns runs, EmbeddedMariaDb mariaDb, BenchResults results)
            throws Exception {
        BenchRuns.Input main = load(runs, mariaDb, "bench_main", options.events(), options.buyers(), options);
        System.out.println("Throughput, " + options.events() + " events of " + options.buyers() + " buyers (rates: "
                + "input records/s between 20 % and 90 % of the input, from the offsets the job commits)");
        warmUp(runs, warmUpInput(runs, mariaDb, options), List.of(ROCKSDB, PASSTHROUGH, HEAP, AT_LEAST_ONCE));
        BenchRuns.Throughput rocksDb = ROCKSDB.run().on(runs, main);
        BenchRuns.Throughput passthrough = PASSTHROUGH.run().on(runs, main);
        BenchRuns.Throughput heap = HEAP.run().on(runs, main);
        BenchRuns.Throughput atLeastOnce = AT_LEAST_ONCE.run().on(runs, main);
        results.add("Full job, RocksDB, exactly-once: events/s", BenchResults.number(rocksDb.eventsPerSecond()));
        results.add("Full job, RocksDB, exactly-once: cores used", BenchResults.number(rocksDb.coresUsed()));
        results.add(
                "Full job, RocksDB, exactly-once: whole run incl. start-up and drain, s",
                BenchResults.number(rocksDb.totalSeconds()));
        results.add(
                "Full job, RocksDB, exactly-once: events/s per core used",
                BenchResults.number(rocksDb.eventsPerSecondPerCore()),
                "≥ 20,000 (aim: 50,000)",
                rocksDb.eventsPerSecondPerCore() >= 20_000);
        results.add(
                "Kafka→Kafka passthrough, exactly-once: events/s", BenchResults.number(passthrough.eventsPerSecond()));
        double ofPassthrough = rocksDb.eventsPerSecond() / passthrough.eventsPerSecond();
        results.add("Full job ÷ passthrough", BenchResults.number(ofPassthrough), "≥ 0.5", ofPassthrough >= 0.5);
        results.add("Full job, heap state, exactly-once: events/s", BenchResults.number(heap.eventsPerSecond()));
        results.add(
                "Full job, heap state, exactly-once: events/s per core used",
                BenchResults.number(heap.eventsPerSecondPerCore()));
        double heapRatio = heap.eventsPerSecond() / rocksDb.eventsPerSecond();
        results.add("Heap ÷ RocksDB", BenchResults.number(heapRatio), "≥ 1.5", heapRatio >= 1.5);
        results.add("Full job, RocksDB, at-least-once: events/s", BenchResults.number(atLeastOnce.eventsPerSecond()));
        results.add(
                "At-least-once ÷ exactly-once",
                BenchResults.number(atLeastOnce.eventsPerSecond() / rocksDb.eventsPerSecond()));
        results.add(
                "Checkpoint (RocksDB, exactly-once): last end-to-end duration, ms",
                rocksDb.checkpoints()
                        .at("/latest/completed/end_to_end_duration")
                        .asText("n/a"));
        results.add(
                "Checkpoint (RocksDB, exactly-once): last size (incremental, full), bytes",
                rocksDb.checkpoints().at("/latest/completed/checkpointed_size").asText("n/a") + ", "
                        + rocksDb.checkpoints()
                                .at("/latest/completed/state_size")
                                .asText("n/a"));
        results.add(CPU_PER_RECORD + "full job, RocksDB, exactly-once", ThreadCpu.describe(rocksDb.cpuPerRecord()));
        results.add(CPU_PER_RECORD + "full job, heap state, exactly-once", ThreadCpu.describe(heap.cpuPerRecord()));
        results.add(CPU_PER_RECORD + "passthrough, exactly-once", ThreadCpu.describe(passthrough.cpuPerRecord()));

        ManyBuyersRun.measure(options, runs, mariaDb, results, rocksDb);
    }

    /** The full job, RocksDB, exactly-once, on the main input after the full run's warm-up, and its events/s. */
    private static BenchRuns.Throughput warmRocksDbRun(
            BenchOptions options, BenchRuns runs, EmbeddedMariaDb mariaDb, BenchResults results) throws Exception {
        BenchRuns.Input main = load(runs, mariaDb, "bench_main", options.events(), options.buyers(), options);
        // The same warm-up as the full run's, not eight runs on the main input: with 1,000,000 events those took
        // 18.5 minutes.
        warmUp(runs, warmUpInput(runs, mariaDb, options), List.of(ROCKSDB));
        BenchRuns.Throughput job = ROCKSDB.run().on(runs, main);
        results.add("Full job, RocksDB, exactly-once: events/s", BenchResults.number(job.eventsPerSecond()));
        return job;
    }

    /** The input every warm-up runs on: at most {@link #WARM_UP_EVENTS} events of the main input's buyers. */
    private static BenchRuns.Input warmUpInput(BenchRuns runs, EmbeddedMariaDb mariaDb, BenchOptions options)
            throws Exception {
        return load(
                runs, mariaDb, "bench_warm_up", Math.min(options.events(), WARM_UP_EVENTS), options.buyers(), options);
    }

    /**
     * Unmeasured rounds of every configuration about to be measured, then a wait for the JIT compiler to empty its
     * queue. On two cores the queue grows faster than its one C2 thread empties it: after a
     * single run of the full job its hottest methods still ran as C1 code with profiling during the measured run, and
     * the compiler took a fifth of that run's CPU. Every new job makes the compiler redo some work (its start-up and
     * shut-down paths deoptimise code), so it is never idle during a run: after eight job runs it takes 1–3 µs per
     * input record, after two about 20.
     */
    private static void warmUp(BenchRuns runs, BenchRuns.Input input, List<Configuration> configurations)
            throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        int rounds = (WARM_UP_RUNS + configurations.size() - 1) / configurations.size();
        runs.measuring(false);
        for (int round = 1; round <= rounds; round++) {
            long compiling = jit.getTotalCompilationTime();
            long start = System.nanoTime();
            for (Configuration configuration : configurations) {
                System.out.println("Warm-up round " + round + " (not measured): " + configuration.name());
                configuration.run().on(runs, input);
            }
            System.out.printf(
                    java.util.Locale.ROOT,
                    "  JIT compiler busy %.0f %% of warm-up round %d%n",
                    100 * (jit.getTotalCompilationTime() - compiling) / ((System.nanoTime() - start) / 1e6),
                    round);
        }
        runs.measuring(true);
        awaitQuietCompiler(jit);
    }

    /** A throughput configuration, warmed up and measured alike. */
    private record Configuration(String name, Run run) {}

    private interface Run {
        BenchRuns.Throughput on(BenchRuns runs, BenchRuns.Input input) throws Exception;
    }

    private static final Configuration ROCKSDB =
            new Configuration("full job", (runs, input) -> runs.job(input, Map.of()));
    private static final Configuration PASSTHROUGH = new Configuration("passthrough", BenchRuns::passthrough);
    private static final Configuration HEAP =
            new Configuration("heap state", (runs, input) -> runs.job(input, Map.of("state.backend", "hashmap")));
    private static final Configuration AT_LEAST_ONCE = new Configuration(
            "at-least-once", (runs, input) -> runs.job(input, Map.of("kafka.delivery-guarantee", "at-least-once")));

    /** Until the compiler works less than {@link #QUIET_COMPILER} of the time, or two minutes have passed. */
    private static void awaitQuietCompiler(CompilationMXBean jit) throws InterruptedException {
        for (int check = 0; check < 60; check++) {
            long compiling = jit.getTotalCompilationTime();
            Thread.sleep(2_000);
            if (jit.getTotalCompilationTime() - compiling < QUIET_COMPILER * 2_000) {
                return;
            }
        }
        System.out.println("  The JIT compiler was still busy after two minutes: measuring anyway.");
    }

    static BenchRuns.Input load(
            BenchRuns runs, EmbeddedMariaDb mariaDb, String name, int events, int buyers, BenchOptions options)
            throws Exception {
        BenchRuns.Input input = runs.input(name);
        System.out.println("Writing " + events + " events of " + buyers + " buyers to " + name);
        try (Connection db = mariaDb.connect(name)) {
            db.createStatement()
                    .execute("INSERT INTO shops (id, domain, inbox_enabled) VALUES (1, 'bench.example', 1)");
            BenchWorkload.Written written = new BenchWorkload(runs.kafka().bootstrapServers(), 42)
                    .sessions(
                            events,
                            buyers,
                            options.outOfOrderShare(),
                            input.cartTopic(),
                            input.chatTopic(),
                            options.parallelism(),
                            db);
            System.out.println("  The rules send " + written.rules().signals() + " signals; "
                    + written.rules().perInput(events));
            return input.with(written);
        }
    }

    private static void live(BenchOptions options, BenchRuns runs, BenchResults results) throws Exception {
        System.out.println("Latency at " + options.latencyRate() + " events/s");
        LiveRuns live = new LiveRuns(runs);
        long[] exactlyOnce = live.latency("latency_eo", Map.of(), options.latencyRate(), options.latencySeconds())
                .sorted();
        long[] atLeastOnce = live.latency(
                        "latency_alo",
                        Map.of("kafka.delivery-guarantee", "at-least-once"),
                        options.latencyRate(),
                        options.latencySeconds())
                .sorted();
        results.latency("exactly-once (1 s checkpoints)", exactlyOnce);
        results.latency("at-least-once", atLeastOnce);
        for (String[] series : new String[][] {{"exactly-once", "2,000"}, {"at-least-once", "300"}}) {
            long[] sorted = series[0].equals("exactly-once") ? exactlyOnce : atLeastOnce;
            String p = LatencyRecorder.percentile(sorted, 50) + " / " + LatencyRecorder.percentile(sorted, 99) + " / "
                    + LatencyRecorder.percentile(sorted, 99.9);
            long p99 = LatencyRecorder.percentile(sorted, 99);
            results.add(
                    "Latency, " + series[0] + ", ms p50 / p99 / p99.9 (" + sorted.length + " signals)",
                    p,
                    "p99 ≤ " + series[1],
                    p99 >= 0 && p99 <= Long.parseLong(series[1].replace(",", "")));
        }
        double recovery = live.recovery(options.latencyRate());
        results.add("Recovery after losing the TaskManager, s", BenchResults.number(recovery), "≤ 20", recovery <= 20);
    }

    private static void state(BenchOptions options, BenchRuns runs, BenchResults results) throws Exception {
        System.out.println("State of " + options.stateBuyers() + " idle buyers holding a cart");
        BenchRuns.Input input = runs.input("bench_state");
        input = input.with(new BenchWorkload(runs.kafka().bootstrapServers(), 7)
                .idleCarts(options.stateBuyers(), input.cartTopic(), input.chatTopic(), options.parallelism()));
        BenchRuns.StateSize size = runs.stateSize(input);
        double perBuyer = (double) size.savepointBytes() / size.buyers();
        results.add(
                "State per idle buyer holding a cart (savepoint), bytes",
                BenchResults.number(perBuyer),
                "≤ 1,024",
                perBuyer <= 1024);
        results.add(
                "State per idle buyer holding a cart (RocksDB checkpoint), bytes",
                BenchResults.number((double) size.checkpointBytes() / size.buyers()));
    }

    private static void cdc(BenchOptions options, EmbeddedMariaDb mariaDb, BenchResults results) throws Exception {
        System.out.println("CDC snapshot of " + options.cdcRows() + " rows");
        CdcRuns.Snapshot snapshot = new CdcRuns(mariaDb).snapshot(options.cdcRows(), List.of(1, 2));
        snapshot.cdcSecondsByReaders().forEach((readers, seconds) -> {
            double rowsPerSecond = snapshot.rows() / seconds;
            if (readers == 1) {
                results.add(
                        "CDC snapshot, 1 reader, rows/s",
                        BenchResults.number(rowsPerSecond),
                        "≥ " + BenchResults.number(3 * CDC_SNAPSHOT_BEFORE) + " (3 × 2026-12-02)",
                        rowsPerSecond >= 3 * CDC_SNAPSHOT_BEFORE);
            } else {
                results.add("CDC snapshot, " + readers + " readers, rows/s", BenchResults.number(rowsPerSecond));
            }
        });
        results.add("Plain JDBC scan, rows/s", BenchResults.number(snapshot.rows() / snapshot.jdbcSeconds()));
    }

    private static void jmh(BenchResults results) throws Exception {
        System.out.println("JMH microbenchmarks");
        for (RunResult run : new Runner(new OptionsBuilder()
                        .include("io\\.buyersignals\\.bench\\.jmh\\..*")
                        .forks(1)
                        .shouldFailOnError(true)
                        .build())
                .run()) {
            String name = run.getParams().getBenchmark().replaceFirst(".*\\.jmh\\.", "")
                    + run.getParams().getParamsKeys().stream()
                            .map(key -> " " + key + "=" + run.getParams().getParam(key))
                            .collect(java.util.stream.Collectors.joining());
            results.add(
                    "JMH " + name + ", ops/s",
                    BenchResults.number(run.getPrimaryResult().getScore()) + " ± "
                            + BenchResults.number(run.getPrimaryResult().getScoreError()));
        }
    }

    private static void write(String[] args, String started, BenchResults results) throws Exception {
        String run = started.replace(":", "").replace("-", "");
        Map<String, String> about = new LinkedHashMap<>();
        about.put("date", started);
        about.put("command", "bench/run.sh " + String.join(" ", args));
        about.put("machine", machine());
        Path out = BENCH.resolve("results");
        results.writeJson(out.resolve(run + ".json"), about);
        results.writePlot(out.resolve("latency.png"));
        StringBuilder md = new StringBuilder();
        about.forEach((key, value) ->
                md.append("- ").append(key).append(": `").append(value).append("`\n"));
        md.append("\n").append(results.markdown()).append("\n![latency](results/latency.png)\n");
        Files.writeString(out.resolve(run + ".md"), md.toString(), StandardCharsets.UTF_8);
        Path summary = BENCH.resolve("RESULTS.md");
        String text = Files.exists(summary)
                ? Files.readString(summary, StandardCharsets.UTF_8)
                : "# Benchmark results\n\n" + TABLE_START + "\n" + TABLE_END + "\n";
        int start = text.indexOf(TABLE_START);
        int end = text.indexOf(TABLE_END);
        Files.writeString(
                summary,
                text.substring(0, start + TABLE_START.length()) + "\n" + md + text.substring(end),
                StandardCharsets.UTF_8);
        System.out.println("Results in " + summary + " and " + out);
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .orElse(cpu);
        } catch (Exception unreadable) {
            // not Linux
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getTotalMemorySize()
                >> 30;
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory + " GiB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version");
    }
}
