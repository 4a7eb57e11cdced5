package io.buyersignals.tests;

import io.buyersignals.cdc.CdcChange;
import io.buyersignals.cdc.ChangeMapper;
import io.buyersignals.job.BuyerSignalsJob;
import io.buyersignals.job.BuyerSignalsTopology;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.Parsed;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Failures armed by a test and thrown from inside the running job. The MiniCluster runs in the test's JVM, so the
 * job's copies of these classes see the same static plan. Points:
 * <ul>
 *   <li>{@code CDC_SNAPSHOT}, {@code CDC_BINLOG}: in the checkouts reader, on a snapshot row or a binlog change;
 *   <li>{@code AFTER_TIMELINE}: on a signal between the buyer timeline and the sink;
 *   <li>{@code *_WRITER}: in a Kafka sink's writer, after it has written a record and flushed it to the broker (so
 *       without transactions the record is out, and a replay writes it again);
 *   <li>{@code *_BEFORE_COMMIT}: in a Kafka sink's committer, after the checkpoint completed on the JobManager and
 *       before its transactions are committed; the committer first hands their ids to the test and waits until
 *       the test has looked at them on the broker ({@link #preparedTransactions}, {@link #resume});
 *   <li>{@code AFTER_COMMIT}: when a checkpoint completes, in the operator chained before the signal sink: a chain
 *       notifies its last operator first, so the sink has already committed that checkpoint's transactions.
 * </ul>
 */
final class Chaos {
    enum Point {
        CDC_SNAPSHOT,
        CDC_BINLOG,
        AFTER_TIMELINE,
        SIGNALS_WRITER,
        CONTEXT_WRITER,
        DEAD_LETTERS_WRITER,
        SIGNALS_BEFORE_COMMIT,
        CONTEXT_BEFORE_COMMIT,
        DEAD_LETTERS_BEFORE_COMMIT,
        AFTER_COMMIT,
        /** Never armed: the alerts sink is wrapped like the others, its exactness checked after every failure. */
        NONE;

        static Point writer(String output) {
            return switch (output) {
                case "signals" -> SIGNALS_WRITER;
                case "context" -> CONTEXT_WRITER;
                case "dead-letters" -> DEAD_LETTERS_WRITER;
                default -> NONE;
            };
        }

        static Point beforeCommit(String output) {
            return switch (output) {
                case "signals" -> SIGNALS_BEFORE_COMMIT;
                case "context" -> CONTEXT_BEFORE_COMMIT;
                case "dead-letters" -> DEAD_LETTERS_BEFORE_COMMIT;
                default -> NONE;
            };
        }
    }

    static final class InjectedFailure extends RuntimeException {
        InjectedFailure(Point point) {
            super("Injected failure at " + point, null, false, false);
        }
    }

    /** How long a committer waits for the test to look at its open transactions before it fails anyway. */
    private static final Duration INSPECTION = Duration.ofSeconds(60);

    /** Countdown per point: fail when it reaches zero; negative is disarmed. */
    private static final Map<Point, AtomicInteger> ARMED = new EnumMap<>(Point.class);

    private static final Map<Point, CompletableFuture<List<String>>> PREPARED = new EnumMap<>(Point.class);
    private static final Map<Point, CountDownLatch> INSPECTED = new EnumMap<>(Point.class);

    static {
        for (Point point : Point.values()) {
            ARMED.put(point, new AtomicInteger(-1));
        }
    }

    private Chaos() {}

    /** Fails the job when {@code point} is passed for the {@code times}-th time from now. */
    static synchronized void arm(Point point, int times) {
        PREPARED.put(point, new CompletableFuture<>());
        INSPECTED.put(point, new CountDownLatch(1));
        ARMED.get(point).set(times);
    }

    static boolean fired(Point point) {
        return ARMED.get(point).get() < 0;
    }

    static synchronized void disarmAll() {
        ARMED.values().forEach(countdown -> countdown.set(-1));
        INSPECTED.values().forEach(CountDownLatch::countDown);
    }

    /** For a {@code *_BEFORE_COMMIT} point: the transactional ids its committer was about to commit when it fired. */
    static synchronized CompletableFuture<List<String>> preparedTransactions(Point point) {
        return PREPARED.get(point);
    }

    /** Lets the committer that handed over its transactions fail now. */
    static synchronized void resume(Point point) {
        INSPECTED.get(point).countDown();
    }

    /** True exactly once: on the countdown's last pass. */
    static boolean firesNow(Point point) {
        AtomicInteger countdown = ARMED.get(point);
        if (countdown.get() > 0 && countdown.decrementAndGet() == 0) {
            countdown.set(-1);
            return true;
        }
        return false;
    }

    static void pass(Point point) {
        if (firesNow(point)) {
            throw new InjectedFailure(point);
        }
    }

    /** Called by a committer that fires: hands the transactions over, waits for the test, then fails. */
    static void failBeforeCommit(Point point, List<String> transactionalIds) {
        CompletableFuture<List<String>> prepared;
        CountDownLatch inspected;
        synchronized (Chaos.class) {
            prepared = PREPARED.get(point);
            inspected = INSPECTED.get(point);
        }
        prepared.complete(transactionalIds);
        try {
            inspected.await(INSPECTION.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new InjectedFailure(point);
    }

    /** The production sinks with a failure point before the signal sink, and each Kafka sink wrapped. */
    static BuyerSignalsTopology.Sinks sinks(BuyerSignalsTopology.Sinks production) {
        return new BuyerSignalsTopology.Sinks(
                signals -> production
                        .signals()
                        .accept(signals.map(new AfterTimeline()).uid("chaos").name("Chaos")),
                production.contexts(),
                production.alerts(),
                production.outcomes(),
                production.deadLetters());
    }

    /** Wraps every Kafka sink in a {@link ChaosSink}. */
    static final BuyerSignalsJob.SinkWrapper SINKS = new BuyerSignalsJob.SinkWrapper() {
        @Override
        public <T> Sink<T> wrap(String output, KafkaSink<T> sink) {
            return ChaosSink.around(output, sink);
        }
    };

    static final class CheckoutRows implements ChangeMapper<Parsed<CheckoutRow>> {
        private final ChangeMapper<Parsed<CheckoutRow>> production;

        CheckoutRows(ChangeMapper<Parsed<CheckoutRow>> production) {
            this.production = production;
        }

        @Override
        public Parsed<CheckoutRow> map(CdcChange change) {
            pass(change.op() == CdcChange.Op.SNAPSHOT ? Point.CDC_SNAPSHOT : Point.CDC_BINLOG);
            return production.map(change);
        }

        @Override
        public Parsed<CheckoutRow> undecodable(String raw, String error) {
            return production.undecodable(raw, error);
        }
    }

    static final class AfterTimeline implements MapFunction<BuyerSignal, BuyerSignal>, CheckpointListener {
        @Override
        public BuyerSignal map(BuyerSignal signal) {
            pass(Point.AFTER_TIMELINE);
            return signal;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            pass(Point.AFTER_COMMIT);
        }
    }
}
