package io.buyersignals.functions;

import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.model.ShopRow;
import io.buyersignals.rules.ShopPolicy;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * What the shops table decides as records leave, with the table as it is then: a control shop's merchant is shown
 * nothing (rule 14), an outcome carries its shop's arm, and orders link to the shop admin. A checkout read before
 * the table was loaded still gets its link, and a change of domain or arm applies from then on.
 */
public class ShopOutputs<T> extends BroadcastProcessFunction<T, ShopRow, T> {
    /** What one output does with its shop's row as a record passes; false withholds the record. */
    public interface Pass<T> extends Serializable {
        boolean pass(T record, ShopRow shopOrNull);
    }

    /** One output's name (the metric's label), where its records say which shop they belong to, and its pass. */
    public record Policy<T>(String output, ShopGate.ShopIdOf<T> shopIdOf, Pass<T> pass) implements Serializable {}

    public static final Policy<BuyerSignal> SIGNALS = new Policy<>("signals", s -> s.shopId, ShopPolicy::leaves);

    public static final Policy<ConversationContext> CONTEXTS =
            new Policy<>("context", c -> c.shopId, ShopPolicy::leaves);

    public static final Policy<BuyerAlert> ALERTS = new Policy<>("alerts", a -> a.shopId, ShopPolicy::leaves);

    public static final Policy<ConversationOutcome> OUTCOMES =
            new Policy<>("outcomes", o -> o.shopId, ShopPolicy::leaves);

    private final Policy<T> policy;
    private final HashMap<Long, ShopRow> knownShops;
    private transient Counter withheld;

    public ShopOutputs(Policy<T> policy, Map<Long, ShopRow> knownShops) {
        this.policy = policy;
        this.knownShops = new HashMap<>(knownShops);
    }

    @Override
    public void open(OpenContext openContext) {
        withheld = getRuntimeContext()
                .getMetricGroup()
                .addGroup("buyer_signals")
                .addGroup("output", policy.output())
                .counter("withheld_for_control");
    }

    @Override
    public void processElement(T record, ReadOnlyContext ctx, Collector<T> out) throws Exception {
        ShopRow shop = ShopGate.shop(
                ctx.getBroadcastState(ShopGate.SHOPS),
                knownShops,
                policy.shopIdOf().shopId(record));
        if (policy.pass().pass(record, shop)) {
            out.collect(record);
        } else {
            withheld.inc();
        }
    }

    @Override
    public void processBroadcastElement(ShopRow shop, Context ctx, Collector<T> out) throws Exception {
        ShopGate.remember(ctx.getBroadcastState(ShopGate.SHOPS), shop);
    }
}
