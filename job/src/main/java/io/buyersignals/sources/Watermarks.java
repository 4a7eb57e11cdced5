package io.buyersignals.sources;

import io.buyersignals.job.JobOptions;
import io.buyersignals.model.Parsed;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.SystemClock;

/** Watermark strategies of the job's inputs, shared by replay and production so both see the same event time. */
public final class Watermarks {
    private Watermarks() {}

    /**
     * How event time is tracked: the out-of-orderness bound, for live inputs only when an input is quiet, and the
     * granularity of the buyers' flush timers.
     */
    public record EventTime(
            Duration outOfOrderness, Duration quietAfter, Duration idleAfterStart, Duration timerGranularity)
            implements Serializable {
        public static EventTime replay(Duration outOfOrderness) {
            return new EventTime(outOfOrderness, null, null, JobOptions.TIMER_GRANULARITY.defaultValue());
        }
    }

    @FunctionalInterface
    public interface EventTimeOf<T> extends Serializable {
        long eventTime(T value);
    }

    /**
     * Bounded out-of-orderness; dead letters and snapshot rows carry no event time and never move the watermark.
     * With {@code quietAfter} (live inputs), a quiet input advances with the wall clock; without (replay), event time
     * depends on the data only.
     */
    public static <T> WatermarkStrategy<Parsed<T>> events(EventTime settings, EventTimeOf<T> timeOf) {
        long bound = settings.outOfOrderness().toMillis();
        WatermarkStrategy<Parsed<T>> strategy = settings.quietAfter() == null
                ? WatermarkStrategy.forBoundedOutOfOrderness(settings.outOfOrderness())
                : WatermarkStrategy.forGenerator(context -> new QuietAwareWatermarks<>(
                        bound,
                        settings.quietAfter().toMillis(),
                        settings.idleAfterStart().toMillis(),
                        SystemClock.getInstance(),
                        context.getInputActivityClock()));
        return strategy.withTimestampAssigner((parsed, previous) ->
                parsed.isValid() && !parsed.fromSnapshot ? timeOf.eventTime(parsed.value) : Long.MIN_VALUE);
    }

    /**
     * For a table such as shops: its rows take effect when they arrive, so its input must never hold back the
     * event time of the streams it is connected to. It is idle for good rather than at the end of time: a maximal
     * watermark would become the operators' output watermark whenever the streams go idle too (after a quiet start),
     * and from then on every event would be behind the watermark, every conversation over as soon as it starts.
     */
    public static <T> WatermarkStrategy<T> table() {
        return WatermarkStrategy.forGenerator(context -> new WatermarkGenerator<T>() {
            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        });
    }
}
