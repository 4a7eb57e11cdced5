package io.buyersignals.sources;

import static io.buyersignals.Fixtures.T0;
import static io.buyersignals.Fixtures.checkout;
import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.DeadLetter;
import io.buyersignals.model.Parsed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

/** Event time of the live inputs: bounded out-of-orderness, and a quiet input moves on with the wall clock. */
class WatermarksTest {
    private static final class Recorded implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }
    }

    @Test
    void snapshotRowsAndDeadLettersCarryNoEventTime() {
        TimestampAssigner<Parsed<CheckoutRow>> assigner = Watermarks.events(
                        Watermarks.EventTime.replay(Duration.ofSeconds(5)), (CheckoutRow r) -> r.updatedAt)
                .createTimestampAssigner(null);
        CheckoutRow row = checkout(1, "c1", T0, T0 + 1000);
        assertThat(assigner.extractTimestamp(Parsed.ok(row), 0)).isEqualTo(T0 + 1000);
        assertThat(assigner.extractTimestamp(Parsed.fromSnapshot(row), 0)).isEqualTo(Long.MIN_VALUE);
        assertThat(assigner.extractTimestamp(
                        Parsed.bad(new DeadLetter("s", null, 1L, DeadLetter.Reason.CONTRACT, "bad", "x")), 0))
                .isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void anActiveInputHoldsTheBoundAndAQuietOneMovesWithTheClock() {
        ManualClock clock = new ManualClock(1_000_000);
        QuietAwareWatermarks<Object> generator = new QuietAwareWatermarks<>(5_000, 1_000, 3_000, clock, clock);
        Recorded out = new Recorded();
        generator.onEvent("a", T0, out);
        generator.onEvent("b", T0 - 3_000, out);
        clock.advanceTime(Duration.ofMillis(999));
        generator.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(T0 - 5_001);

        clock.advanceTime(Duration.ofMillis(4_001));
        generator.onPeriodicEmit(out);
        assertThat(out.last()).as("quiet for 5 s: 4 s past quietAfter").isEqualTo(T0 - 1_001);

        generator.onEvent("late", T0 - 60_000, out);
        clock.advanceTime(Duration.ofMillis(100));
        generator.onPeriodicEmit(out);
        assertThat(out.watermarks).as("never goes back").isSorted();
        assertThat(out.last()).isEqualTo(T0 - 1_001);
    }

    @Test
    void anInputBlockedByBackPressureIsNotQuietHoweverLongTheWallClockRuns() {
        ManualClock wall = new ManualClock(Duration.ofMillis(T0 + 3_600_000).toNanos());
        ManualClock activity = new ManualClock(1_000_000);
        QuietAwareWatermarks<Object> generator = new QuietAwareWatermarks<>(5_000, 1_000, 3_000, wall, activity);
        Recorded out = new Recorded();
        generator.onEvent("an hour behind, catching up", T0, out);
        activity.advanceTime(Duration.ofMillis(500));
        wall.advanceTime(Duration.ofMillis(10_500));
        generator.onPeriodicEmit(out);
        assertThat(out.last())
                .as("blocked for 10 s of the wall clock, active for 0.5 s: the bound holds")
                .isEqualTo(T0 - 5_001);
        activity.advanceTime(Duration.ofMillis(1_000));
        wall.advanceTime(Duration.ofMillis(1_000));
        generator.onPeriodicEmit(out);
        assertThat(out.last())
                .as("quiet for 1.5 s while able to emit: moves with the clock")
                .isEqualTo(wall.absoluteTimeMillis() - 1_000 - 5_000 - 1);
    }

    @Test
    void aQuietInputWhoseLastEventArrivedLateCatchesUpWithTheClock() {
        ManualClock clock = new ManualClock(Duration.ofMillis(T0 + 2_000).toNanos());
        QuietAwareWatermarks<Object> generator = new QuietAwareWatermarks<>(5_000, 1_000, 3_000, clock, clock);
        Recorded out = new Recorded();
        generator.onEvent("read 2 s after its time", T0, out);
        clock.advanceTime(Duration.ofMillis(1_500));
        generator.onPeriodicEmit(out);
        assertThat(out.last())
                .as("the clock less quietAfter and the bound, not the late event's time")
                .isEqualTo(T0 + 3_500 - 1_000 - 5_000 - 1);
        clock.advanceTime(Duration.ofMillis(1_000));
        generator.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(T0 + 4_500 - 1_000 - 5_000 - 1);
    }

    @Test
    void anInputWithoutEventsSinceTheStartGoesIdleOnceQuietAndPastTheStartGrace() {
        ManualClock clock = new ManualClock(1_000_000);
        QuietAwareWatermarks<Object> generator = new QuietAwareWatermarks<>(5_000, 1_000, 3_000, clock, clock);
        Recorded out = new Recorded();
        clock.advanceTime(Duration.ofMillis(2_500));
        generator.onEvent("dead letter", Long.MIN_VALUE, out);
        clock.advanceTime(Duration.ofMillis(499));
        generator.onPeriodicEmit(out);
        assertThat(out.idle)
                .as("2.999 s after the start: a reader may still be reconnecting")
                .isFalse();
        clock.advanceTime(Duration.ofMillis(1));
        generator.onPeriodicEmit(out);
        assertThat(out.idle)
                .as("3 s after the start, but the dead letter was 0.5 s ago")
                .isFalse();
        clock.advanceTime(Duration.ofMillis(500));
        generator.onPeriodicEmit(out);
        assertThat(out.idle).isTrue();
        assertThat(out.watermarks).isEmpty();
    }

    @Test
    void aTableInputIsIdleAndNeverCarriesAWatermark() {
        Recorded output = new Recorded();
        org.apache.flink.api.common.eventtime.WatermarkGenerator<Object> table =
                Watermarks.table().createWatermarkGenerator(null);
        table.onEvent(new Object(), Long.MIN_VALUE, output);
        table.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();
        assertThat(output.watermarks)
                .as("a maximal watermark would end every conversation after a quiet start")
                .isEmpty();
    }
}
