package io.buyersignals.bench.jmh;

import io.buyersignals.functions.BuyerSignalsFunction;
import io.buyersignals.job.JobOptions;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CartSnapshot;
import io.buyersignals.model.ChatEvent;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.LineItem;
import io.buyersignals.serde.TypeInfos;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The buyer timeline, the job's busiest task, on its own: the production function in Flink's operator harness on
 * RocksDB (with its own memory, as outside a test) or heap state, fed cart snapshots and chats of 10,000 buyers in
 * event-time order with a watermark every 100 inputs, 5 s behind. Per operation: one input arriving, and its share
 * of timers firing and buyers' state read and written. Steady state, with the JIT done, which the job runs of the
 * benchmark cannot promise on two cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// On two cores the C2 compiler needs about ten seconds before RocksDB's figures settle.
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
public class TimelineBenchmark {
    private static final int BUYERS = 10_000;
    private static final int INPUTS = 10_000;
    private static final long BOUND = 5_000;

    @Param({"rocksdb", "hashmap"})
    public String backend;

    private KeyedTwoInputStreamOperatorTestHarness<BuyerKey, CheckoutRow, BuyerEvent, BuyerSignal> harness;
    private final Random random = new Random(42);
    private BuyerEvent[] inputs;
    private long time = 1_790_000_000_000L;

    @Setup(Level.Trial)
    public void open() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(
                        new BuyerSignalsFunction(Duration.ofMillis(100), JobOptions.REPLY_WAIT.defaultValue())),
                CheckoutRow::key,
                BuyerEvent::key,
                TypeInfos.BUYER_KEY);
        if (backend.equals("rocksdb")) {
            EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend();
            rocksDb.getMemoryConfiguration().setUseManagedMemory(false);
            harness.setStateBackend(rocksDb);
        } else {
            harness.setStateBackend(new HashMapStateBackend());
        }
        harness.setup();
        harness.open();
        inputs = new BuyerEvent[INPUTS];
    }

    /** New inputs, later in time, for every invocation (10,000 inputs): buyers' state grows and ends as it would. */
    @Setup(Level.Invocation)
    public void nextInputs() {
        for (int i = 0; i < INPUTS; i++) {
            time += 50;
            int buyer = random.nextInt(BUYERS);
            inputs[i] = random.nextInt(100) < 8
                    ? BuyerEvent.chat(
                            "e-" + time,
                            1,
                            "b-" + buyer,
                            time,
                            new ChatEvent(
                                    "conv-" + buyer + "-" + time / 3_600_000,
                                    ChatType.CONVERSATION_STARTED,
                                    "online_store_chat"))
                    : BuyerEvent.cart(
                            "e-" + time, 1, "b-" + buyer, time, new CartSnapshot("cart-" + buyer, "USD", cart()));
        }
    }

    private LineItem[] cart() {
        LineItem[] items = new LineItem[1 + random.nextInt(4)];
        for (int i = 0; i < items.length; i++) {
            int product = random.nextInt(1_000);
            items[i] = new LineItem(
                    product * 10L, product, "Product " + product, 1 + random.nextInt(3), new BigDecimal("19.90"));
        }
        return items;
    }

    @Benchmark
    @OperationsPerInvocation(INPUTS)
    public void applyInputs() throws Exception {
        for (int i = 0; i < INPUTS; i++) {
            BuyerEvent event = inputs[i];
            harness.processElement2(new StreamRecord<>(event, event.occurredAt));
            if (i % 100 == 99) {
                harness.processBothWatermarks(new Watermark(event.occurredAt - BOUND));
            }
        }
        harness.getOutput().clear();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        harness.close();
    }
}
