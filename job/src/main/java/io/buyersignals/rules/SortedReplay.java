package io.buyersignals.rules;

import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.model.ShopRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules applied to a whole input in event-time order, with no Flink: the reference the streaming job must
 * reproduce whatever the arrival order within the out-of-orderness bound. Output is grouped by buyer (by shop id,
 * then buyer token) and in emission order within a buyer, as the replay command writes it.
 */
public final class SortedReplay {
    private SortedReplay() {}

    public static List<BuyerSignal> run(
            Collection<CheckoutRow> checkouts, Collection<BuyerEvent> events, Map<Long, ShopRow> shops) {
        List<BuyerSignal> signals = new ArrayList<>();
        run(checkouts, events, shops, BuyerTimeline.DEFAULT_REPLY_WAIT, new TimelineOutput() {
            @Override
            public void emit(BuyerSignal signal) {
                signals.add(signal);
            }

            @Override
            public void dropped(DropReason reason) {}
        });
        return signals;
    }

    public static void run(
            Collection<CheckoutRow> checkouts,
            Collection<BuyerEvent> events,
            Map<Long, ShopRow> shops,
            long replyWait,
            TimelineOutput out) {
        Map<BuyerKey, TreeMap<Long, EventBatch>> byBuyer = new HashMap<>();
        for (CheckoutRow row : checkouts) {
            if (ShopPolicy.admits(shops.get(row.shopId))) {
                batchAt(byBuyer, row.key(), row.updatedAt).add(row);
            }
        }
        for (BuyerEvent event : events) {
            if (ShopPolicy.admits(shops.get(event.shopId))) {
                batchAt(byBuyer, event.key(), event.occurredAt).add(event);
            }
        }
        List<BuyerKey> buyers = new ArrayList<>(byBuyer.keySet());
        buyers.sort(Comparator.comparingLong((BuyerKey k) -> k.shopId).thenComparing(k -> k.buyerToken));
        // What leaves, as ShopOutputs lets it leave the streaming job.
        TimelineOutput linked = new TimelineOutput() {
            @Override
            public void emit(BuyerSignal signal) {
                if (ShopPolicy.leaves(signal, shops.get(signal.shopId))) {
                    out.emit(signal);
                }
            }

            @Override
            public void dropped(DropReason reason) {
                out.dropped(reason);
            }

            @Override
            public void context(ConversationContext context) {
                if (ShopPolicy.leaves(context, shops.get(context.shopId))) {
                    out.context(context);
                }
            }

            @Override
            public void alert(BuyerAlert alert) {
                if (ShopPolicy.leaves(alert, shops.get(alert.shopId))) {
                    out.alert(alert);
                }
            }

            @Override
            public void outcome(ConversationOutcome outcome) {
                if (ShopPolicy.leaves(outcome, shops.get(outcome.shopId))) {
                    out.outcome(outcome);
                }
            }
        };
        for (BuyerKey buyer : buyers) {
            TreeMap<Long, EventBatch> batches = byBuyer.get(buyer);
            BuyerState state = new BuyerState();
            BuyerTimeline timeline = new BuyerTimeline(buyer, state, linked, replyWait);
            while (true) {
                long next = Math.min(
                        batches.isEmpty() ? Long.MAX_VALUE : batches.firstKey(),
                        BuyerTimeline.nextDeadline(state, replyWait));
                if (next == Long.MAX_VALUE) {
                    break;
                }
                timeline.advance(next, batches.remove(next));
            }
        }
    }

    private static EventBatch batchAt(Map<BuyerKey, TreeMap<Long, EventBatch>> byBuyer, BuyerKey key, long time) {
        return byBuyer.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(time, t -> new EventBatch());
    }
}
