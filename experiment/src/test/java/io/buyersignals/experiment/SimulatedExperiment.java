package io.buyersignals.experiment;

import io.buyersignals.contract.OutcomeJson;
import io.buyersignals.contract.Readers;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ExperimentArm;
import io.buyersignals.model.Parsed;
import io.buyersignals.rules.BuyerTimeline;
import io.buyersignals.rules.SortedReplay;
import io.buyersignals.rules.TimelineOutput;
import io.buyersignals.testkit.ShopperSimulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An experiment the way production runs one: shops split into arms in the shops table, the shopper simulator's
 * merchants behaving as configured, the rules (the job's, in event-time order) writing the outcome documents, and
 * the read-out reading those documents.
 */
final class SimulatedExperiment {
    private SimulatedExperiment() {}

    /** The shops, alternating control and treatment, all with their inbox on. */
    static List<ShopperSimulator.Shop> shops(int count) {
        List<ShopperSimulator.Shop> shops = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            shops.add(new ShopperSimulator.Shop(
                    id,
                    "shop-" + id + ".myshopify.com",
                    true,
                    id % 2 == 0 ? ExperimentArm.TREATMENT : ExperimentArm.CONTROL));
        }
        return shops;
    }

    /** The outcome documents of {@code steps} interactions, every conversation played out to its close. */
    static List<String> outcomes(
            List<ShopperSimulator.Shop> shops, ShopperSimulator.Merchants merchants, int buyers, int steps, long seed) {
        List<BuyerEvent> events = new ArrayList<>();
        List<CheckoutRow> rows = new ArrayList<>();
        ShopperSimulator.Traffic traffic = new ShopperSimulator.Traffic() {
            @Override
            public void cartSnapshot(String buyerToken, String json) {
                add(events, Readers.CART_SNAPSHOT.parse(json, "carts", null, 0L));
            }

            @Override
            public void chatEvent(String buyerToken, String json) {
                add(events, Readers.CHAT_EVENT.parse(json, "chats", null, 0L));
            }

            @Override
            public void checkoutRow(String json) {
                add(rows, Readers.CHECKOUT_ROW.parse(json, "checkouts", null, 0L));
            }
        };
        long[] clock = {Instant.parse("2026-11-02T08:00:00Z").toEpochMilli()};
        ShopperSimulator simulator =
                new ShopperSimulator(buyers, seed, () -> clock[0] += 900, traffic, shops, merchants);
        for (int i = 0; i < steps; i++) {
            simulator.step();
        }
        simulator.playOutConversations();
        List<String> documents = new ArrayList<>();
        SortedReplay.run(
                rows,
                events,
                ShopperSimulator.Shop.table(shops),
                BuyerTimeline.DEFAULT_REPLY_WAIT,
                new TimelineOutput() {
                    @Override
                    public void emit(io.buyersignals.model.BuyerSignal signal) {}

                    @Override
                    public void dropped(io.buyersignals.rules.DropReason reason) {}

                    @Override
                    public void outcome(io.buyersignals.model.ConversationOutcome outcome) {
                        documents.add(OutcomeJson.write(outcome));
                    }
                });
        return documents;
    }

    private static <T> void add(List<T> values, Parsed<T> parsed) {
        if (parsed.isValid()) {
            values.add(parsed.value);
        }
    }
}
