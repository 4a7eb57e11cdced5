package io.buyersignals.functions;

import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.model.EventKind;
import io.buyersignals.rules.BuyerState;
import io.buyersignals.rules.BuyerTimeline;
import io.buyersignals.rules.ConversationState;
import io.buyersignals.rules.EventBatch;
import io.buyersignals.serde.TypeInfos;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** The buyer function in Flink's operator test harness, with generic (Kryo) types disabled. */
final class TimelineHarness implements AutoCloseable {
    private static final int MAX_PARALLELISM = 128;
    private final KeyedTwoInputStreamOperatorTestHarness<BuyerKey, CheckoutRow, BuyerEvent, BuyerSignal> harness;
    private final BuyerSignalsFunction function;
    private int taken;

    /** With 1 ms timer granularity: inputs apply as soon as the watermark reaches their time. */
    TimelineHarness() throws Exception {
        this(null);
    }

    TimelineHarness(OperatorSubtaskState restoreFrom) throws Exception {
        this(restoreFrom, Duration.ofMillis(1));
    }

    TimelineHarness(OperatorSubtaskState restoreFrom, Duration timerGranularity) throws Exception {
        this(restoreFrom, timerGranularity, 1, 1, 0, Duration.ofMillis(BuyerTimeline.DEFAULT_REPLY_WAIT));
    }

    /** With 1 ms timer granularity and the given wait before a waiting_at_checkout alert. */
    static TimelineHarness withReplyWait(Duration replyWait) throws Exception {
        return new TimelineHarness(null, Duration.ofMillis(1), 1, 1, 0, replyWait);
    }

    /**
     * Subtask {@code subtask} of {@code parallelism} with room to rescale (key groups for 128 subtasks), e.g. to
     * restore a snapshot repartitioned by {@link #rescale}.
     */
    TimelineHarness(OperatorSubtaskState restoreFrom, int parallelism, int subtask) throws Exception {
        this(
                restoreFrom,
                Duration.ofMillis(1),
                MAX_PARALLELISM,
                parallelism,
                subtask,
                Duration.ofMillis(BuyerTimeline.DEFAULT_REPLY_WAIT));
    }

    private TimelineHarness(
            OperatorSubtaskState restoreFrom,
            Duration timerGranularity,
            int maxParallelism,
            int parallelism,
            int subtask,
            Duration replyWait)
            throws Exception {
        function = new BuyerSignalsFunction(timerGranularity, replyWait);
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(function),
                CheckoutRow::key,
                BuyerEvent::key,
                TypeInfos.BUYER_KEY,
                maxParallelism,
                parallelism,
                subtask);
        harness.getExecutionConfig().disableGenericTypes();
        harness.setup();
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    /**
     * State as release 0.1.0 left it: chat events already applied (an open conversation in the "buyer" value, kept
     * with Flink's POJO serializer, and its lifecycle timer), other inputs still pending (one "pending" map entry
     * and one timer per time).
     */
    static OperatorSubtaskState release010Pending(BuyerEvent... pending) throws Exception {
        try (KeyedTwoInputStreamOperatorTestHarness<BuyerKey, CheckoutRow, BuyerEvent, BuyerSignal> release010 =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new Release010Buffer()),
                        CheckoutRow::key,
                        BuyerEvent::key,
                        TypeInfos.BUYER_KEY)) {
            release010.open();
            for (BuyerEvent event : pending) {
                release010.processElement2(new StreamRecord<>(event, event.occurredAt));
            }
            return release010.snapshot(1L, 1L);
        }
    }

    private static final class Release010Buffer
            extends KeyedCoProcessFunction<BuyerKey, CheckoutRow, BuyerEvent, BuyerSignal> {
        private transient MapState<Long, EventBatch> pending;
        private transient ValueState<BuyerState> buyer;

        @Override
        public void open(OpenContext openContext) {
            StateTtlConfig ttl =
                    StateTtlConfig.newBuilder(BuyerSignalsFunction.STATE_TTL).build();
            MapStateDescriptor<Long, EventBatch> pendingDescriptor =
                    new MapStateDescriptor<>("pending", Types.LONG, TypeInformation.of(EventBatch.class));
            pendingDescriptor.enableTimeToLive(ttl);
            pending = getRuntimeContext().getMapState(pendingDescriptor);
            ValueStateDescriptor<BuyerState> buyerDescriptor =
                    new ValueStateDescriptor<>("buyer", TypeInformation.of(BuyerState.class));
            buyerDescriptor.enableTimeToLive(ttl);
            buyer = getRuntimeContext().getState(buyerDescriptor);
        }

        @Override
        public void processElement1(CheckoutRow row, Context ctx, Collector<BuyerSignal> out) {
            throw new UnsupportedOperationException("events only");
        }

        @Override
        public void processElement2(BuyerEvent event, Context ctx, Collector<BuyerSignal> out) throws Exception {
            if (event.kind == EventKind.CHAT) {
                BuyerState state = new BuyerState();
                state.conversation = new ConversationState();
                state.conversation.conversationId = event.chat.conversationId;
                state.conversation.startedAt = event.occurredAt;
                state.conversation.endsAt = event.occurredAt + BuyerTimeline.CONVERSATION_LIFE;
                state.lifecycleTimer = state.conversation.endsAt;
                ctx.timerService().registerEventTimeTimer(state.lifecycleTimer);
                buyer.update(state);
                return;
            }
            EventBatch batch = pending.get(event.occurredAt);
            pending.put(event.occurredAt, (batch == null ? new EventBatch() : batch).add(event));
            ctx.timerService().registerEventTimeTimer(event.occurredAt);
        }
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

    /** Context records emitted since the previous call. */
    List<ConversationContext> takeContexts() {
        return drain(BuyerSignalsFunction.CONTEXTS);
    }

    /** Conversation outcomes emitted since the previous call. */
    List<ConversationOutcome> takeOutcomes() {
        return drain(BuyerSignalsFunction.OUTCOMES);
    }

    /** Alerts emitted since the previous call. */
    List<BuyerAlert> takeAlerts() {
        return drain(BuyerSignalsFunction.ALERTS);
    }

    private <T> List<T> drain(OutputTag<T> tag) {
        List<T> fresh = new ArrayList<>();
        var records = harness.getSideOutput(tag);
        if (records != null) {
            for (StreamRecord<T> record = records.poll(); record != null; record = records.poll()) {
                fresh.add(record.getValue());
            }
        }
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

    /** The state of a job at {@code from} subtasks (their snapshots), as subtask {@code subtask} of {@code to} gets it. */
    static OperatorSubtaskState rescale(int from, int to, int subtask, OperatorSubtaskState... snapshots)
            throws Exception {
        return AbstractStreamOperatorTestHarness.repartitionOperatorState(
                AbstractStreamOperatorTestHarness.repackageState(snapshots), MAX_PARALLELISM, from, to, subtask);
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
