package io.buyersignals.job;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/** The buyer function in Flink's operator test harness, with generic (Kryo) types disabled. */
final class TimelineHarness implements AutoCloseable {
    private final KeyedTwoInputStreamOperatorTestHarness<BuyerKey, CheckoutRow, BuyerEvent, BuyerSignal> harness;
    private final BuyerSignalsFunction function = new BuyerSignalsFunction();
    private int taken;

    TimelineHarness() throws Exception {
        this(null);
    }

    TimelineHarness(OperatorSubtaskState restoreFrom) throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(function), CheckoutRow::key, BuyerEvent::key,
                TypeInfos.BUYER_KEY);
        harness.getExecutionConfig().disableGenericTypes();
        harness.setup();
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    TimelineHarness send(Object... inputs) throws Exception {
        for (Object input : inputs) {
            if (input instanceof CheckoutRow row) {
                harness.processElement1(new StreamRecord<>(row, row.updatedAt));
            } else {
                BuyerEvent event = (BuyerEvent) input;
                harness.processElement2(new StreamRecord<>(event, event.occurredAt));
            }
        }
        return this;
    }

    TimelineHarness watermark(long time) throws Exception {
        harness.processBothWatermarks(new Watermark(time));
        return this;
    }

    /** Signals emitted since the previous call. */
    List<BuyerSignal> take() {
        List<BuyerSignal> all = harness.extractOutputValues();
        List<BuyerSignal> fresh = List.copyOf(all.subList(taken, all.size()));
        taken = all.size();
        return fresh;
    }

    int stateEntries() {
        return harness.numKeyedStateEntries();
    }

    /** The function's gauges: buyers with state, active conversations. */
    long[] gauges() {
        return new long[] {function.buyersWithState(), function.activeConversations()};
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1L, 1L);
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
