package io.buyersignals.job;

import io.buyersignals.model.Parsed;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Watermark strategies of the job's inputs, shared by replay and production so both see the same event time. */
public final class Watermarks {
    private Watermarks() {}

    @FunctionalInterface
    public interface EventTimeOf<T> extends Serializable {
        long eventTime(T value);
    }

    /** Bounded out-of-orderness; dead letters carry no event time and never move the watermark. */
    public static <T> WatermarkStrategy<Parsed<T>> events(Duration outOfOrderness, EventTimeOf<T> timeOf) {
        return WatermarkStrategy.<Parsed<T>>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((parsed, previous) ->
                        parsed.isValid() ? timeOf.eventTime(parsed.value) : Long.MIN_VALUE);
    }

    /**
     * For a table such as shops: its rows take effect when they arrive, so its input must never hold back the
     * event time of the streams it is connected to.
     */
    public static <T> WatermarkStrategy<T> table() {
        return WatermarkStrategy.forGenerator(context -> new WatermarkGenerator<T>() {
            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        });
    }
}
