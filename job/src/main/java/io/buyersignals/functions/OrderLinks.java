package io.buyersignals.functions;

import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ShopRow;
import io.buyersignals.rules.ShopPolicy;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Links orders to the shop admin as they leave, with the shops table as it is then: a checkout read before the table
 * was loaded still gets its link, and a domain change applies from then on.
 */
public class OrderLinks<T> extends BroadcastProcessFunction<T, ShopRow, T> {
    /** How a record's orders get their links, and whose shop they are. */
    public interface Linker<T> extends Serializable {
        long shopId(T record);

        void link(T record, ShopRow shopOrNull);
    }

    public static final Linker<BuyerSignal> SIGNALS = new Linker<>() {
        @Override
        public long shopId(BuyerSignal signal) {
            return signal.shopId;
        }

        @Override
        public void link(BuyerSignal signal, ShopRow shopOrNull) {
            ShopPolicy.linkOrder(signal, shopOrNull);
        }
    };

    public static final Linker<ConversationContext> CONTEXTS = new Linker<>() {
        @Override
        public long shopId(ConversationContext context) {
            return context.shopId;
        }

        @Override
        public void link(ConversationContext context, ShopRow shopOrNull) {
            ShopPolicy.linkOrders(context, shopOrNull);
        }
    };

    private final Linker<T> linker;
    private final HashMap<Long, ShopRow> knownShops;

    public OrderLinks(Linker<T> linker, Map<Long, ShopRow> knownShops) {
        this.linker = linker;
        this.knownShops = new HashMap<>(knownShops);
    }

    @Override
    public void processElement(T record, ReadOnlyContext ctx, Collector<T> out) throws Exception {
        long shopId = linker.shopId(record);
        linker.link(record, ShopGate.shop(ctx.getBroadcastState(ShopGate.SHOPS), knownShops, shopId));
        out.collect(record);
    }

    @Override
    public void processBroadcastElement(ShopRow shop, Context ctx, Collector<T> out) throws Exception {
        ShopGate.remember(ctx.getBroadcastState(ShopGate.SHOPS), shop);
    }
}
