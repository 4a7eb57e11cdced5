package io.buyersignals.job;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ShopRow;
import io.buyersignals.rules.ShopPolicy;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Rule 9 before the keyBy: drops inputs of shops whose inbox is disabled and hands the shop's domain to checkout
 * rows. Shop rows arrive as broadcast state; {@code knownShops} is a table loaded before the job starts (the
 * replay's shops.jsonl), overridden by any broadcast row for the same shop.
 */
public class ShopGate<T> extends BroadcastProcessFunction<T, ShopRow, T> {
    public static final MapStateDescriptor<Long, ShopRow> SHOPS =
            new MapStateDescriptor<>("shops", Types.LONG, TypeInformation.of(ShopRow.class));

    /** How the gate sees one kind of input. */
    public interface Admission<T> extends Serializable {
        long shopId(T value);

        T admitted(T value, ShopRow shopOrNull);
    }

    public static final Admission<CheckoutRow> CHECKOUTS = new Admission<>() {
        @Override
        public long shopId(CheckoutRow row) {
            return row.shopId;
        }

        @Override
        public CheckoutRow admitted(CheckoutRow row, ShopRow shop) {
            return row.withShopDomain(ShopPolicy.domainOf(shop));
        }
    };

    public static final Admission<BuyerEvent> EVENTS = new Admission<>() {
        @Override
        public long shopId(BuyerEvent event) {
            return event.shopId;
        }

        @Override
        public BuyerEvent admitted(BuyerEvent event, ShopRow shop) {
            return event;
        }
    };

    private final Admission<T> admission;
    private final HashMap<Long, ShopRow> knownShops;
    private transient Counter disabledShopDrops;

    public ShopGate(Admission<T> admission, Map<Long, ShopRow> knownShops) {
        this.admission = admission;
        this.knownShops = new HashMap<>(knownShops);
    }

    @Override
    public void open(OpenContext openContext) {
        disabledShopDrops = getRuntimeContext().getMetricGroup().addGroup("buyer_signals")
                .addGroup("dropped", "inbox_disabled").counter("events");
    }

    @Override
    public void processElement(T value, ReadOnlyContext ctx, Collector<T> out) throws Exception {
        long shopId = admission.shopId(value);
        ShopRow shop = ctx.getBroadcastState(SHOPS).get(shopId);
        if (shop == null) {
            shop = knownShops.get(shopId);
        }
        if (!ShopPolicy.admits(shop)) {
            disabledShopDrops.inc();
            return;
        }
        out.collect(admission.admitted(value, shop));
    }

    @Override
    public void processBroadcastElement(ShopRow shop, Context ctx, Collector<T> out) throws Exception {
        ctx.getBroadcastState(SHOPS).put(shop.id, shop);
    }
}
