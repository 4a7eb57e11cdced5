package io.buyersignals.functions;

import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.ShopRow;
import io.buyersignals.rules.ShopPolicy;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Links order signals to the shop admin as they leave, with the shops table as it is then: a checkout read before
 * the table was loaded still gets its link, and a domain change applies from then on.
 */
public class OrderLinks extends BroadcastProcessFunction<BuyerSignal, ShopRow, BuyerSignal> {
    private final HashMap<Long, ShopRow> knownShops;

    public OrderLinks(Map<Long, ShopRow> knownShops) {
        this.knownShops = new HashMap<>(knownShops);
    }

    @Override
    public void processElement(BuyerSignal signal, ReadOnlyContext ctx, Collector<BuyerSignal> out) throws Exception {
        if (signal.order != null) {
            ShopPolicy.linkOrder(
                    signal, ShopGate.shop(ctx.getBroadcastState(ShopGate.SHOPS), knownShops, signal.shopId));
        }
        out.collect(signal);
    }

    @Override
    public void processBroadcastElement(ShopRow shop, Context ctx, Collector<BuyerSignal> out) throws Exception {
        ShopGate.remember(ctx.getBroadcastState(ShopGate.SHOPS), shop);
    }
}
