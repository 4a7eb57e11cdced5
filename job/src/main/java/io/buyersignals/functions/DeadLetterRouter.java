package io.buyersignals.functions;

import io.buyersignals.model.DeadLetter;
import io.buyersignals.model.Parsed;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits a source's output into usable values and dead letters (a side output), and measures the input: records
 * in, dead letters per reason, and how far its event time lags behind the wall clock.
 */
public class DeadLetterRouter<T> extends ProcessFunction<Parsed<T>, T> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final String source;
    private transient Counter recordsIn;
    private transient Map<DeadLetter.Reason, Counter> deadLetters;
    private transient long latestEventTime;

    public DeadLetterRouter(String source) {
        this.source = source;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group =
                getRuntimeContext().getMetricGroup().addGroup("buyer_signals").addGroup("source", source);
        recordsIn = group.counter("records_in");
        deadLetters = new EnumMap<>(DeadLetter.Reason.class);
        for (DeadLetter.Reason reason : DeadLetter.Reason.values()) {
            deadLetters.put(
                    reason, group.addGroup("reason", reason.metricName()).counter("dead_letters"));
        }
        latestEventTime = Long.MIN_VALUE;
        // Wall clock minus the newest event time read: how far behind real time this input is (-1 before any).
        group.gauge("event_time_lag_ms", (Gauge<Long>)
                () -> latestEventTime == Long.MIN_VALUE ? -1L : System.currentTimeMillis() - latestEventTime);
    }

    @Override
    public void processElement(Parsed<T> parsed, Context ctx, Collector<T> out) {
        recordsIn.inc();
        if (parsed.isValid()) {
            Long time = ctx.timestamp();
            if (time != null && time > latestEventTime) {
                latestEventTime = time;
            }
            out.collect(parsed.value);
        } else {
            deadLetters.get(parsed.deadLetter.reason).inc();
            ctx.output(DEAD_LETTERS, parsed.deadLetter);
        }
    }
}
