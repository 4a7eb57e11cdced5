package io.buyersignals.tests;

import io.buyersignals.cdc.CdcChange;
import io.buyersignals.cdc.ChangeMapper;
import io.buyersignals.job.BuyerSignalsTopology;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.Parsed;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Failures armed by a test and thrown from inside the running job: in the CDC reader during the snapshot or the
 * binlog phase, in the task after the buyer timeline, in the Kafka sink writer, and right after a checkpoint
 * completes (between the sinks' pre-commit and their commit). The MiniCluster runs in the test's JVM, so the job's
 * copies of these classes see the same static plan.
 */
final class Chaos {
    enum Point {
        CDC_SNAPSHOT,
        CDC_BINLOG,
        AFTER_TIMELINE,
        SINK_WRITER,
        CHECKPOINT_COMPLETE
    }

    static final class InjectedFailure extends RuntimeException {
        InjectedFailure(Point point) {
            super("Injected failure at " + point, null, false, false);
        }
    }

    /** Countdown per point: fail when it reaches zero; negative is disarmed. */
    private static final Map<Point, AtomicInteger> ARMED = new EnumMap<>(Point.class);
    private static final AtomicInteger INJECTED = new AtomicInteger();

    static {
        for (Point point : Point.values()) {
            ARMED.put(point, new AtomicInteger(-1));
        }
    }

    private Chaos() {}

    /** Fails the job when {@code point} is passed for the {@code times}-th time from now. */
    static void arm(Point point, int times) {
        ARMED.get(point).set(times);
    }

    static boolean fired(Point point) {
        return ARMED.get(point).get() < 0;
    }

    static void disarmAll() {
        ARMED.values().forEach(countdown -> countdown.set(-1));
    }

    /** Failures injected since the JVM started, by every test. */
    static int injected() {
        return INJECTED.get();
    }

    private static void pass(Point point) {
        if (ARMED.get(point).get() > 0 && ARMED.get(point).decrementAndGet() == 0) {
            ARMED.get(point).set(-1);
            INJECTED.incrementAndGet();
            throw new InjectedFailure(point);
        }
    }

    /** The production sinks with a failure point before them and one inside the signal writer. */
    static BuyerSignalsTopology.Sinks sinks(BuyerSignalsTopology.Sinks production) {
        return new BuyerSignalsTopology.Sinks(
                signals -> production.signals().accept(signals.map(new AfterTimeline()).uid("chaos").name("Chaos")),
                production.deadLetters());
    }

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

    static final class SignalRecords implements KafkaRecordSerializationSchema<BuyerSignal> {
        private final KafkaRecordSerializationSchema<BuyerSignal> production;

        SignalRecords(KafkaRecordSerializationSchema<BuyerSignal> production) {
            this.production = production;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(BuyerSignal signal, KafkaSinkContext context, Long timestamp) {
            pass(Point.SINK_WRITER);
            return production.serialize(signal, context, timestamp);
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
            pass(Point.CHECKPOINT_COMPLETE);
        }
    }
}
