package io.buyersignals.rules;

import static io.buyersignals.Fixtures.BUYER;
import static io.buyersignals.Fixtures.DAY;
import static io.buyersignals.Fixtures.HOUR;
import static io.buyersignals.Fixtures.MINUTE;
import static io.buyersignals.Fixtures.SHOP;
import static io.buyersignals.Fixtures.T0;
import static io.buyersignals.Fixtures.cart;
import static io.buyersignals.Fixtures.chat;
import static io.buyersignals.Fixtures.checkout;
import static io.buyersignals.Fixtures.completed;
import static io.buyersignals.Fixtures.offset;
import static io.buyersignals.Fixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.Fixtures;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ConversationOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule 13: a conversation's outcome, written once when it ends. */
class OutcomesTest {
    private final Recorder out = new Recorder();

    private List<String> run(Object... inputs) {
        SortedReplay.run(
                Fixtures.rowsOf(inputs), Fixtures.eventsOf(inputs), Map.of(), BuyerTimeline.DEFAULT_REPLY_WAIT, out);
        return out.outcomes.stream().map(OutcomesTest::describe).toList();
    }

    /** {@code conversation reason +start..+end stage [first message -> reply] signals c/k/o orders revenue}. */
    private static String describe(ConversationOutcome o) {
        return o.conversationId + " " + o.endReason.wireName() + " " + offset(o.startedAt) + ".." + offset(o.endedAt)
                + " " + o.stageAtStart.wireName()
                + (o.firstBuyerMessageAt == null
                        ? ""
                        : " message " + offset(o.firstBuyerMessageAt) + " -> "
                                + (o.firstReplyAt == null ? "none" : offset(o.firstReplyAt)))
                + " signals " + o.cartUpdatedSignals + "/" + o.checkoutStartedSignals + "/" + o.orderCompletedSignals
                + " orders " + o.orders + " " + o.revenue + " " + o.currency;
    }

    private static BuyerEvent says(ChatType who, long at) {
        return chat(who.name() + at, at, "conv", who);
    }

    @Test
    void eachEndGivesOneOutcomeWithItsReason() {
        assertThat(run(
                        started("a", T0),
                        chat("close", T0 + HOUR, "a", ChatType.CONVERSATION_CLOSED),
                        started("b", T0 + 2 * HOUR),
                        started("c", T0 + 3 * HOUR)))
                .containsExactly(
                        "a closed +0d00:00..+0d01:00 browsing signals 0/0/0 orders 0 0.00 null",
                        "b replaced +0d02:00..+0d03:00 browsing signals 0/0/0 orders 0 0.00 null",
                        "c expired +0d03:00..+7d03:00 browsing signals 0/0/0 orders 0 0.00 null");
    }

    @Test
    void theFirstReplyIsTheFirstMerchantMessageAtOrAfterTheFirstBuyerMessage() {
        assertThat(run(
                        started("conv", T0),
                        says(ChatType.MERCHANT_MESSAGE, T0 + MINUTE),
                        says(ChatType.BUYER_MESSAGE, T0 + 2 * MINUTE),
                        says(ChatType.BUYER_MESSAGE, T0 + 3 * MINUTE),
                        says(ChatType.MERCHANT_MESSAGE, T0 + 5 * MINUTE)))
                .containsExactly("conv expired +0d00:00..+7d00:00 browsing message +0d00:02 -> +0d00:05 signals 0/0/0"
                        + " orders 0 0.00 null");
    }

    @Test
    void aLateEarlierBuyerMessageIsAnsweredByAnEarlierReply() {
        BuyerState state = new BuyerState();
        BuyerTimeline timeline =
                new BuyerTimeline(new BuyerKey(SHOP, BUYER), state, out, BuyerTimeline.DEFAULT_REPLY_WAIT);
        timeline.advance(T0, new EventBatch().add(started("conv", T0)));
        timeline.advance(T0 + 2 * MINUTE, new EventBatch().add(says(ChatType.MERCHANT_MESSAGE, T0 + 2 * MINUTE)));
        timeline.advance(T0 + 4 * MINUTE, new EventBatch().add(says(ChatType.BUYER_MESSAGE, T0 + 4 * MINUTE)));
        timeline.receive(says(ChatType.BUYER_MESSAGE, T0 + MINUTE), T0 + 5 * MINUTE);
        timeline.advanceTo(T0 + 8 * DAY);
        assertThat(out.outcomes.stream().map(OutcomesTest::describe))
                .containsExactly("conv expired +0d00:00..+7d00:00 browsing message +0d00:01 -> +0d00:02 signals 0/0/0"
                        + " orders 0 0.00 null");
    }

    @Test
    void ordersCompletedDuringTheConversationConvertItAndTheirTotalIsItsRevenue() {
        CheckoutRow before = completed(1, "c0", T0 - DAY, T0 - DAY, 70);
        CheckoutRow during = completed(2, "c1", T0 + HOUR, T0 + 2 * HOUR, 71);
        CheckoutRow euros = completed(3, "c2", T0 + HOUR, T0 + 3 * HOUR, 72);
        euros.currency = "EUR";
        assertThat(run(
                        before,
                        started("conv", T0),
                        cart("e1", T0 + MINUTE, "c1", 10, 1),
                        checkout(2, "c1", T0 + HOUR, T0 + HOUR),
                        during,
                        euros))
                .containsExactly("conv expired +0d00:00..+7d00:00 browsing signals 1/1/3 orders 2 40.00 mixed");
    }

    @Test
    void theStageAtTheStartIsTheContextsStage() {
        assertThat(run(checkout(1, "c1", T0 - HOUR, T0 - HOUR), started("conv", T0)))
                .containsExactly("conv expired +0d00:00..+7d00:00 checkout signals 0/1/0 orders 0 0.00 null");
    }
}
