package io.buyersignals.functions;

import io.buyersignals.model.ShopRow;
import io.buyersignals.rules.ShopPolicy;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Rule 9 before the keyBy: drops inputs of shops whose inbox is disabled. Shop rows arrive as broadcast state;
 * {@code knownShops} is a table loaded before the job starts (the replay's shops.jsonl), overridden by any
 * broadcast row for the same shop.
 */
public class ShopGate<T> extends BroadcastProcessFunction<T, ShopRow, T> {
    public static final MapStateDescriptor<Long, ShopRow> SHOPS =
            new MapStateDescriptor<>("shops", Types.LONG, TypeInformation.of(ShopRow.class));

    /** Where an input says which shop it belongs to. */
    public interface ShopIdOf<T> extends Serializable {
        long shopId(T value);
    }

    private final ShopIdOf<T> shopIdOf;
    private final HashMap<Long, ShopRow> knownShops;
    private transient Counter disabledShopDrops;

    public ShopGate(ShopIdOf<T> shopIdOf, Map<Long, ShopRow> knownShops) {
        this.shopIdOf = shopIdOf;
        this.knownShops = new HashMap<>(knownShops);
    }

    @Override
    public void open(OpenContext openContext) {
        disabledShopDrops = getRuntimeContext()
                .getMetricGroup()
                .addGroup("buyer_signals")
                .addGroup("reason", "inbox_disabled")
                .counter("dropped_events");
    }

    @Override
    public void processElement(T value, ReadOnlyContext ctx, Collector<T> out) throws Exception {
        if (!ShopPolicy.admits(shop(ctx.getBroadcastState(SHOPS), knownShops, shopIdOf.shopId(value)))) {
            disabledShopDrops.inc();
            return;
        }
        out.collect(value);
    }

    @Override
    public void processBroadcastElement(ShopRow shop, Context ctx, Collector<T> out) throws Exception {
        remember(ctx.getBroadcastState(SHOPS), shop);
    }

    /** The shop as the broadcast table says, else as the table loaded before start says; null if unknown. */
    static ShopRow shop(ReadOnlyBroadcastState<Long, ShopRow> table, Map<Long, ShopRow> knownShops, long shopId)
            throws Exception {
        ShopRow shop = table.get(shopId);
        return shop != null ? shop : knownShops.get(shopId);
    }

    static void remember(BroadcastState<Long, ShopRow> table, ShopRow shop) throws Exception {
        if (shop.deleted) {
            table.remove(shop.id);
        } else {
            table.put(shop.id, shop);
        }
    }
}
