package io.buyersignals.local;

import io.buyersignals.job.BuyerSignalsJob;
import io.buyersignals.job.CommandLines;
import io.buyersignals.job.JobOptions;
import io.buyersignals.job.JobSettings;
import io.buyersignals.local.inbox.InboxServer;
import io.buyersignals.testkit.BinlogClientLog;
import io.buyersignals.testkit.CheckoutTable;
import io.buyersignals.testkit.Deadline;
import io.buyersignals.testkit.Directories;
import io.buyersignals.testkit.EmbeddedJob;
import io.buyersignals.testkit.EmbeddedMariaDb;
import io.buyersignals.testkit.FreePorts;
import io.buyersignals.testkit.KafkaBroker;
import io.buyersignals.testkit.ShopperSimulator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one-command local run: MariaDB (binlog on, the tables, a least-privilege CDC user, the shops), a Kafka
 * broker, the production job on a local Flink cluster with its Web UI, and the shopper simulator; prints each
 * start-up step, then every signal, then a summary. {@link #close()} (also run on Ctrl-C) stops all of it and
 * removes its temporary directory.
 */
public final class LocalRun implements AutoCloseable {
    private static final String CART_EVENTS = JobOptions.TOPIC_CART_EVENTS.defaultValue();
    private static final String CHAT_EVENTS = JobOptions.TOPIC_CHAT_EVENTS.defaultValue();
    private static final String SIGNALS = JobOptions.TOPIC_SIGNALS.defaultValue();
    private static final String DEAD_LETTERS = JobOptions.TOPIC_DEAD_LETTERS.defaultValue();
    private static final String CONTEXT = JobOptions.TOPIC_CONTEXT.defaultValue();
    private static final String ALERTS = JobOptions.TOPIC_ALERTS.defaultValue();
    private static final String OUTCOMES = JobOptions.TOPIC_OUTCOMES.defaultValue();

    /** Output waits for the out-of-orderness bound, then a quiet input's advance, then a checkpoint commit. */
    private static final Duration OUTPUT_LAG = JobOptions.OUT_OF_ORDERNESS
            .defaultValue()
            .plus(JobOptions.QUIET_AFTER.defaultValue())
            .plus(JobOptions.CHECKPOINT_INTERVAL.defaultValue());

    private final LocalOptions options;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private Path directory;
    private EmbeddedMariaDb mariaDb;
    private KafkaBroker kafka;
    private JobClient job;
    private SignalPrinter printer;
    private InboxServer inbox;
    private LiveTraffic traffic;
    private ShopperSimulator simulator;
    private ScheduledExecutorService shoppers;
    private long simulationStarted;
    private boolean closed;

    public LocalRun(LocalOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        BinlogClientLog.quiet();
        LocalOptions options = CommandLines.orExit(() -> LocalOptions.parse(args, System.out));
        if (options == null) {
            return;
        }
        LocalRun run = new LocalRun(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run.stop(false), "local-run-shutdown"));
        try {
            run.start();
            run.awaitEnd();
        } catch (Exception e) {
            System.err.println("The local run failed: " + e.getMessage());
            run.stop(false);
            System.exit(1);
        }
        run.stop(true);
    }

    public void start() throws Exception {
        directory = Files.createTempDirectory("buyer-signals-local-");
        out.printf("Buyer Signals local run (files in %s, simulator seed %d)%n", directory, options.seed());
        mariaDb = step(
                "MariaDB " + EmbeddedMariaDb.version() + " with binlog, tables and CDC user",
                () -> EmbeddedMariaDb.start(directory.resolve("mariadb"), options.mariadbPort()));
        out.printf(
                "            jdbc:mysql://127.0.0.1:%d/%s (CDC user %s: SELECT, REPLICATION SLAVE, BINLOG MONITOR)%n",
                mariaDb.port(), EmbeddedMariaDb.DATABASE, EmbeddedMariaDb.CDC_USER);
        step(
                "Shops: " + ShopperSimulator.SHOPS.size()
                        + " rows (one in each experiment arm, one with its inbox disabled)",
                () -> {
                    try (Connection db = mariaDb.connect(EmbeddedMariaDb.DATABASE)) {
                        for (ShopperSimulator.Shop shop : ShopperSimulator.SHOPS) {
                            CheckoutTable.insertShop(db, shop.row());
                        }
                    }
                    return null;
                });
        kafka = step(
                "Kafka broker (KRaft, child JVM)",
                () -> KafkaBroker.start(directory.resolve("kafka"), options.kafkaPort()));
        kafka.leaveStoppingOnExitToCaller();
        out.printf("            %s%n", kafka.bootstrapServers());
        step(
                "Topics "
                        + String.join(", ", CART_EVENTS, CHAT_EVENTS, SIGNALS, CONTEXT, ALERTS, OUTCOMES, DEAD_LETTERS),
                () -> {
                    kafka.createTopics(2, CART_EVENTS, CHAT_EVENTS, SIGNALS, ALERTS, OUTCOMES, DEAD_LETTERS);
                    kafka.createCompactedTopic(2, CONTEXT);
                    return null;
                });
        int webPort = FreePorts.orNext(options.webPort());
        job = step("Buyer Signals job on a local Flink cluster", () -> startJob(webPort));
        out.printf("            Flink Web UI: http://127.0.0.1:%d%n", webPort);
        inbox = step(
                "Inbox preview page",
                () -> new InboxServer(
                        options.inboxPort(),
                        kafka.bootstrapServers(),
                        Map.of(CONTEXT, "context", SIGNALS, "signal", ALERTS, "alert")));
        out.printf("            Inbox preview: %s%n", inbox.address());
        printer = new SignalPrinter(kafka.bootstrapServers(), SIGNALS, OUTCOMES, DEAD_LETTERS, out);
        traffic = new LiveTraffic(
                kafka.bootstrapServers(), mariaDb.connect(EmbeddedMariaDb.DATABASE), CART_EVENTS, CHAT_EVENTS);
        simulator = new ShopperSimulator(options.buyers(), options.seed(), System::currentTimeMillis, traffic);
        shoppers = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "shoppers"));
        simulationStarted = System.nanoTime();
        shoppers.scheduleAtFixedRate(simulator::step, 0, (long) (1_000_000 / options.rate()), TimeUnit.MICROSECONDS);
        out.printf(
                "[%6.1f s] Simulating %d buyers at %s interactions/s; signals appear ~%d s after their event%s%n",
                elapsed(),
                options.buyers(),
                options.rate(),
                OUTPUT_LAG.toSeconds(),
                options.runsUntilStopped()
                        ? " (Ctrl-C to stop)"
                        : " for " + options.duration().toSeconds() + " s");
    }

    private JobClient startJob(int webPort) throws Exception {
        Map<String, String> values =
                EmbeddedJob.connection(kafka.bootstrapServers(), mariaDb, EmbeddedMariaDb.DATABASE);
        values.put("parallelism.default", "2");
        values.put(
                "execution.checkpointing.dir",
                directory.resolve("checkpoints").toUri().toString());
        values.put("restart-strategy.type", "fixed-delay");
        values.put("restart-strategy.fixed-delay.attempts", "5");
        values.put("restart-strategy.fixed-delay.delay", "2s");
        JobSettings settings = EmbeddedJob.settings(values);
        Configuration flink = settings.flinkConfiguration();
        flink.setString("rest.bind-address", "127.0.0.1");
        flink.setString("rest.address", "127.0.0.1");
        flink.setString("rest.port", Integer.toString(webPort));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
        BuyerSignalsJob.build(env, settings);
        JobClient client = env.executeAsync(BuyerSignalsJob.JOB_NAME);
        Deadline.await(
                "the job to run",
                Duration.ofSeconds(60),
                () -> client.getJobStatus().get() == JobStatus.RUNNING);
        return client;
    }

    /** Returns when the duration is over, or throws when something the run depends on broke. */
    public void awaitEnd() throws Exception {
        long end = options.runsUntilStopped()
                ? Long.MAX_VALUE
                : simulationStarted + options.duration().toNanos();
        while (System.nanoTime() < end) {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            if (traffic.failure() != null) {
                throw new IllegalStateException(
                        "writing the simulated traffic failed: " + traffic.failure(), traffic.failure());
            }
            JobStatus status = job.getJobStatus().get();
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException(
                        "the job stopped with status " + status + "; its logs are above, the Web UI is gone with it");
            }
            Thread.sleep(250);
        }
    }

    /** As {@link #stop(boolean)} without waiting for the last signals, as on Ctrl-C. */
    @Override
    public void close() {
        stop(false);
    }

    /**
     * Stops everything in reverse order and prints the summary; with {@code drain}, first waits until the signals of
     * the last simulated events are out. Safe to call more than once and from a shutdown hook.
     */
    public synchronized void stop(boolean drain) {
        if (closed) {
            return;
        }
        closed = true;
        out.printf("[%6.1f s] Stopping%n", elapsed());
        quietly(() -> {
            if (shoppers != null) {
                shoppers.shutdownNow();
                shoppers.awaitTermination(5, TimeUnit.SECONDS);
            }
        });
        quietly(() -> {
            if (traffic != null) {
                traffic.close();
            }
        });
        if (drain && printer != null) {
            quietly(this::awaitLastSignals);
        }
        quietly(() -> {
            if (job != null && !job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get(30, TimeUnit.SECONDS);
                // The job's clients must be gone before the broker and the database they talk to.
                Deadline.await("the job to stop", Duration.ofSeconds(30), () -> jobHasEnded());
            }
        });
        quietly(() -> {
            if (printer != null) {
                printer.close();
            }
        });
        quietly(() -> {
            if (inbox != null) {
                inbox.close();
            }
        });
        quietly(() -> {
            if (kafka != null) {
                kafka.close();
            }
        });
        quietly(() -> {
            if (mariaDb != null) {
                mariaDb.close();
            }
        });
        quietly(() -> {
            if (directory != null) {
                Directories.deleteRecursively(directory);
            }
        });
        printSummary();
    }

    private boolean jobHasEnded() {
        try {
            return job.getJobStatus().get(5, TimeUnit.SECONDS).isGloballyTerminalState();
        } catch (Exception e) {
            return true; // the local cluster shuts down with its job
        }
    }

    /** Until the printer has been quiet for a while, at most twice the output lag. */
    private void awaitLastSignals() throws InterruptedException {
        out.printf("[%6.1f s] Waiting for the signals of the last events%n", elapsed());
        long deadline = System.nanoTime() + OUTPUT_LAG.multipliedBy(2).toNanos();
        long seen = printer.total();
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(4)) {
            Thread.sleep(200);
            if (printer.total() != seen) {
                seen = printer.total();
                lastChange = System.nanoTime();
            }
        }
    }

    private void printSummary() {
        out.printf("[%6.1f s] Stopped: no process left, %s removed%n", elapsed(), directory);
        if (simulator != null) {
            ShopperSimulator.Counts c = simulator.counts();
            out.printf(
                    "Written:  %d cart snapshots, %d chat events, %d checkouts started, %d orders completed, "
                            + "%d broken records%n",
                    c.cartSnapshots, c.chatEvents, c.checkoutsStarted, c.ordersCompleted, c.badRecords);
        }
        if (printer != null) {
            out.println("Received: "
                    + (printer.counts().isEmpty()
                            ? "nothing"
                            : printer.counts().toString().replaceAll("[{}]", "").replace("=", ": ")));
        }
    }

    public ShopperSimulator.Counts written() {
        return simulator.counts();
    }

    public Map<String, Long> received() {
        return printer.counts();
    }

    public Path directory() {
        return directory;
    }

    private <T> T step(String what, Callable<T> action) throws Exception {
        long begin = System.nanoTime();
        T result = action.call();
        out.printf("[%6.1f s] %s (%.1f s)%n", elapsed(), what, (System.nanoTime() - begin) / 1e9);
        return result;
    }

    private double elapsed() {
        return (System.nanoTime() - started) / 1e9;
    }

    private interface Action {
        void run() throws Exception;
    }

    /** Shutting down goes on past a part that fails to stop, so the others still stop. */
    private void quietly(Action action) {
        try {
            action.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            out.println("            (while stopping: " + e + ")");
        }
    }
}
