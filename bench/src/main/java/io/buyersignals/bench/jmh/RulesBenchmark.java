package io.buyersignals.bench.jmh;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CartSnapshot;
import io.buyersignals.model.ChatEvent;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.LineItem;
import io.buyersignals.rules.BuyerState;
import io.buyersignals.rules.BuyerTimeline;
import io.buyersignals.rules.DropReason;
import io.buyersignals.rules.EventBatch;
import io.buyersignals.rules.TimelineOutput;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** The rules on their own: one buyer in a conversation changing a three-item cart, one event per operation. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RulesBenchmark {
    private static final BuyerKey BUYER = new BuyerKey(1, "b-1");
    private BuyerState state;
    private BuyerEvent[] carts;
    private long time;
    private int next;

    @Setup
    public void setUp() {
        state = new BuyerState();
        time = 1_790_000_000_000L;
        new BuyerTimeline(BUYER, state, discard(null), BuyerTimeline.DEFAULT_REPLY_WAIT)
                .advance(
                        time,
                        new EventBatch()
                                .add(BuyerEvent.chat(
                                        "c",
                                        1,
                                        "b-1",
                                        time,
                                        new ChatEvent("conv", ChatType.CONVERSATION_STARTED, "online_store_chat"))));
        carts = new BuyerEvent[16];
        for (int i = 0; i < carts.length; i++) {
            LineItem[] items = {
                new LineItem(10, 1, "Linen shirt", 1 + i % 3, new BigDecimal("39.00")),
                new LineItem(20, 2, "Wool socks", 2, new BigDecimal("9.50")),
                new LineItem(30 + i % 2, 3, "Mug", 1, new BigDecimal("24.00"))
            };
            carts[i] = BuyerEvent.cart("e-" + i, 1, "b-1", 0, new CartSnapshot("c-1", "USD", items));
        }
    }

    @Benchmark
    public void applyACartChange(Blackhole sink) {
        time += 1_000;
        BuyerEvent event = carts[next++ & 15];
        event.occurredAt = time;
        event.eventId = Long.toString(time);
        new BuyerTimeline(BUYER, state, discard(sink), BuyerTimeline.DEFAULT_REPLY_WAIT)
                .advance(time, new EventBatch().add(event));
    }

    private static TimelineOutput discard(Blackhole sink) {
        return new TimelineOutput() {
            @Override
            public void emit(BuyerSignal signal) {
                if (sink != null) {
                    sink.consume(signal);
                }
            }

            @Override
            public void dropped(DropReason reason) {}
        };
    }
}
