package io.buyersignals.bench.jmh;

import io.buyersignals.contract.Readers;
import io.buyersignals.contract.SignalJson;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.Parsed;
import io.buyersignals.rules.SortedReplay;
import java.util.List;
import java.util.Map;
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

/** Reading a cart snapshot (with all the contract's checks) and writing a cart signal. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JsonBenchmark {
    static final String CART = "{\"schema\":\"cart_snapshot\",\"version\":1,\"event_id\":\"e-1\",\"shop_id\":42,"
            + "\"buyer_token\":\"b-7\",\"cart_token\":\"c-3\",\"occurred_at\":\"2026-11-22T10:15:30.123Z\","
            + "\"currency\":\"USD\",\"line_items\":[{\"variant_id\":1001,\"product_id\":501,\"title\":\"Linen shirt\","
            + "\"quantity\":2,\"unit_price\":\"39.00\"},{\"variant_id\":1002,\"product_id\":502,\"title\":\"Wool socks\","
            + "\"quantity\":3,\"unit_price\":\"9.50\"}]}";

    static final String CHAT = "{\"schema\":\"chat_event\",\"version\":1,\"event_id\":\"e-0\",\"shop_id\":42,"
            + "\"buyer_token\":\"b-7\",\"conversation_id\":\"conv-9\",\"type\":\"conversation_started\","
            + "\"occurred_at\":\"2026-11-22T10:15:30.000Z\"}";

    private BuyerSignal signal;

    @Setup
    public void setUp() {
        BuyerEvent start = Readers.CHAT_EVENT.parse(CHAT, "bench", null, 0L).value;
        BuyerEvent cart = Readers.CART_SNAPSHOT.parse(CART, "bench", null, 0L).value;
        signal = SortedReplay.run(List.of(), List.of(start, cart), Map.of()).get(0);
    }

    @Benchmark
    public Parsed<BuyerEvent> readACartSnapshot() {
        return Readers.CART_SNAPSHOT.parse(CART, "bench", null, 0L);
    }

    @Benchmark
    public String writeACartSignal() {
        return SignalJson.write(signal);
    }
}
