package io.buyersignals.functions;

import static io.buyersignals.Fixtures.DAY;
import static io.buyersignals.Fixtures.HOUR;
import static io.buyersignals.Fixtures.T0;
import static io.buyersignals.Fixtures.cart;
import static io.buyersignals.Fixtures.cartOf;
import static io.buyersignals.Fixtures.chat;
import static io.buyersignals.Fixtures.chatOf;
import static io.buyersignals.Fixtures.checkout;
import static io.buyersignals.Fixtures.completed;
import static io.buyersignals.Fixtures.describe;
import static io.buyersignals.Fixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.model.ChatType;
import java.time.Duration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Flink shell of the rules: buffering by event time, timers, and state hygiene. */
class BuyerSignalsFunctionTest {
    private TimelineHarness harness;

    private TimelineHarness harness() throws Exception {
        harness = new TimelineHarness();
        return harness;
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void inputsWaitForTheWatermarkAndApplyInEventTimeOrder() throws Exception {
        TimelineHarness h = harness()
                .send(cart("e2", T0 + 2000, "c1", 10, 2), cart("e1", T0 + 1000, "c1", 10, 1), started("conv", T0));
        assertThat(h.take()).as("nothing before the watermark passes").isEmpty();
        h.watermark(T0 + 2000);
        assertThat(describe(h.take()))
                .containsExactly(
                        "conv cart_updated post_conversation +0d00:00:1.000 c1[added 10 0->1]",
                        "conv cart_updated post_conversation +0d00:00:2.000 c1[quantity_changed 10 1->2]");
    }

    @Test
    void aBurstOfInputsSharesOneFlushTimerAtTheNextGranule() throws Exception {
        harness = new TimelineHarness(null, Duration.ofSeconds(1));
        long granule = T0 - Math.floorMod(T0, 1000) + 1000;
        harness.send(
                started("conv", granule - 900),
                cart("e1", granule - 500, "c1", 10, 1),
                cart("e2", granule - 100, "c1", 10, 2));
        assertThat(harness.timers()).as("one flush timer for the burst").isEqualTo(1);
        harness.watermark(granule - 1);
        assertThat(harness.take()).as("the granule has not passed").isEmpty();
        harness.watermark(granule);
        assertThat(describe(harness.take())).hasSize(2);
        assertThat(harness.timers()).as("only the lifecycle timer").isEqualTo(1);
        harness.send(cart("e3", granule + 1, "c1", 10, 3), cart("e4", granule + 2000, "c1", 10, 4))
                .watermark(granule + 1000);
        assertThat(harness.take())
                .as("applied up to the fired timer, not beyond")
                .hasSize(1);
        assertThat(harness.timers())
                .as("the next flush and the lifecycle timer")
                .isEqualTo(2);
    }

    @Test
    void aRelease010ConversationAndItsPendingInputsCarryOnInEventTimeOrderWithNewInputs() throws Exception {
        long granule = T0 - Math.floorMod(T0, 1000) + 1000;
        OperatorSubtaskState release010 = TimelineHarness.release010Pending(
                started("conv", granule - 900), cart("e2", granule + 100, "c1", 10, 2));
        harness = new TimelineHarness(release010, Duration.ofSeconds(1));
        harness.send(cart("e1", granule - 500, "c1", 10, 1), cart("e3", granule + 200, "c1", 10, 3))
                .watermark(granule + 1000);
        assertThat(describe(harness.take()))
                .as("the restored input between the new ones")
                .containsExactly(
                        "conv cart_updated post_conversation +0d00:00:0.500 c1[added 10 0->1]",
                        "conv cart_updated post_conversation +0d00:00:1.100 c1[quantity_changed 10 1->2]",
                        "conv cart_updated post_conversation +0d00:00:1.200 c1[quantity_changed 10 2->3]");
        assertThat(harness.stateEntries())
                .as("the buyer only: the 0.1.0 entry is gone")
                .isEqualTo(1);
        harness.watermark(Long.MAX_VALUE);
        assertThat(harness.stateEntries()).isZero();
        assertThat(harness.timers()).isZero();
    }

    @Test
    void aTimerThatFiresEarlyIsSetAgainAtTheDeadline() throws Exception {
        TimelineHarness h = harness().send(cart("e1", T0, "c1", 10, 1)).watermark(T0);
        h.send(cart("e2", T0 + DAY, "c1", 10, 2)).watermark(T0 + 14 * DAY);
        assertThat(h.stateEntries()).isEqualTo(1);
        assertThat(h.timers()).as("set again at the second change's expiry").isEqualTo(1);
        h.watermark(T0 + 15 * DAY);
        assertThat(h.stateEntries()).isZero();
        assertThat(h.timers()).isZero();
    }

    @Test
    void theConversationEndsAtExactlySevenDays() throws Exception {
        TimelineHarness h = harness().send(started("conv", T0)).watermark(T0);
        assertThat(h.timers()).as("one lifecycle timer, at the end").isEqualTo(1);
        h.send(cart("e1", T0 + 7 * DAY - 1, "c1", 10, 1)).watermark(T0 + 7 * DAY - 1);
        assertThat(describe(h.take()))
                .containsExactly("conv cart_updated post_conversation +6d23:59:59.999 c1[added 10 0->1]");
        h.send(cart("e2", T0 + 7 * DAY, "c1", 10, 2)).watermark(T0 + 7 * DAY);
        assertThat(h.take()).as("the end is exclusive").isEmpty();
    }

    @Test
    void aCartIsClearedFourteenDaysAfterItsLastChangeAndNothingRemains() throws Exception {
        TimelineHarness h = harness().send(cart("e1", T0, "c1", 10, 1)).watermark(T0);
        assertThat(h.stateEntries()).isEqualTo(1);
        assertThat(h.timers()).isEqualTo(1);
        h.watermark(T0 + 14 * DAY - 1);
        assertThat(h.stateEntries()).isEqualTo(1);
        h.watermark(T0 + 14 * DAY);
        assertThat(h.stateEntries()).isZero();
        assertThat(h.timers()).isZero();
    }

    @Test
    void aCartChangeMovesTheSingleLifecycleTimer() throws Exception {
        TimelineHarness h = harness().send(cart("e1", T0, "c1", 10, 1)).watermark(T0);
        h.send(cart("e2", T0 + DAY, "c1", 10, 2)).watermark(T0 + DAY);
        assertThat(h.timers()).isEqualTo(1);
        h.watermark(T0 + 14 * DAY);
        assertThat(h.stateEntries())
                .as("the first change's expiry no longer applies")
                .isEqualTo(1);
        h.watermark(T0 + 15 * DAY);
        assertThat(h.stateEntries()).isZero();
        assertThat(h.timers()).isZero();
    }

    @Test
    void everyTerminalPathLeavesNoStateAndNoTimers() throws Exception {
        TimelineHarness h = harness()
                .send(
                        cartOf("b-1", "e1", T0 - DAY, "c1", 10, 1),
                        started("conv", T0),
                        chat("close", T0 + HOUR, "conv", ChatType.CONVERSATION_CLOSED),
                        chat("late", T0 + 2 * HOUR, "conv", ChatType.BUYER_MESSAGE),
                        cart("e2", T0 + 3 * HOUR, "c1", 10, 1),
                        checkout(1, "c1", T0 + 4 * HOUR, T0 + 4 * HOUR),
                        completed(1, "c1", T0 + 4 * HOUR, T0 + 5 * HOUR, 9),
                        started("next", T0 + 6 * HOUR));
        h.watermark(T0 + 6 * HOUR);
        assertThat(h.stateEntries()).isEqualTo(2);
        assertThat(describe(h.take())).containsExactly("next order_completed pre_conversation +0d05:00 order 9");
        h.watermark(T0 + 6 * HOUR + 14 * DAY);
        assertThat(h.stateEntries()).isZero();
        assertThat(h.timers()).isZero();
        assertThat(h.take()).isEmpty();
    }

    @Test
    void anInputBehindTheWatermarkIsAppliedAtOnceUnlessStale() throws Exception {
        TimelineHarness h = harness()
                .send(started("conv", T0), cart("e2", T0 + 2 * HOUR, "c1", 10, 2))
                .watermark(T0 + 3 * HOUR);
        h.take();
        h.send(cart("e1", T0 + HOUR, "c1", 10, 1));
        assertThat(h.take()).as("older than the applied snapshot: stale").isEmpty();
        h.send(cart("e3", T0 + 2 * HOUR + 1, "c1", 10, 3));
        assertThat(describe(h.take()))
                .as("late but newer: applied without waiting")
                .containsExactly("conv cart_updated post_conversation +0d02:00:0.001 c1[quantity_changed 10 2->3]");
    }

    @Test
    void aLateInputStillLeavesOnlyOneTimer() throws Exception {
        TimelineHarness h = harness().send(started("conv", T0)).watermark(T0 + HOUR);
        h.send(cart("e1", T0 + 1, "c1", 10, 1));
        assertThat(h.timers()).isEqualTo(1);
        h.watermark(Long.MAX_VALUE);
        assertThat(h.stateEntries()).isZero();
        assertThat(h.timers()).isZero();
    }

    @Test
    void stateSurvivesASnapshotAndRestore() throws Exception {
        TimelineHarness h = harness()
                .send(
                        started("conv", T0),
                        cart("e1", T0 + HOUR, "c1", 10, 1),
                        checkout(1, "c1", T0 + 2 * HOUR, T0 + 2 * HOUR),
                        cart("e2", T0 + 3 * HOUR, "c1", 10, 2))
                .watermark(T0 + 2 * HOUR);
        assertThat(h.take()).hasSize(2);
        OperatorSubtaskState snapshot = h.snapshot();
        h.close();
        harness = new TimelineHarness(snapshot);
        harness.send(
                        completed(1, "c1", T0 + 2 * HOUR, T0 + 4 * HOUR, 9),
                        checkout(1, "c1", T0 + 2 * HOUR, T0 + 2 * HOUR))
                .watermark(T0 + 5 * HOUR);
        assertThat(describe(harness.take()))
                .as("the pending cart, no second checkout_started, the order")
                .containsExactly(
                        "conv cart_updated post_conversation +0d03:00 c1[quantity_changed 10 1->2]",
                        "conv order_completed post_conversation +0d04:00 order 9");
        harness.watermark(Long.MAX_VALUE);
        assertThat(harness.stateEntries()).isZero();
        assertThat(harness.timers()).isZero();
    }

    @Test
    void theGaugesCountBuyersWithStateAndActiveConversationsAndSurviveARestore() throws Exception {
        TimelineHarness h = harness()
                .send(
                        started("conv", T0),
                        cartOf("b-2", "e1", T0, "c1", 10, 1),
                        cartOf("b-3", "e2", T0, "c2", 10, 1),
                        chat("close", T0 + HOUR, "conv", ChatType.CONVERSATION_CLOSED))
                .watermark(T0);
        assertThat(h.gauges()).containsExactly(3, 1);
        h.watermark(T0 + HOUR);
        assertThat(h.gauges()).as("closed, but remembered").containsExactly(3, 0);
        OperatorSubtaskState snapshot = h.snapshot();
        h.close();
        harness = new TimelineHarness(snapshot);
        assertThat(harness.gauges()).containsExactly(3, 0);
        harness.send(started("again", T0 + 2 * HOUR)).watermark(T0 + 2 * HOUR);
        assertThat(harness.gauges()).containsExactly(3, 1);
        harness.watermark(Long.MAX_VALUE);
        assertThat(harness.gauges()).containsExactly(0, 0);
    }

    /** Each subtask keeps its own counts; rescaled, the counts are redistributed and their sum stays the total. */
    @Test
    void theGaugesKeepTheirTotalWhenTheJobIsRescaled() throws Exception {
        TimelineHarness one = new TimelineHarness(null, 1, 0)
                .send(
                        started("conv", T0),
                        cartOf("b-2", "e1", T0, "c1", 10, 1),
                        cartOf("b-3", "e2", T0, "c2", 10, 1),
                        chatOf("b-4", "s4", T0, "conv-4", ChatType.CONVERSATION_STARTED))
                .watermark(T0);
        assertThat(one.gauges()).containsExactly(4, 2);
        OperatorSubtaskState atOne = one.snapshot();
        one.close();

        OperatorSubtaskState[] atTwo = new OperatorSubtaskState[2];
        long[] total = new long[2];
        for (int subtask = 0; subtask < 2; subtask++) {
            try (TimelineHarness part =
                    new TimelineHarness(TimelineHarness.rescale(1, 2, subtask, atOne), 2, subtask)) {
                total[0] += part.gauges()[0];
                total[1] += part.gauges()[1];
                atTwo[subtask] = part.snapshot();
            }
        }
        assertThat(total)
                .as("buyers with state, active conversations over two subtasks")
                .containsExactly(4, 2);

        harness = new TimelineHarness(TimelineHarness.rescale(2, 1, 0, atTwo), 1, 0);
        assertThat(harness.gauges()).as("back at one subtask").containsExactly(4, 2);
        assertThat(harness.stateEntries()).isEqualTo(4);
    }
}
