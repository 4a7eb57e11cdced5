package io.buyersignals.functions;

import io.buyersignals.model.AlertResolution;
import io.buyersignals.model.AlertStatus;
import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.model.EndReason;
import io.buyersignals.model.SignalType;
import io.buyersignals.model.Timing;
import io.buyersignals.rules.DropReason;
import io.buyersignals.rules.TimelineOutput;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Forwards the rules' signals to the collector, contexts and alerts to their side outputs, and measures the buyer
 * timeline: signals per type and timing, context updates and tombstones, alerts raised and resolved (by why), the
 * latency of live signals, what the rules dropped and why, and how many buyers and conversations it holds.
 */
final class TimelineMetrics implements TimelineOutput {
    /** Enough samples for stable p99s, few enough to stay cheap. */
    private static final int LATENCY_WINDOW = 10_000;

    final Counter lateApplied;
    private final Map<SignalType, Map<Timing, Counter>> signals = new EnumMap<>(SignalType.class);
    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
    private final Histogram latency;
    private long buyersWithState;
    private long activeConversations;
    private final Counter contextUpdates;
    private final Counter contextTombstones;
    private final Counter alertsRaised;
    private final Map<EndReason, Counter> outcomes = new EnumMap<>(EndReason.class);
    private final Counter conversions;
    private final Map<AlertResolution, Counter> resolved = new EnumMap<>(AlertResolution.class);
    private Collector<BuyerSignal> out;
    private KeyedCoProcessFunction<BuyerKey, CheckoutRow, BuyerEvent, BuyerSignal>.Context sideOutputs;

    TimelineMetrics(MetricGroup operatorGroup, long buyersWithState, long activeConversations) {
        this.buyersWithState = buyersWithState;
        this.activeConversations = activeConversations;
        MetricGroup group = operatorGroup.addGroup("buyer_signals");
        lateApplied = group.counter("late_events_applied");
        for (SignalType type : SignalType.values()) {
            Map<Timing, Counter> byTiming = new EnumMap<>(Timing.class);
            for (Timing timing : Timing.values()) {
                byTiming.put(
                        timing,
                        group.addGroup("type", type.wireName())
                                .addGroup("timing", timing.wireName())
                                .counter("signals"));
            }
            signals.put(type, byTiming);
        }
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, group.addGroup("reason", reason.metricName()).counter("dropped_events"));
        }
        contextUpdates = group.counter("context_updates");
        contextTombstones = group.counter("context_tombstones");
        alertsRaised = group.addGroup("kind", BuyerAlert.WAITING_AT_CHECKOUT).counter("alerts_raised");
        for (AlertResolution resolution : AlertResolution.values()) {
            resolved.put(
                    resolution,
                    group.addGroup("resolution", resolution.wireName()).counter("alerts_resolved"));
        }
        for (EndReason reason : EndReason.values()) {
            outcomes.put(reason, group.addGroup("end_reason", reason.wireName()).counter("conversation_outcomes"));
        }
        conversions = group.counter("conversions");
        latency = group.histogram("signal_latency_ms", new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        group.gauge("buyers_with_state", (Gauge<Long>) () -> this.buyersWithState);
        group.gauge("active_conversations", (Gauge<Long>) () -> this.activeConversations);
    }

    TimelineMetrics to(
            Collector<BuyerSignal> collector,
            KeyedCoProcessFunction<BuyerKey, CheckoutRow, BuyerEvent, BuyerSignal>.Context context) {
        out = collector;
        sideOutputs = context;
        return this;
    }

    @Override
    public void emit(BuyerSignal signal) {
        signals.get(signal.type).get(signal.timing).inc();
        if (signal.timing == Timing.POST_CONVERSATION) {
            // From the event's own time to the signal leaving the function; context signals replay older events.
            latency.update(System.currentTimeMillis() - signal.occurredAt);
        }
        out.collect(signal);
    }

    @Override
    public void context(ConversationContext context) {
        (context.ended ? contextTombstones : contextUpdates).inc();
        sideOutputs.output(BuyerSignalsFunction.CONTEXTS, context);
    }

    @Override
    public void alert(BuyerAlert alert) {
        (alert.status == AlertStatus.RAISED ? alertsRaised : resolved.get(alert.resolution)).inc();
        sideOutputs.output(BuyerSignalsFunction.ALERTS, alert);
    }

    @Override
    public void outcome(ConversationOutcome outcome) {
        outcomes.get(outcome.endReason).inc();
        if (outcome.orders > 0) {
            conversions.inc();
        }
        sideOutputs.output(BuyerSignalsFunction.OUTCOMES, outcome);
    }

    @Override
    public void dropped(DropReason reason) {
        dropped.get(reason).inc();
    }

    /** A buyer's state went from {@code before} to {@code after}: keeps the two gauges in step. */
    void buyerChanged(boolean hadState, boolean hadConversation, boolean hasState, boolean hasConversation) {
        buyersWithState += Boolean.compare(hasState, hadState);
        activeConversations += Boolean.compare(hasConversation, hadConversation);
    }

    long buyersWithState() {
        return buyersWithState;
    }

    long activeConversations() {
        return activeConversations;
    }
}
