package io.buyersignals.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.contract.Readers;
import io.buyersignals.contract.Schemas;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.Parsed;
import io.buyersignals.model.ShopRow;
import io.buyersignals.rules.SortedReplay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The simulator writes the contract's documents and tells stories that make the job emit every kind of signal. */
class ShopperSimulatorTest {
    private static final long START = 1_795_000_000_000L;

    private record Written(List<String> carts, List<String> chats, List<String> checkouts)
            implements ShopperSimulator.Traffic {
        Written() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        @Override
        public void cartSnapshot(String buyerToken, String json) {
            carts.add(json);
        }

        @Override
        public void chatEvent(String buyerToken, String json) {
            chats.add(json);
        }

        @Override
        public void checkoutRow(String json) {
            checkouts.add(json);
        }
    }

    private static Written simulate(long seed, int steps) {
        Written written = new Written();
        long[] clock = {START};
        ShopperSimulator simulator = new ShopperSimulator(12, seed, () -> clock[0] += 700, written);
        for (int i = 0; i < steps; i++) {
            simulator.step();
        }
        return written;
    }

    @Test
    void everyDocumentFollowsTheContractExceptTheDeliberatelyBrokenOnes() {
        Written written = new Written();
        long[] clock = {START};
        ShopperSimulator simulator = new ShopperSimulator(12, 1, () -> clock[0] += 700, written);
        for (int i = 0; i < 3000; i++) {
            simulator.step();
        }
        ShopperSimulator.Counts counts = simulator.counts();

        List<Parsed<BuyerEvent>> carts = parse(written.carts(), Readers.CART_SNAPSHOT);
        List<Parsed<BuyerEvent>> chats = parse(written.chats(), Readers.CHAT_EVENT);
        List<Parsed<CheckoutRow>> rows = parse(written.checkouts(), Readers.CHECKOUT_ROW);
        long broken = carts.stream().filter(p -> !p.isValid()).count()
                + chats.stream().filter(p -> !p.isValid()).count();
        assertThat(broken).isEqualTo(counts.badRecords).isPositive();
        assertThat(rows).allMatch(Parsed::isValid);
        assertThat(counts.total())
                .isEqualTo(written.carts().size() + written.chats().size() + rows.size());
        assertThat(rows).hasSize((int) (counts.checkoutsStarted + counts.ordersCompleted));

        for (int i = 0; i < carts.size(); i++) {
            if (carts.get(i).isValid()) {
                assertThat(Schemas.violations("cart_snapshot", written.carts().get(i)))
                        .isEmpty();
            }
        }
        for (int i = 0; i < chats.size(); i++) {
            if (chats.get(i).isValid()) {
                assertThat(Schemas.violations("chat_event", written.chats().get(i)))
                        .isEmpty();
            }
        }
        for (String row : written.checkouts()) {
            assertThat(Schemas.violations("checkout_row", row)).isEmpty();
        }
    }

    @Test
    void itsShoppersMakeTheJobEmitEveryKindOfSignal() {
        Written written = simulate(2, 3000);
        List<BuyerEvent> events = new ArrayList<>();
        parse(written.carts(), Readers.CART_SNAPSHOT).stream()
                .filter(Parsed::isValid)
                .forEach(p -> events.add(p.value));
        parse(written.chats(), Readers.CHAT_EVENT).stream()
                .filter(Parsed::isValid)
                .forEach(p -> events.add(p.value));
        List<CheckoutRow> rows = parse(written.checkouts(), Readers.CHECKOUT_ROW).stream()
                .map(p -> p.value)
                .toList();
        Map<Long, ShopRow> shops = ShopperSimulator.Shop.table(ShopperSimulator.SHOPS);

        List<BuyerSignal> signals = SortedReplay.run(rows, events, shops);

        Set<String> kinds = signals.stream()
                .map(s -> s.type.wireName() + "/" + s.timing.wireName())
                .collect(Collectors.toSet());
        assertThat(kinds)
                .contains(
                        "cart_updated/pre_conversation",
                        "cart_updated/post_conversation",
                        "checkout_started/post_conversation",
                        "order_completed/pre_conversation",
                        "order_completed/post_conversation");
        assertThat(signals).as("the shop with its inbox disabled gets nothing").noneMatch(s -> s.shopId == 3);
        assertThat(signals).as("nor does the control shop").noneMatch(s -> s.shopId == 2);
        assertThat(events).as("but its buyers do shop").anyMatch(e -> e.shopId == 3);
    }

    @Test
    void theSameSeedAndClockWriteTheSameDocuments() {
        assertThat(simulate(5, 500)).isEqualTo(simulate(5, 500));
        assertThat(simulate(5, 500)).isNotEqualTo(simulate(6, 500));
    }

    private static <T> List<Parsed<T>> parse(List<String> lines, io.buyersignals.contract.RecordReader<T> reader) {
        List<Parsed<T>> parsed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            parsed.add(reader.parse(lines.get(i), "test", null, (long) i));
        }
        return parsed;
    }
}
