package io.buyersignals.job;

import static io.buyersignals.Fixtures.SHOP;
import static io.buyersignals.Fixtures.T0;
import static io.buyersignals.Fixtures.checkout;
import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ShopRow;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Rule 9 in its Flink stage: the broadcast shops table before the keyBy. */
class ShopGateTest {
    private static final CheckoutRow ROW = checkout(1, "c1", T0, T0);

    private static BroadcastOperatorTestHarness<CheckoutRow, ShopRow, CheckoutRow> gate(Map<Long, ShopRow> known)
            throws Exception {
        return ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                new ShopGate<>(ShopGate.CHECKOUTS, known), ShopGate.SHOPS);
    }

    @Test
    void anUnknownShopPassesWithoutADomain() throws Exception {
        try (var h = gate(Map.of())) {
            h.processElement(new StreamRecord<>(ROW));
            assertThat(h.extractOutputValues()).singleElement().satisfies(row -> {
                assertThat(row.id).isEqualTo(1);
                assertThat(row.shopDomain).isNull();
            });
        }
    }

    @Test
    void aShopUpdateTakesEffectFromThenOn() throws Exception {
        try (var h = gate(Map.of(SHOP, new ShopRow(SHOP, "before.example", true)))) {
            h.processElement(new StreamRecord<>(ROW));
            h.processBroadcastElement(new StreamRecord<>(new ShopRow(SHOP, "after.example", false)));
            h.processElement(new StreamRecord<>(ROW));
            h.processBroadcastElement(new StreamRecord<>(new ShopRow(SHOP, "again.example", true)));
            h.processElement(new StreamRecord<>(ROW));
            assertThat(h.extractOutputValues()).extracting(row -> row.shopDomain)
                    .containsExactly("before.example", "again.example");
        }
    }

    @Test
    void theInputRowIsNotModified() throws Exception {
        try (var h = gate(Map.of(SHOP, new ShopRow(SHOP, "shop.example", true)))) {
            h.processElement(new StreamRecord<>(ROW));
            assertThat(ROW.shopDomain).isNull();
        }
    }
}
