package io.buyersignals.rules;

import static io.buyersignals.Fixtures.BUYER;
import static io.buyersignals.Fixtures.DAY;
import static io.buyersignals.Fixtures.HOUR;
import static io.buyersignals.Fixtures.SHOP;
import static io.buyersignals.Fixtures.T0;
import static io.buyersignals.Fixtures.cart;
import static io.buyersignals.Fixtures.chat;
import static io.buyersignals.Fixtures.checkout;
import static io.buyersignals.Fixtures.completed;
import static io.buyersignals.Fixtures.describe;
import static io.buyersignals.Fixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.Fixtures;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ShopRow;
import io.buyersignals.model.SignalType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Rules 1–9 applied in event-time order, without Flink. Times are offsets from T0 = 2026-11-20T00:00Z. */
class BuyerTimelineTest {
    private final Recorder out = new Recorder();

    private List<String> run(Object... inputs) {
        return run(Map.of(), inputs);
    }

    private List<String> run(Map<Long, ShopRow> shops, Object... inputs) {
        SortedReplay.run(
                Fixtures.rowsOf(inputs), Fixtures.eventsOf(inputs), shops, BuyerTimeline.DEFAULT_REPLY_WAIT, out);
        return describe(out.signals);
    }

    @Nested
    class Rule1ConversationLife {
        @Test
        void aConversationIsLiveForSevenDaysExactly() {
            assertThat(run(
                            started("conv", T0),
                            cart("e1", T0 + 7 * DAY - 1, "c1", 10, 1),
                            cart("e2", T0 + 7 * DAY, "c1", 10, 2)))
                    .containsExactly("conv cart_updated post_conversation +6d23:59:59.999 c1[added 10 0->1]");
        }

        @Test
        void aClosedConversationReceivesNothingAndCannotBeReopened() {
            assertThat(run(
                            started("conv", T0),
                            chat("c", T0 + HOUR, "conv", ChatType.CONVERSATION_CLOSED),
                            cart("e1", T0 + 2 * HOUR, "c1", 10, 1),
                            chat("m", T0 + 3 * HOUR, "conv", ChatType.BUYER_MESSAGE),
                            cart("e2", T0 + 4 * HOUR, "c1", 10, 2)))
                    .isEmpty();
            assertThat(out.drops).containsEntry(DropReason.ENDED_CONVERSATION, 1);
        }

        @Test
        void theNextConversationEndsThePreviousOne() {
            assertThat(run(
                            started("a", T0),
                            started("b", T0 + HOUR),
                            cart("e1", T0 + 2 * HOUR, "c1", 10, 1),
                            chat("late-a", T0 + 3 * HOUR, "a", ChatType.MERCHANT_MESSAGE)))
                    .containsExactly("b cart_updated post_conversation +0d02:00 c1[added 10 0->1]");
            assertThat(out.drops).containsEntry(DropReason.ENDED_CONVERSATION, 1);
        }

        @Test
        void aMessageForAnUnknownConversationStartsIt() {
            assertThat(run(
                            cart("e1", T0 - HOUR, "c1", 10, 1),
                            chat("m", T0, "conv", ChatType.BUYER_MESSAGE),
                            chat("m2", T0 + HOUR, "conv", ChatType.MERCHANT_MESSAGE),
                            cart("e2", T0 + 2 * HOUR, "c1", 10, 2)))
                    .containsExactly(
                            "conv cart_updated pre_conversation -0d01:00 c1[added 10 0->1]",
                            "conv cart_updated post_conversation +0d02:00 c1[quantity_changed 10 1->2]");
        }
    }

    @Nested
    class Rule2PreConversationContext {
        @Test
        void theCurrentCartIsSentWithTheActionsOfItsLastChange() {
            assertThat(run(
                            cart("e1", T0 - 2 * DAY, "c1", 10, 1),
                            cart("e2", T0 - DAY, "c1", 10, 1, 20, 1),
                            cart("e3", T0 - HOUR, "c1", 10, 1, 20, 1),
                            started("conv", T0)))
                    .containsExactly("conv cart_updated pre_conversation -1d00:00 c1[added 20 0->1]");
        }

        @Test
        void theLookbackIsFourteenDaysIncludingItsStart() {
            assertThat(run(cart("e1", T0 - 14 * DAY, "c1", 10, 1), started("conv", T0)))
                    .containsExactly("conv cart_updated pre_conversation -14d00:00 c1[added 10 0->1]");
            out.signals.clear();
            assertThat(run(cart("e1", T0 - 14 * DAY - 1, "c1", 10, 1), started("conv", T0)))
                    .isEmpty();
        }

        @Test
        void anEmptiedCartIsNotContext() {
            assertThat(run(cart("e1", T0 - 2 * HOUR, "c1", 10, 1), cart("e2", T0 - HOUR, "c1"), started("conv", T0)))
                    .isEmpty();
        }

        @Test
        void onlyTheLatestOpenCheckoutCreatedInTheWindowIsSent() {
            assertThat(run(
                            checkout(1, "c1", T0 - 15 * DAY, T0 - 2 * DAY),
                            checkout(2, "c1", T0 - 3 * DAY, T0 - 3 * DAY),
                            checkout(3, "c1", T0 - 2 * DAY, T0 - 2 * DAY),
                            completed(4, "c1", T0 - DAY, T0 - DAY, 40),
                            started("conv", T0)))
                    .containsExactly(
                            "conv checkout_started pre_conversation -2d00:00 checkout 3",
                            "conv order_completed pre_conversation -1d00:00 order 40");
        }

        @Test
        void theFiveMostRecentOrdersOfTheWindowAreSentOldestFirst() {
            List<Object> inputs = new ArrayList<>();
            inputs.add(completed(100, "c0", T0 - 14 * DAY - 1, T0 - 14 * DAY - 1, 1000));
            for (int i = 1; i <= 7; i++) {
                inputs.add(completed(100 + i, "c" + i, T0 - (8 - i) * DAY, T0 - (8 - i) * DAY, 1000 + i));
            }
            inputs.add(cart("e1", T0 - 90 * 60_000, "c9", 10, 1));
            inputs.add(started("conv", T0));
            assertThat(run(inputs.toArray()))
                    .containsExactly(
                            "conv order_completed pre_conversation -5d00:00 order 1003",
                            "conv order_completed pre_conversation -4d00:00 order 1004",
                            "conv order_completed pre_conversation -3d00:00 order 1005",
                            "conv order_completed pre_conversation -2d00:00 order 1006",
                            "conv order_completed pre_conversation -1d00:00 order 1007",
                            "conv cart_updated pre_conversation -0d01:30 c9[added 10 0->1]");
        }
    }

    @Nested
    class Rule3LiveSignals {
        @Test
        void aCheckoutIsStartedOnceAndItsOrderCompletedOnce() {
            assertThat(run(
                            started("conv", T0),
                            checkout(1, "c1", T0 + HOUR, T0 + HOUR),
                            checkout(1, "c1", T0 + HOUR, T0 + 2 * HOUR),
                            completed(1, "c1", T0 + HOUR, T0 + 3 * HOUR, 77),
                            completed(1, "c1", T0 + HOUR, T0 + 3 * HOUR, 77)))
                    .containsExactly(
                            "conv checkout_started post_conversation +0d01:00 checkout 1",
                            "conv order_completed post_conversation +0d03:00 order 77");
        }

        @Test
        void anOrderNeedsBothCompletedAtAndOrderId() {
            CheckoutRow withoutOrder = completed(1, "c1", T0 + HOUR, T0 + 2 * HOUR, 77);
            withoutOrder.orderId = null;
            CheckoutRow withOrder = completed(1, "c1", T0 + HOUR, T0 + 2 * HOUR, 77);
            withOrder.updatedAt = T0 + 3 * HOUR;
            assertThat(run(started("conv", T0), checkout(1, "c1", T0 + HOUR, T0 + HOUR), withoutOrder, withOrder))
                    .containsExactly(
                            "conv checkout_started post_conversation +0d01:00 checkout 1",
                            "conv order_completed post_conversation +0d02:00 order 77");
        }

        @Test
        void aCheckoutFirstSeenCompletedIsOnlyAnOrder() {
            assertThat(run(started("conv", T0), completed(1, "c1", T0 + HOUR, T0 + HOUR, 77)))
                    .containsExactly("conv order_completed post_conversation +0d01:00 order 77");
        }

        @Test
        void theOrderLinksToTheShopAdmin() {
            run(
                    Map.of(SHOP, new ShopRow(SHOP, "shop.example", true)),
                    started("conv", T0),
                    completed(1, "c1", T0 + HOUR, T0 + HOUR, 77));
            assertThat(out.signals.get(0).order.adminUrl).isEqualTo("https://shop.example/admin/orders/77");
        }

        @Test
        void anUnknownShopLeavesTheAdminUrlEmpty() {
            run(started("conv", T0), completed(1, "c1", T0 + HOUR, T0 + HOUR, 77));
            assertThat(out.signals.get(0).order.adminUrl).isNull();
        }

        @Test
        void aDeletedCheckoutIsForgottenAndItsDeleteEmitsNothing() {
            CheckoutRow deleted = checkout(1, "c1", T0 - DAY, T0 - HOUR);
            deleted.deleted = true;
            CheckoutRow deletedUnknown = checkout(2, "c1", T0 - DAY, T0 - HOUR);
            deletedUnknown.deleted = true;
            assertThat(run(
                            checkout(1, "c1", T0 - DAY, T0 - DAY),
                            deleted,
                            deletedUnknown,
                            started("conv", T0),
                            checkout(1, "c1", T0 + HOUR, T0 + HOUR)))
                    .as("no context for the deleted checkout; inserted again, it is a new checkout")
                    .containsExactly("conv checkout_started post_conversation +0d01:00 checkout 1");
        }

        @Test
        void nothingIsSentWithoutAConversation() {
            assertThat(run(
                            cart("e1", T0, "c1", 10, 1),
                            checkout(1, "c1", T0 + HOUR, T0 + HOUR),
                            completed(1, "c1", T0 + HOUR, T0 + 2 * HOUR, 77)))
                    .isEmpty();
        }
    }

    @Nested
    class Rule5CartAndCheckoutAreOneJourney {
        @Test
        void aCompletedCheckoutClearsTheCart() {
            assertThat(run(
                            cart("e1", T0 - 3 * HOUR, "c1", 10, 1),
                            completed(1, "c1", T0 - 2 * HOUR, T0 - HOUR, 77),
                            started("conv", T0)))
                    .containsExactly("conv order_completed pre_conversation -0d01:00 order 77");
        }

        @Test
        void afterCompletionTheSameCartTokenStartsFromEmpty() {
            assertThat(run(
                            started("conv", T0),
                            cart("e1", T0 + HOUR, "c1", 10, 1),
                            completed(1, "c1", T0 + 2 * HOUR, T0 + 2 * HOUR, 77),
                            cart("e2", T0 + 3 * HOUR, "c1", 10, 1)))
                    .containsExactly(
                            "conv cart_updated post_conversation +0d01:00 c1[added 10 0->1]",
                            "conv order_completed post_conversation +0d02:00 order 77",
                            "conv cart_updated post_conversation +0d03:00 c1[added 10 0->1]");
        }

        @Test
        void aLateSnapshotOfTheCompletedCartIsStale() {
            BuyerState state = new BuyerState();
            BuyerTimeline timeline =
                    new BuyerTimeline(new BuyerKey(SHOP, BUYER), state, out, BuyerTimeline.DEFAULT_REPLY_WAIT);
            timeline.advance(T0, new EventBatch().add(started("conv", T0)));
            timeline.advance(T0 + 2 * HOUR, new EventBatch().add(completed(1, "c1", T0 + HOUR, T0 + 2 * HOUR, 77)));
            timeline.receive(cart("e1", T0 + 2 * HOUR - 1, "c1", 10, 1), T0 + 3 * HOUR);
            assertThat(state.cart).isNull();
            assertThat(out.drops).containsEntry(DropReason.STALE, 1);
            assertThat(describe(out.signals))
                    .containsExactly("conv order_completed post_conversation +0d02:00 order 77");
        }

        @Test
        void aCartTheBuyerMovedOnToIsKept() {
            assertThat(run(
                            cart("e1", T0 - 3 * HOUR, "c2", 10, 1),
                            completed(1, "c1", T0 - 4 * HOUR, T0 - 4 * HOUR, 77),
                            started("conv", T0)))
                    .containsExactly(
                            "conv order_completed pre_conversation -0d04:00 order 77",
                            "conv cart_updated pre_conversation -0d03:00 c2[added 10 0->1]");
        }
    }

    @Nested
    class Rule6Order {
        @Test
        void atEqualTimesChatComesBeforeCheckoutBeforeCart() {
            assertThat(run(cart("e1", T0, "c1", 10, 1), checkout(1, "c1", T0, T0), started("conv", T0)))
                    .containsExactly(
                            "conv checkout_started post_conversation +0d00:00 checkout 1",
                            "conv cart_updated post_conversation +0d00:00 c1[added 10 0->1]");
        }

        @Test
        void atEqualTimesCartEventsApplyInEventIdOrder() {
            assertThat(run(started("conv", T0), cart("e2", T0 + HOUR, "c1", 10, 2), cart("e1", T0 + HOUR, "c1", 10, 1)))
                    .containsExactly(
                            "conv cart_updated post_conversation +0d01:00 c1[added 10 0->1]",
                            "conv cart_updated post_conversation +0d01:00 c1[quantity_changed 10 1->2]");
        }

        @Test
        void aLateCartSnapshotOlderThanTheAppliedOneIsStale() {
            BuyerState state = new BuyerState();
            BuyerTimeline timeline =
                    new BuyerTimeline(new BuyerKey(SHOP, BUYER), state, out, BuyerTimeline.DEFAULT_REPLY_WAIT);
            timeline.advance(T0, new EventBatch().add(started("conv", T0)));
            timeline.advance(T0 + 2 * HOUR, new EventBatch().add(cart("e2", T0 + 2 * HOUR, "c1", 10, 2)));
            timeline.receive(cart("e1", T0 + HOUR, "c1", 10, 1), T0 + 3 * HOUR);
            assertThat(out.drops).containsEntry(DropReason.STALE, 1);
            assertThat(state.cart.appliedEventId).isEqualTo("e2");
        }

        @Test
        void aLateButNewerEventIsStillApplied() {
            BuyerState state = new BuyerState();
            BuyerTimeline timeline =
                    new BuyerTimeline(new BuyerKey(SHOP, BUYER), state, out, BuyerTimeline.DEFAULT_REPLY_WAIT);
            timeline.advance(T0, new EventBatch().add(started("conv", T0)));
            timeline.receive(cart("e1", T0 + HOUR, "c1", 10, 1), T0 + 2 * HOUR);
            assertThat(describe(out.signals))
                    .containsExactly("conv cart_updated post_conversation +0d01:00 c1[added 10 0->1]");
        }

        @Test
        void aLateConversationStartWhoseLifeIsOverIsTooLate() {
            BuyerState state = new BuyerState();
            BuyerTimeline timeline =
                    new BuyerTimeline(new BuyerKey(SHOP, BUYER), state, out, BuyerTimeline.DEFAULT_REPLY_WAIT);
            timeline.receive(started("conv", T0), T0 + 7 * DAY);
            assertThat(state.holdsNothing()).isTrue();
            assertThat(out.drops).containsEntry(DropReason.TOO_LATE, 1);
        }
    }

    @Nested
    class Rule7NothingTwice {
        @Test
        void aReDeliveredEventChangesNothing() {
            assertThat(run(
                            started("conv", T0),
                            started("conv", T0),
                            cart("e1", T0 + HOUR, "c1", 10, 1),
                            cart("e1", T0 + HOUR, "c1", 10, 1),
                            checkout(1, "c1", T0 + 2 * HOUR, T0 + 2 * HOUR),
                            checkout(1, "c1", T0 + 2 * HOUR, T0 + 2 * HOUR)))
                    .containsExactly(
                            "conv cart_updated post_conversation +0d01:00 c1[added 10 0->1]",
                            "conv checkout_started post_conversation +0d02:00 checkout 1");
            assertThat(out.drops).containsEntry(DropReason.DUPLICATE, 2);
        }

        @Test
        void aContextCheckoutIsNotStartedAgainLive() {
            assertThat(run(
                            checkout(1, "c1", T0 - HOUR, T0 - HOUR),
                            started("conv", T0),
                            checkout(1, "c1", T0 - HOUR, T0 + HOUR)))
                    .containsExactly("conv checkout_started pre_conversation -0d01:00 checkout 1");
        }

        @Test
        void aNewConversationGetsTheContextAgainUnderNewIds() {
            run(
                    cart("e1", T0 - HOUR, "c1", 10, 1),
                    started("a", T0),
                    chat("close", T0 + HOUR, "a", ChatType.CONVERSATION_CLOSED),
                    started("b", T0 + 2 * HOUR));
            assertThat(describe(out.signals))
                    .containsExactly(
                            "a cart_updated pre_conversation -0d01:00 c1[added 10 0->1]",
                            "b cart_updated pre_conversation -0d01:00 c1[added 10 0->1]");
            assertThat(out.signals.get(0).signalId).isNotEqualTo(out.signals.get(1).signalId);
        }

        @Test
        void signalIdsAreNameBasedUuidsOfConversationTypeAndSource() {
            run(
                    started("conv", T0),
                    cart("e1", T0 + HOUR, "c1", 10, 1),
                    checkout(5, "c1", T0 + 2 * HOUR, T0 + 2 * HOUR),
                    completed(5, "c1", T0 + 2 * HOUR, T0 + 3 * HOUR, 9));
            assertThat(out.signals)
                    .extracting(s -> s.signalId)
                    .containsExactly(
                            uuid("conv|cart_updated|e1"),
                            uuid("conv|checkout_started|5"),
                            uuid("conv|order_completed|9"));
            assertThat(SignalIds.of("conv", SignalType.CART_UPDATED, "e1")).isEqualTo(uuid("conv|cart_updated|e1"));
        }

        private String uuid(String name) {
            return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        }
    }

    @Nested
    class Rule8StateLifecycle {
        private final BuyerState state = new BuyerState();
        private final BuyerTimeline timeline =
                new BuyerTimeline(new BuyerKey(SHOP, BUYER), state, out, BuyerTimeline.DEFAULT_REPLY_WAIT);

        @Test
        void eachCartChangeExtendsItsLifeByFourteenDays() {
            timeline.advance(T0, new EventBatch().add(cart("e1", T0, "c1", 10, 1)));
            assertThat(BuyerTimeline.nextDeadline(state, BuyerTimeline.DEFAULT_REPLY_WAIT))
                    .isEqualTo(T0 + 14 * DAY);
            timeline.advance(T0 + DAY, new EventBatch().add(cart("e2", T0 + DAY, "c1", 10, 2)));
            assertThat(BuyerTimeline.nextDeadline(state, BuyerTimeline.DEFAULT_REPLY_WAIT))
                    .isEqualTo(T0 + 15 * DAY);
            timeline.advance(T0 + 2 * DAY, new EventBatch().add(cart("e3", T0 + 2 * DAY, "c1", 10, 2)));
            assertThat(BuyerTimeline.nextDeadline(state, BuyerTimeline.DEFAULT_REPLY_WAIT))
                    .as("an identical snapshot is no change")
                    .isEqualTo(T0 + 15 * DAY);
            timeline.advance(T0 + 15 * DAY - 1, null);
            assertThat(state.cart).isNotNull();
            timeline.advance(T0 + 15 * DAY, null);
            assertThat(state.holdsNothing()).isTrue();
            assertThat(BuyerTimeline.nextDeadline(state, BuyerTimeline.DEFAULT_REPLY_WAIT))
                    .isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void checkoutsAreKeptFourteenDaysAfterTheirTime() {
            timeline.advance(T0, new EventBatch().add(checkout(1, "c1", T0, T0)));
            assertThat(BuyerTimeline.nextDeadline(state, BuyerTimeline.DEFAULT_REPLY_WAIT))
                    .isEqualTo(T0 + 14 * DAY);
            timeline.advance(T0 + 14 * DAY, null);
            assertThat(state.holdsNothing()).isTrue();
        }

        @Test
        void aConversationEndsAtItsEndAndIsForgottenSevenDaysLater() {
            timeline.advance(T0, new EventBatch().add(started("conv", T0)));
            assertThat(BuyerTimeline.nextDeadline(state, BuyerTimeline.DEFAULT_REPLY_WAIT))
                    .isEqualTo(T0 + 7 * DAY);
            timeline.advance(T0 + 7 * DAY, null);
            assertThat(state.conversation).isNull();
            assertThat(BuyerTimeline.nextDeadline(state, BuyerTimeline.DEFAULT_REPLY_WAIT))
                    .isEqualTo(T0 + 14 * DAY);
            timeline.advance(T0 + 14 * DAY, null);
            assertThat(state.holdsNothing()).isTrue();
        }
    }

    @Nested
    class Rule9Shops {
        @Test
        void aDisabledShopsInputsNeverReachTheBuyer() {
            assertThat(run(
                            Map.of(SHOP, new ShopRow(SHOP, "shop.example", false)),
                            started("conv", T0),
                            cart("e1", T0 + HOUR, "c1", 10, 1)))
                    .isEmpty();
        }

        @Test
        void anUnknownShopIsAdmitted() {
            assertThat(run(
                            Map.of(SHOP + 1, new ShopRow(SHOP + 1, "other.example", false)),
                            started("conv", T0),
                            cart("e1", T0 + HOUR, "c1", 10, 1)))
                    .hasSize(1);
            assertThat(ShopPolicy.admits(null)).isTrue();
        }
    }

    @Test
    void signalsCarryTheBuyerAndAllCartFigures() {
        run(started("conv", T0), cart("e1", T0 + HOUR, "c1", 10, 2, 20, 3));
        BuyerSignal signal = out.signals.get(0);
        assertThat(signal.shopId).isEqualTo(SHOP);
        assertThat(signal.buyerToken).isEqualTo(BUYER);
        assertThat(signal.cart.itemCount).isEqualTo(5);
        assertThat(signal.cart.totalPrice).hasToString("50.00");
        assertThat(signal.cart.lineItems).extracting(i -> i.variantId).containsExactly(10L, 20L);
    }
}
