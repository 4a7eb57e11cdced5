package io.buyersignals.functions;

import static io.buyersignals.Fixtures.SHOP;
import static io.buyersignals.Fixtures.T0;
import static io.buyersignals.Fixtures.checkout;
import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.model.ExperimentArm;
import io.buyersignals.model.ShopRow;
import io.buyersignals.model.SignalOrder;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Rule 9 in its Flink stages: the shops table as broadcast state, before the keyBy and on the way out. */
class ShopGateTest {
    private static final CheckoutRow ROW = checkout(1, "c1", T0, T0);

    private static BroadcastOperatorTestHarness<CheckoutRow, ShopRow, CheckoutRow> gate(Map<Long, ShopRow> known)
            throws Exception {
        return ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                new ShopGate<>((CheckoutRow row) -> row.shopId, known), ShopGate.SHOPS);
    }

    private static ShopRow shop(String domain, boolean inboxEnabled) {
        return new ShopRow(SHOP, domain, inboxEnabled);
    }

    @Test
    void anUnknownShopPasses() throws Exception {
        try (var h = gate(Map.of(SHOP + 1, new ShopRow(SHOP + 1, "other.example", false)))) {
            h.processElement(new StreamRecord<>(ROW));
            assertThat(h.extractOutputValues()).extracting(row -> row.id).containsExactly(1L);
        }
    }

    @Test
    void aShopUpdateTakesEffectFromThenOn() throws Exception {
        try (var h = gate(Map.of(SHOP, shop("before.example", true)))) {
            h.processElement(new StreamRecord<>(checkout(1, "c1", T0, T0)));
            h.processBroadcastElement(new StreamRecord<>(shop("after.example", false)));
            h.processElement(new StreamRecord<>(checkout(2, "c1", T0, T0)));
            h.processBroadcastElement(new StreamRecord<>(shop("again.example", true)));
            h.processElement(new StreamRecord<>(checkout(3, "c1", T0, T0)));
            assertThat(h.extractOutputValues()).extracting(row -> row.id).containsExactly(1L, 3L);
        }
    }

    @Test
    void aDeletedShopIsUnknownAgain() throws Exception {
        try (var h = gate(Map.of())) {
            h.processBroadcastElement(new StreamRecord<>(shop("shop.example", false)));
            h.processElement(new StreamRecord<>(checkout(1, "c1", T0, T0)));
            ShopRow deleted = shop("shop.example", false);
            deleted.deleted = true;
            h.processBroadcastElement(new StreamRecord<>(deleted));
            h.processElement(new StreamRecord<>(checkout(2, "c1", T0, T0)));
            assertThat(h.extractOutputValues()).extracting(row -> row.id).containsExactly(2L);
        }
    }

    @Test
    void ordersAreLinkedWithTheShopsDomainWhenTheyLeave() throws Exception {
        try (BroadcastOperatorTestHarness<BuyerSignal, ShopRow, BuyerSignal> h =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        new ShopOutputs<>(ShopOutputs.SIGNALS, Map.of()), ShopGate.SHOPS)) {
            h.processElement(new StreamRecord<>(order(7)));
            h.processBroadcastElement(new StreamRecord<>(shop("shop.example", true)));
            h.processElement(new StreamRecord<>(order(8)));
            h.processBroadcastElement(new StreamRecord<>(shop("renamed.example", true)));
            h.processElement(new StreamRecord<>(order(9)));
            assertThat(h.extractOutputValues())
                    .extracting(s -> s.order.adminUrl)
                    .containsExactly(
                            null, "https://shop.example/admin/orders/8", "https://renamed.example/admin/orders/9");
        }
    }

    /** Rule 14: from the moment a shop joins the control arm, its merchant is shown nothing; leaving it, all again. */
    @Test
    void controlShopsAreShownNothingFromTheMomentTheyJoinTheArm() throws Exception {
        try (BroadcastOperatorTestHarness<BuyerSignal, ShopRow, BuyerSignal> h =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        new ShopOutputs<>(ShopOutputs.SIGNALS, Map.of()), ShopGate.SHOPS)) {
            h.processElement(new StreamRecord<>(order(1)));
            h.processBroadcastElement(new StreamRecord<>(armed(ExperimentArm.CONTROL)));
            h.processElement(new StreamRecord<>(order(2)));
            h.processBroadcastElement(new StreamRecord<>(armed(ExperimentArm.TREATMENT)));
            h.processElement(new StreamRecord<>(order(3)));
            h.processBroadcastElement(new StreamRecord<>(armed(null)));
            h.processElement(new StreamRecord<>(order(4)));
            assertThat(h.extractOutputValues()).extracting(s -> s.order.orderId).containsExactly(1L, 3L, 4L);
        }
    }

    /** Outcomes leave for every arm, carrying it; a control conversation received no signals. */
    @Test
    void outcomesCarryTheArmAndControlOnesNoSignals() throws Exception {
        try (BroadcastOperatorTestHarness<ConversationOutcome, ShopRow, ConversationOutcome> h =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        new ShopOutputs<>(ShopOutputs.OUTCOMES, Map.of(SHOP, armed(ExperimentArm.TREATMENT))),
                        ShopGate.SHOPS)) {
            h.processElement(new StreamRecord<>(outcome()));
            h.processBroadcastElement(new StreamRecord<>(armed(ExperimentArm.CONTROL)));
            h.processElement(new StreamRecord<>(outcome()));
            assertThat(h.extractOutputValues())
                    .extracting(o -> o.arm, o -> o.cartUpdatedSignals, o -> o.orderCompletedSignals)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(ExperimentArm.TREATMENT, 2, 1),
                            org.assertj.core.groups.Tuple.tuple(ExperimentArm.CONTROL, 0, 0));
        }
    }

    private static ShopRow armed(ExperimentArm arm) {
        return new ShopRow(SHOP, "shop.example", true, arm);
    }

    private static ConversationOutcome outcome() {
        ConversationOutcome outcome = new ConversationOutcome();
        outcome.shopId = SHOP;
        outcome.cartUpdatedSignals = 2;
        outcome.orderCompletedSignals = 1;
        return outcome;
    }

    private static BuyerSignal order(long orderId) {
        BuyerSignal signal = new BuyerSignal();
        signal.shopId = SHOP;
        signal.order = new SignalOrder();
        signal.order.orderId = orderId;
        return signal;
    }
}
