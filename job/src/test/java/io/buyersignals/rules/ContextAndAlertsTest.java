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
import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.ContextOrder;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ShopRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Rules 10–12: the conversation's context, its priority, and alerts for buyers waiting at checkout. */
class ContextAndAlertsTest {
    private static final long WAIT = 5 * MINUTE;
    private final Recorder out = new Recorder();

    private void run(Object... inputs) {
        ShopRow shop = new ShopRow();
        shop.id = SHOP;
        shop.domain = "shop.example";
        shop.inboxEnabled = true;
        SortedReplay.run(Fixtures.rowsOf(inputs), Fixtures.eventsOf(inputs), Map.of(SHOP, shop), WAIT, out);
    }

    private static BuyerEvent buyerSays(String conversation, long at) {
        return chat("b-" + at, at, conversation, ChatType.BUYER_MESSAGE);
    }

    private static BuyerEvent merchantSays(String conversation, long at) {
        return chat("m-" + at, at, conversation, ChatType.MERCHANT_MESSAGE);
    }

    private static BuyerEvent closed(String conversation, long at) {
        return chat("c-" + at, at, conversation, ChatType.CONVERSATION_CLOSED);
    }

    /** {@code conversation #sequence +offset stage priority [waiting +offset] [alert] [cart ...] [checkout ...] [orders]}. */
    private static String describe(ConversationContext c) {
        if (c.ended) {
            return c.conversationId + " ended " + offset(c.asOf);
        }
        StringBuilder s = new StringBuilder(c.conversationId + " #" + c.sequence + " " + offset(c.asOf) + " "
                + c.stage.wireName() + " p" + c.priority);
        if (c.waitingSince != null) {
            s.append(" waiting ").append(offset(c.waitingSince));
        }
        if (c.waitingAtCheckoutAlert) {
            s.append(" alert");
        }
        if (c.cart != null) {
            s.append(" cart ").append(c.cart.itemCount).append(" items ").append(c.cart.totalPrice);
        }
        if (c.checkout != null) {
            s.append(" checkout ").append(c.checkout.checkoutId);
        }
        if (c.orders.length > 0) {
            s.append(Arrays.stream(c.orders)
                    .map(o -> Long.toString(o.orderId))
                    .collect(Collectors.joining(",", " orders ", "")));
        }
        return s.toString();
    }

    private static String describe(BuyerAlert a) {
        return a.conversationId + " " + a.status.wireName()
                + (a.resolution == null ? "" : " " + a.resolution.wireName()) + " " + offset(a.occurredAt)
                + " waiting " + offset(a.waitingSince) + " checkout " + a.checkoutId;
    }

    private List<String> contexts() {
        return out.contexts.stream().map(ContextAndAlertsTest::describe).toList();
    }

    private List<String> alerts() {
        return out.alerts.stream().map(ContextAndAlertsTest::describe).toList();
    }

    @Nested
    class Rule10Context {
        @Test
        void startsWithTheBuyersCartAndOrdersAndFollowsEveryChange() {
            run(
                    completed(1, "c0", T0 - 2 * DAY, T0 - 2 * DAY, 77),
                    cart("e1", T0 - HOUR, "c1", 10, 1),
                    started("conv", T0),
                    cart("e2", T0 + HOUR, "c1", 10, 2),
                    checkout(2, "c1", T0 + 2 * HOUR, T0 + 2 * HOUR));
            assertThat(contexts())
                    .containsExactly(
                            "conv #1 +0d00:00 cart p0 cart 1 items 10.00 orders 77",
                            "conv #2 +0d01:00 cart p0 cart 2 items 20.00 orders 77",
                            "conv #3 +0d02:00 checkout p0 cart 2 items 20.00 checkout 2 orders 77",
                            "conv ended +7d00:00");
            ContextOrder order = out.contexts.get(0).orders[0];
            assertThat(order.adminUrl).isEqualTo("https://shop.example/admin/orders/77");
            assertThat(order.completedAt).isEqualTo(T0 - 2 * DAY);
        }

        @Test
        void anOrderInTheConversationMakesTheStageOrderedAndEmptiesTheCart() {
            run(
                    started("conv", T0),
                    cart("e1", T0 + HOUR, "c1", 10, 1),
                    completed(1, "c1", T0 + HOUR, T0 + 2 * HOUR, 77),
                    closed("conv", T0 + 3 * HOUR));
            assertThat(contexts())
                    .containsExactly(
                            "conv #1 +0d00:00 browsing p0",
                            "conv #2 +0d01:00 cart p0 cart 1 items 10.00",
                            "conv #3 +0d02:00 ordered p0 orders 77",
                            "conv ended +0d03:00");
        }

        @Test
        void aRepeatedStartChangesNothing() {
            run(
                    started("conv", T0),
                    started("conv", T0 + HOUR),
                    chat("x", T0 + HOUR, "conv", ChatType.CONVERSATION_STARTED));
            assertThat(contexts()).containsExactly("conv #1 +0d00:00 browsing p0", "conv ended +7d00:00");
        }

        @Test
        void aNewConversationEndsThePreviousOneFirst() {
            run(started("a", T0), started("b", T0 + HOUR));
            assertThat(contexts())
                    .containsExactly(
                            "a #1 +0d00:00 browsing p0",
                            "a ended +0d01:00",
                            "b #1 +0d01:00 browsing p0",
                            "b ended +7d01:00");
        }

        @Test
        void onlyTheLatestFiveOrdersAreShown() {
            List<Object> inputs = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                inputs.add(completed(i, "c" + i, T0 - i * HOUR, T0 - i * HOUR, 70 + i));
            }
            inputs.add(started("conv", T0));
            run(inputs.toArray());
            assertThat(contexts().get(0)).isEqualTo("conv #1 +0d00:00 browsing p0 orders 75,74,73,72,71");
        }

        @Test
        void aCheckoutThatExpiresLeavesTheContext() {
            run(checkout(1, "c1", T0 - 13 * DAY, T0 - 13 * DAY), started("conv", T0));
            assertThat(contexts())
                    .containsExactly(
                            "conv #1 +0d00:00 checkout p0 checkout 1",
                            "conv #2 +1d00:00 browsing p0",
                            "conv ended +7d00:00");
        }
    }

    @Nested
    class Rule11Priority {
        @Test
        void aWaitingBuyerAtCheckoutComesFirstThenWithACartThenAnyWaitingBuyer() {
            run(
                    started("conv", T0),
                    buyerSays("conv", T0 + MINUTE),
                    cart("e1", T0 + 2 * MINUTE, "c1", 10, 1),
                    checkout(1, "c1", T0 + 3 * MINUTE, T0 + 3 * MINUTE),
                    merchantSays("conv", T0 + 4 * MINUTE));
            assertThat(contexts())
                    .containsExactly(
                            "conv #1 +0d00:00 browsing p0",
                            "conv #2 +0d00:01 browsing p1 waiting +0d00:01",
                            "conv #3 +0d00:02 cart p2 waiting +0d00:01 cart 1 items 10.00",
                            "conv #4 +0d00:03 checkout p3 waiting +0d00:01 cart 1 items 10.00 checkout 1",
                            "conv #5 +0d00:04 checkout p0 cart 1 items 10.00 checkout 1",
                            "conv ended +7d00:00");
        }

        @Test
        void aBuyerWhoStartsWithAMessageWaitsFromIt() {
            run(buyerSays("conv", T0), buyerSays("conv", T0 + MINUTE));
            assertThat(contexts())
                    .containsExactly("conv #1 +0d00:00 browsing p1 waiting +0d00:00", "conv ended +7d00:00");
        }

        @Test
        void aLateBuyerMessageBeforeTheReplyWasAnsweredByIt() {
            BuyerState state = new BuyerState();
            BuyerTimeline timeline = new BuyerTimeline(new BuyerKey(SHOP, BUYER), state, out, WAIT);
            timeline.advance(T0, new EventBatch().add(started("conv", T0)));
            timeline.advance(T0 + 2 * MINUTE, new EventBatch().add(merchantSays("conv", T0 + 2 * MINUTE)));
            timeline.receive(buyerSays("conv", T0 + MINUTE), T0 + 3 * MINUTE);
            assertThat(state.conversation.isWaiting()).isFalse();
            assertThat(contexts()).containsExactly("conv #1 +0d00:00 browsing p0");
        }
    }

    @Test
    void aLateReplyAnswersOnlyTheMessagesUpToIt() {
        BuyerState state = new BuyerState();
        BuyerTimeline timeline = new BuyerTimeline(new BuyerKey(SHOP, BUYER), state, out, WAIT);
        timeline.advance(T0, new EventBatch().add(started("conv", T0)));
        timeline.advance(T0 + MINUTE, new EventBatch().add(buyerSays("conv", T0 + MINUTE)));
        timeline.advance(T0 + 3 * MINUTE, new EventBatch().add(buyerSays("conv", T0 + 3 * MINUTE)));
        timeline.advance(T0 + 4 * MINUTE, new EventBatch().add(buyerSays("conv", T0 + 4 * MINUTE)));
        timeline.receive(merchantSays("conv", T0 + 2 * MINUTE), T0 + 5 * MINUTE);
        assertThat(contexts())
                .containsExactly(
                        "conv #1 +0d00:00 browsing p0",
                        "conv #2 +0d00:01 browsing p1 waiting +0d00:01",
                        "conv #3 +0d00:05 browsing p1 waiting +0d00:03");
    }

    @Nested
    class Rule12Alerts {
        @Test
        void aBuyerAtCheckoutUnansweredForTheWaitRaisesAnAlertAnsweringResolvesIt() {
            run(
                    started("conv", T0),
                    checkout(1, "c1", T0 + MINUTE, T0 + MINUTE),
                    buyerSays("conv", T0 + 2 * MINUTE),
                    buyerSays("conv", T0 + 3 * MINUTE),
                    merchantSays("conv", T0 + 10 * MINUTE));
            assertThat(alerts())
                    .containsExactly(
                            "conv raised +0d00:07 waiting +0d00:02 checkout 1",
                            "conv resolved answered +0d00:10 waiting +0d00:02 checkout 1");
            assertThat(contexts())
                    .contains(
                            "conv #4 +0d00:07 checkout p3 waiting +0d00:02 alert checkout 1",
                            "conv #5 +0d00:10 checkout p0 checkout 1");
            BuyerAlert raised = out.alerts.get(0);
            BuyerAlert resolved = out.alerts.get(1);
            assertThat(resolved.alertId).isEqualTo(raised.alertId);
            assertThat(resolved.eventId).isNotEqualTo(raised.eventId);
            assertThat(raised.checkoutTotalPrice).isEqualByComparingTo("20.00");
        }

        @Test
        void aReplyJustBeforeTheWaitEndsRaisesNothing() {
            run(
                    started("conv", T0),
                    checkout(1, "c1", T0, T0),
                    buyerSays("conv", T0 + MINUTE),
                    merchantSays("conv", T0 + 6 * MINUTE - 1));
            assertThat(alerts()).isEmpty();
        }

        @Test
        void aCheckoutOpenedAfterTheWaitRaisesAtOnce() {
            run(started("conv", T0), buyerSays("conv", T0), checkout(1, "c1", T0 + 20 * MINUTE, T0 + 20 * MINUTE));
            assertThat(alerts())
                    .containsExactly(
                            "conv raised +0d00:20 waiting +0d00:00 checkout 1",
                            "conv resolved conversation_ended +7d00:00 waiting +0d00:00 checkout 1");
        }

        @Test
        void oncePerWaitingEpisodeAndAgainAfterAReply() {
            run(
                    started("conv", T0),
                    checkout(1, "c1", T0, T0),
                    buyerSays("conv", T0 + MINUTE),
                    buyerSays("conv", T0 + 30 * MINUTE),
                    merchantSays("conv", T0 + HOUR),
                    buyerSays("conv", T0 + 2 * HOUR));
            assertThat(alerts())
                    .containsExactly(
                            "conv raised +0d00:06 waiting +0d00:01 checkout 1",
                            "conv resolved answered +0d01:00 waiting +0d00:01 checkout 1",
                            "conv raised +0d02:05 waiting +0d02:00 checkout 1",
                            "conv resolved conversation_ended +7d00:00 waiting +0d02:00 checkout 1");
        }

        @Test
        void anOrderResolvesItAndTheSameEpisodeIsNotAlertedAgain() {
            run(
                    started("conv", T0),
                    checkout(1, "c1", T0, T0),
                    buyerSays("conv", T0 + MINUTE),
                    completed(1, "c1", T0, T0 + 10 * MINUTE, 77),
                    checkout(2, "c2", T0 + 20 * MINUTE, T0 + 20 * MINUTE),
                    closed("conv", T0 + HOUR));
            assertThat(alerts())
                    .containsExactly(
                            "conv raised +0d00:06 waiting +0d00:01 checkout 1",
                            "conv resolved ordered +0d00:10 waiting +0d00:01 checkout 1");
        }

        @Test
        void theConversationEndingResolvesIt() {
            run(started("conv", T0), checkout(1, "c1", T0, T0), buyerSays("conv", T0), closed("conv", T0 + HOUR));
            assertThat(alerts())
                    .containsExactly(
                            "conv raised +0d00:05 waiting +0d00:00 checkout 1",
                            "conv resolved conversation_ended +0d01:00 waiting +0d00:00 checkout 1");
            assertThat(contexts()).last().isEqualTo("conv ended +0d01:00");
        }

        @Test
        void theWaitIsADeadlineOnlyWhileSomeoneWaitsAtCheckoutUnalerted() {
            BuyerState state = new BuyerState();
            BuyerTimeline timeline = new BuyerTimeline(new BuyerKey(SHOP, BUYER), state, out, WAIT);
            timeline.advance(T0, new EventBatch().add(started("conv", T0)).add(buyerSays("conv", T0)));
            assertThat(BuyerTimeline.nextDeadline(state, WAIT)).isEqualTo(T0 + 7 * DAY);
            timeline.advance(T0 + MINUTE, new EventBatch().add(checkout(1, "c1", T0 + MINUTE, T0 + MINUTE)));
            assertThat(BuyerTimeline.nextDeadline(state, WAIT)).isEqualTo(T0 + WAIT);
            timeline.advanceTo(T0 + WAIT);
            assertThat(alerts()).hasSize(1);
            assertThat(BuyerTimeline.nextDeadline(state, WAIT)).isEqualTo(T0 + 7 * DAY);
        }
    }
}
