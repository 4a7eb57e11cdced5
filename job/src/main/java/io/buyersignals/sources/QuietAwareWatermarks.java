package io.buyersignals.sources;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.Clock;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Bounded out-of-orderness for live inputs, where a quiet input must not stall signals: after {@code quietAfter}
 * without records, the input's event time is assumed to move with the wall clock, at most {@code quietAfter + bound}
 * behind it. So an input's last event is released about {@code bound + quietAfter} after it arrived, whatever the
 * other inputs do. An input that has not seen an event since the (re)start goes idle instead, once quiet and at
 * least {@code idleAfterStart} after the start, so a reader still reconnecting is not overtaken by the others.
 * Records without event time (Long.MIN_VALUE) count as activity only. Quiet time stops while the source is blocked.
 */
final class QuietAwareWatermarks<T> implements WatermarkGenerator<T> {
    private final long bound;
    private final long quietAfter;
    private final long idleAfterStart;
    private final Clock clock;
    /**
     * Quiet time is counted on Flink's input activity clock, which stops while the source is blocked (back-pressure,
     * watermark alignment): an input that cannot emit is not quiet. On the wall clock, a job catching up on a backlog
     * would see every input "quiet" whenever the buyer timeline stalls it for longer than {@code quietAfter}, move
     * event time to the wall clock, and apply the rest of the backlog late.
     */
    private final RelativeClock activity;

    private final long startedAt;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastActivity;
    private long emitted = Long.MIN_VALUE;

    QuietAwareWatermarks(
            long boundMillis, long quietAfterMillis, long idleAfterStartMillis, Clock clock, RelativeClock activity) {
        this.bound = boundMillis;
        this.quietAfter = quietAfterMillis;
        this.idleAfterStart = idleAfterStartMillis;
        this.clock = clock;
        this.activity = activity;
        this.startedAt = activity.relativeTimeMillis();
        this.lastActivity = startedAt;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        lastActivity = activity.relativeTimeMillis();
        if (eventTimestamp != Long.MIN_VALUE && eventTimestamp > maxTimestamp) {
            maxTimestamp = eventTimestamp;
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.absoluteTimeMillis();
        long active = activity.relativeTimeMillis();
        long quiet = active - lastActivity;
        if (maxTimestamp == Long.MIN_VALUE) {
            if (quiet >= quietAfter && active - startedAt >= idleAfterStart) {
                output.markIdle();
            }
            return;
        }
        long watermark = maxTimestamp - bound - 1;
        if (quiet > quietAfter) {
            // Event time moves on with the wall clock: from the last event's time, or from the clock itself if that
            // event arrived late (read by a reader just starting up), which would otherwise hold time back for good.
            watermark = Math.max(watermark + quiet - quietAfter, now - quietAfter - bound - 1);
        }
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
