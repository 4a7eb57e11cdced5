package io.buyersignals.functions;

import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.rules.BuyerState;
import io.buyersignals.rules.BuyerTimeline;
import io.buyersignals.rules.EventBatch;
import io.buyersignals.serde.FormatTypeInfo;
import io.buyersignals.serde.TypeInfos;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
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
import org.apache.flink.util.OutputTag;

/**
 * The per-buyer shell around {@link BuyerTimeline}. Inputs wait in the buyer's state until the watermark passes
 * their time (so arrival order within the bound does not matter), then the rules run. A buyer has at most two
 * timers: a flush timer for its pending inputs, rounded up to the timer granularity so that a burst of inputs is
 * applied with one state access, and a lifecycle timer at or before its next deadline. Either one, when it fires,
 * runs the buyer's timeline up to its time. Input 1: checkout row versions; input 2: cart snapshots and chat events.
 * Output: signals; side outputs {@link #CONTEXTS}, {@link #ALERTS} and {@link #OUTCOMES}.
 */
public class BuyerSignalsFunction extends KeyedCoProcessFunction<BuyerKey, CheckoutRow, BuyerEvent, BuyerSignal>
        implements CheckpointedFunction {
    /** A safety net only: event-time timers clear state after at most 14 days of inactivity. */
    public static final Duration STATE_TTL = Duration.ofDays(15);

    /** Rule 10's records: each conversation's context, and a tombstone when it ends. */
    public static final OutputTag<ConversationContext> CONTEXTS =
            new OutputTag<>("buyer-context", TypeInfos.CONVERSATION_CONTEXT);
    /** Rule 12's records. */
    public static final OutputTag<BuyerAlert> ALERTS = new OutputTag<>("buyer-alerts", TypeInfos.BUYER_ALERT);
    /** Rule 13's records. */
    public static final OutputTag<ConversationOutcome> OUTCOMES =
            new OutputTag<>("conversation-outcomes", TypeInfos.CONVERSATION_OUTCOME);

    private static final long NONE = Long.MAX_VALUE;

    private final long timerGranularity;
    private final long replyWait;
    private transient ValueState<BuyerState> buyer;
    /**
     * Release 0.1.0 kept pending inputs here, one entry and one timer per event time. Its timers are the only ones
     * this function does not track in the buyer's state; when one fires, its entry moves into the buyer's state.
     */
    private transient MapState<Long, EventBatch> legacyPending;

    private transient TimelineMetrics metrics;
    /** The gauges' counts, so they are right after a restore; entries are summed, so rescaling keeps the total. */
    private transient ListState<Long> buyersWithState;

    private transient ListState<Long> activeConversations;
    private transient long restoredBuyers;
    private transient long restoredConversations;
    /** What the state held when {@link #load()} read it, to count what changed when {@link #save} writes it. */
    private transient boolean loadedStored;

    private transient boolean loadedConversation;

    public BuyerSignalsFunction(Duration timerGranularity, Duration replyWait) {
        this.timerGranularity = Math.max(1, timerGranularity.toMillis());
        this.replyWait = replyWait.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(STATE_TTL).build();
        ValueStateDescriptor<BuyerState> buyerDescriptor =
                new ValueStateDescriptor<>("buyer", FormatTypeInfo.BUYER_STATE);
        buyerDescriptor.enableTimeToLive(ttl);
        MapStateDescriptor<Long, EventBatch> legacyPendingDescriptor =
                new MapStateDescriptor<>("pending", Types.LONG, TypeInformation.of(EventBatch.class));
        legacyPendingDescriptor.enableTimeToLive(ttl);
        buyer = getRuntimeContext().getState(buyerDescriptor);
        legacyPending = getRuntimeContext().getMapState(legacyPendingDescriptor);
        metrics = new TimelineMetrics(getRuntimeContext().getMetricGroup(), restoredBuyers, restoredConversations);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        buyersWithState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("buyers-with-state", Types.LONG));
        activeConversations = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("active-conversations", Types.LONG));
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
        receive(ctx, out, timeline -> timeline.receive(row, ctx.timerService().currentWatermark()));
    }

    @Override
    public void processElement2(BuyerEvent event, Context ctx, Collector<BuyerSignal> out) throws Exception {
        receive(ctx, out, timeline -> timeline.receive(event, ctx.timerService().currentWatermark()));
    }

    /** Rule 6 is the timeline's: the input waits in the buyer's state, or, late, is applied at once. */
    private void receive(Context ctx, Collector<BuyerSignal> out, Predicate<BuyerTimeline> input) throws Exception {
        BuyerState state = load();
        if (input.test(timeline(ctx, out, state))) {
            metrics.lateApplied.inc();
        }
        save(state, ctx.timerService());
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<BuyerSignal> out) throws Exception {
        BuyerState state = load();
        boolean tracked = state.flushTimer == time || state.lifecycleTimer == time;
        if (state.flushTimer == time) {
            state.flushTimer = NONE;
        }
        if (state.lifecycleTimer == time) {
            state.lifecycleTimer = NONE;
        }
        if (!tracked) {
            EventBatch legacy = legacyPending.get(time);
            if (legacy != null) {
                state.pending.addAll(legacy);
                legacyPending.remove(time);
            }
        }
        // Only up to this timer, not the watermark: a release 0.1.0 timer of this buyer may still be due before it.
        timeline(ctx, out, state).advanceTo(time);
        save(state, ctx.timerService());
    }

    private BuyerTimeline timeline(Context ctx, Collector<BuyerSignal> out, BuyerState state) {
        return new BuyerTimeline(ctx.getCurrentKey(), state, metrics.to(out, ctx), replyWait);
    }

    private BuyerState load() throws Exception {
        BuyerState state = buyer.value();
        loadedStored = state != null;
        loadedConversation = state != null && state.conversation != null;
        return state == null ? new BuyerState() : state;
    }

    /**
     * Keeps a timer at or before the buyer's next pending input and next deadline, moving one only when it must fire
     * earlier (a timer that fires early finds nothing to do and is set again); no state and no timer once nothing is
     * left.
     */
    private void save(BuyerState state, TimerService timers) throws Exception {
        boolean holdsNothing = state.holdsNothing();
        if (holdsNothing) {
            cancel(timers, state.flushTimer);
            cancel(timers, state.lifecycleTimer);
            if (loadedStored) {
                buyer.clear();
            }
        } else {
            long flushAt = state.pending.isEmpty() ? NONE : roundUp(state.pending.earliestTime());
            if (flushAt < state.flushTimer) {
                move(timers, state.flushTimer, flushAt, state.lifecycleTimer);
                state.flushTimer = flushAt;
            }
            long deadline = BuyerTimeline.nextDeadline(state, replyWait);
            if (deadline < state.lifecycleTimer) {
                move(timers, state.lifecycleTimer, deadline, state.flushTimer);
                state.lifecycleTimer = deadline;
            }
            buyer.update(state);
        }
        metrics.buyerChanged(loadedStored, loadedConversation, !holdsNothing, state.conversation != null);
    }

    private static void move(TimerService timers, long from, long to, long otherTimer) {
        if (from != otherTimer) {
            cancel(timers, from);
        }
        timers.registerEventTimeTimer(to);
    }

    private static void cancel(TimerService timers, long time) {
        if (time != NONE) {
            timers.deleteEventTimeTimer(time);
        }
    }

    private long roundUp(long time) {
        long past = Math.floorMod(time, timerGranularity);
        return past == 0 || time > NONE - timerGranularity ? time : time - past + timerGranularity;
    }
}
