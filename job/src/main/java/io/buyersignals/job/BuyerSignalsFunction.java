package io.buyersignals.job;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.rules.BuyerState;
import io.buyersignals.rules.BuyerTimeline;
import io.buyersignals.rules.EventBatch;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The per-buyer shell around {@link BuyerTimeline}: inputs wait in {@code pending} until the watermark passes their
 * time (so arrival order within the bound does not matter), then the rules run; one lifecycle timer per buyer wakes
 * the rules at the next expiry. Input 1: checkout row versions; input 2: cart snapshots and chat events.
 */
public class BuyerSignalsFunction extends KeyedCoProcessFunction<BuyerKey, CheckoutRow, BuyerEvent, BuyerSignal>
        implements CheckpointedFunction {
    /** A safety net only: event-time timers clear state after at most 14 days of inactivity. */
    static final Duration STATE_TTL = Duration.ofDays(15);

    private transient ValueState<BuyerState> buyer;
    private transient MapState<Long, EventBatch> pending;
    private transient TimelineMetrics metrics;
    /** The gauges' counts, so they are right after a restore; entries are summed, so rescaling keeps the total. */
    private transient ListState<Long> buyersWithState;
    private transient ListState<Long> activeConversations;
    private transient long restoredBuyers;
    private transient long restoredConversations;
    /** What the state held when {@link #load()} read it, to count what changed when {@link #save} writes it. */
    private transient boolean loadedStored;
    private transient boolean loadedConversation;

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(STATE_TTL).build();
        ValueStateDescriptor<BuyerState> buyerDescriptor =
                new ValueStateDescriptor<>("buyer", TypeInformation.of(BuyerState.class));
        buyerDescriptor.enableTimeToLive(ttl);
        MapStateDescriptor<Long, EventBatch> pendingDescriptor =
                new MapStateDescriptor<>("pending", Types.LONG, TypeInformation.of(EventBatch.class));
        pendingDescriptor.enableTimeToLive(ttl);
        buyer = getRuntimeContext().getState(buyerDescriptor);
        pending = getRuntimeContext().getMapState(pendingDescriptor);
        metrics = new TimelineMetrics(getRuntimeContext().getMetricGroup(), restoredBuyers, restoredConversations);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        buyersWithState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("buyers-with-state", Types.LONG));
        activeConversations = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("active-conversations", Types.LONG));
        restoredBuyers = sum(buyersWithState);
        restoredConversations = sum(activeConversations);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        buyersWithState.update(List.of(metrics.buyersWithState()));
        activeConversations.update(List.of(metrics.activeConversations()));
    }

    /** The gauges' values, for tests. */
    long buyersWithState() {
        return metrics.buyersWithState();
    }

    long activeConversations() {
        return metrics.activeConversations();
    }

    private static long sum(ListState<Long> counts) throws Exception {
        long total = 0;
        for (Long count : counts.get()) {
            total += count;
        }
        return total;
    }

    @Override
    public void processElement1(CheckoutRow row, Context ctx, Collector<BuyerSignal> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (row.updatedAt > watermark) {
            buffer(row.updatedAt, batchAt(row.updatedAt).add(row), ctx.timerService());
            return;
        }
        metrics.lateApplied.inc();
        BuyerState state = load();
        new BuyerTimeline(ctx.getCurrentKey(), state, metrics.to(out)).applyLate(row, watermark);
        save(state, ctx.timerService());
    }

    @Override
    public void processElement2(BuyerEvent event, Context ctx, Collector<BuyerSignal> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (event.occurredAt > watermark) {
            buffer(event.occurredAt, batchAt(event.occurredAt).add(event), ctx.timerService());
            return;
        }
        metrics.lateApplied.inc();
        BuyerState state = load();
        new BuyerTimeline(ctx.getCurrentKey(), state, metrics.to(out)).applyLate(event, watermark);
        save(state, ctx.timerService());
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<BuyerSignal> out) throws Exception {
        EventBatch batch = pending.get(time);
        if (batch != null) {
            pending.remove(time);
        }
        BuyerState state = load();
        new BuyerTimeline(ctx.getCurrentKey(), state, metrics.to(out)).advance(time, batch);
        save(state, ctx.timerService());
    }

    private EventBatch batchAt(long time) throws Exception {
        EventBatch batch = pending.get(time);
        return batch == null ? new EventBatch() : batch;
    }

    private void buffer(long time, EventBatch batch, TimerService timers) throws Exception {
        pending.put(time, batch);
        timers.registerEventTimeTimer(time);
    }

    private BuyerState load() throws Exception {
        BuyerState state = buyer.value();
        loadedStored = state != null;
        loadedConversation = state != null && state.conversation != null;
        return state == null ? new BuyerState() : state;
    }

    /** Keeps exactly one lifecycle timer, at the next deadline, and no state at all once nothing is left. */
    private void save(BuyerState state, TimerService timers) throws Exception {
        long deadline = BuyerTimeline.nextDeadline(state);
        if (state.lifecycleTimer != deadline) {
            // A timer at the same time may still be needed to flush pending inputs.
            if (state.lifecycleTimer != Long.MAX_VALUE && !pending.contains(state.lifecycleTimer)) {
                timers.deleteEventTimeTimer(state.lifecycleTimer);
            }
            if (deadline != Long.MAX_VALUE) {
                timers.registerEventTimeTimer(deadline);
            }
            state.lifecycleTimer = deadline;
        }
        boolean holdsNothing = state.holdsNothing();
        if (holdsNothing) {
            buyer.clear();
        } else {
            buyer.update(state);
        }
        metrics.buyerChanged(loadedStored, loadedConversation, !holdsNothing, state.conversation != null);
    }
}
