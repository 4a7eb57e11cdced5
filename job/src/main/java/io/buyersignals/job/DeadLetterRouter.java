package io.buyersignals.job;

import io.buyersignals.model.DeadLetter;
import io.buyersignals.model.Parsed;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Splits a source's output into usable values and dead letters (a side output), counting the dead letters. */
public class DeadLetterRouter<T> extends ProcessFunction<Parsed<T>, T> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private transient Counter deadLetters;

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().addGroup("buyer_signals").counter("dead_letters");
    }

    @Override
    public void processElement(Parsed<T> parsed, Context ctx, Collector<T> out) {
        if (parsed.isValid()) {
            out.collect(parsed.value);
        } else {
            deadLetters.inc();
            ctx.output(DEAD_LETTERS, parsed.deadLetter);
        }
    }
}
