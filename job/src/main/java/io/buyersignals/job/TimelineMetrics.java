package io.buyersignals.job;

import io.buyersignals.model.BuyerSignal;
import io.buyersignals.rules.DropReason;
import io.buyersignals.rules.TimelineOutput;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;

/** Forwards the rules' signals to the collector and counts what they dropped, per reason. */
final class TimelineMetrics implements TimelineOutput {
    final Counter lateApplied;
    final Counter signalsEmitted;
    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
    private Collector<BuyerSignal> out;

    TimelineMetrics(MetricGroup operatorGroup) {
        MetricGroup group = operatorGroup.addGroup("buyer_signals");
        lateApplied = group.counter("late_events_applied");
        signalsEmitted = group.counter("signals_emitted");
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, group.addGroup("dropped", reason.metricName()).counter("events"));
        }
    }

    TimelineMetrics to(Collector<BuyerSignal> collector) {
        out = collector;
        return this;
    }

    @Override
    public void emit(BuyerSignal signal) {
        signalsEmitted.inc();
        out.collect(signal);
    }

    @Override
    public void dropped(DropReason reason) {
        dropped.get(reason).inc();
    }
}
