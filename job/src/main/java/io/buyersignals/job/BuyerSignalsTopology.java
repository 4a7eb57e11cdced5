package io.buyersignals.job;

import io.buyersignals.functions.BuyerSignalsFunction;
import io.buyersignals.functions.DeadLetterRouter;
import io.buyersignals.functions.ShopGate;
import io.buyersignals.functions.ShopOutputs;
import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.model.DeadLetter;
import io.buyersignals.model.Parsed;
import io.buyersignals.model.ShopRow;
import io.buyersignals.serde.TypeInfos;
import io.buyersignals.sources.Watermarks;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one graph of Buyer Signals. Replay, tests, the local run and production differ only in the sources and sinks
 * they pass in. Every operator has a constant uid: renaming one loses its state on upgrade.
 */
public final class BuyerSignalsTopology {
    public static final String TIMELINE_UID = "buyer-timeline";
    /** The buyer timeline's name: its task, thread and metrics go by it. */
    public static final String TIMELINE_NAME = "Buyer timeline";

    /** Sources yield {@link Parsed} records so that bad input is routed, never thrown. */
    public record Sources(
            Source<Parsed<BuyerEvent>, ?, ?> cartEvents,
            Source<Parsed<BuyerEvent>, ?, ?> chatEvents,
            Source<Parsed<CheckoutRow>, ?, ?> checkouts,
            Source<Parsed<ShopRow>, ?, ?> shops,
            Map<Long, ShopRow> knownShops) {}

    /** Attach the sinks (with their own constant uids) to the five outputs. */
    public record Sinks(
            Consumer<DataStream<BuyerSignal>> signals,
            Consumer<DataStream<ConversationContext>> contexts,
            Consumer<DataStream<BuyerAlert>> alerts,
            Consumer<DataStream<ConversationOutcome>> outcomes,
            Consumer<DataStream<DeadLetter>> deadLetters) {}

    private BuyerSignalsTopology() {}

    public static void build(
            StreamExecutionEnvironment env,
            Sources sources,
            Sinks sinks,
            Watermarks.EventTime eventTime,
            Duration replyWait) {
        SingleOutputStreamOperator<BuyerEvent> carts = read(
                env,
                sources.cartEvents(),
                "cart-events",
                TypeInfos.PARSED_BUYER_EVENT,
                TypeInfos.BUYER_EVENT,
                Watermarks.events(eventTime, (BuyerEvent e) -> e.occurredAt),
                0);
        SingleOutputStreamOperator<BuyerEvent> chats = read(
                env,
                sources.chatEvents(),
                "chat-events",
                TypeInfos.PARSED_BUYER_EVENT,
                TypeInfos.BUYER_EVENT,
                Watermarks.events(eventTime, (BuyerEvent e) -> e.occurredAt),
                0);
        // One binlog client per table: the binlog is one stream whatever the parallelism, and a second reader would
        // only serve the initial snapshot, then sit without a split, holding event time back after a restore.
        SingleOutputStreamOperator<CheckoutRow> checkouts = read(
                env,
                sources.checkouts(),
                "checkouts",
                TypeInfos.PARSED_CHECKOUT_ROW,
                TypeInfos.CHECKOUT_ROW,
                Watermarks.events(eventTime, (CheckoutRow r) -> r.updatedAt),
                1);
        SingleOutputStreamOperator<ShopRow> shops = read(
                env, sources.shops(), "shops", TypeInfos.PARSED_SHOP_ROW, TypeInfos.SHOP_ROW, Watermarks.table(), 1);

        BroadcastStream<ShopRow> shopTable = shops.broadcast(ShopGate.SHOPS);
        DataStream<CheckoutRow> admittedCheckouts = checkouts
                .connect(shopTable)
                .process(new ShopGate<>((CheckoutRow row) -> row.shopId, sources.knownShops()), TypeInfos.CHECKOUT_ROW)
                .uid("shop-gate-checkouts")
                .name("Shop gate: checkouts");
        DataStream<BuyerEvent> admittedEvents = carts.union(chats)
                .connect(shopTable)
                .process(
                        new ShopGate<>((BuyerEvent event) -> event.shopId, sources.knownShops()), TypeInfos.BUYER_EVENT)
                .uid("shop-gate-events")
                .name("Shop gate: cart and chat events");

        SingleOutputStreamOperator<BuyerSignal> timeline = admittedCheckouts
                .keyBy(CheckoutRow::key, TypeInfos.BUYER_KEY)
                .connect(admittedEvents.keyBy(BuyerEvent::key, TypeInfos.BUYER_KEY))
                .process(new BuyerSignalsFunction(eventTime.timerGranularity(), replyWait), TypeInfos.BUYER_SIGNAL)
                .uid(TIMELINE_UID)
                .name(TIMELINE_NAME);
        // The outputs pass the shops table on their way out (arms, admin links); the uids predate the arms.
        sinks.signals()
                .accept(byShop(timeline, shopTable, ShopOutputs.SIGNALS, sources, TypeInfos.BUYER_SIGNAL)
                        .uid("order-links")
                        .name("Shops: signals"));
        sinks.contexts()
                .accept(byShop(
                                timeline.getSideOutput(BuyerSignalsFunction.CONTEXTS),
                                shopTable,
                                ShopOutputs.CONTEXTS,
                                sources,
                                TypeInfos.CONVERSATION_CONTEXT)
                        .uid("context-order-links")
                        .name("Shops: context"));
        sinks.alerts()
                .accept(byShop(
                                timeline.getSideOutput(BuyerSignalsFunction.ALERTS),
                                shopTable,
                                ShopOutputs.ALERTS,
                                sources,
                                TypeInfos.BUYER_ALERT)
                        .uid("shop-outputs-alerts")
                        .name("Shops: alerts"));
        sinks.outcomes()
                .accept(byShop(
                                timeline.getSideOutput(BuyerSignalsFunction.OUTCOMES),
                                shopTable,
                                ShopOutputs.OUTCOMES,
                                sources,
                                TypeInfos.CONVERSATION_OUTCOME)
                        .uid("shop-outputs-outcomes")
                        .name("Shops: outcomes"));

        sinks.deadLetters()
                .accept(deadLetters(carts).union(deadLetters(chats), deadLetters(checkouts), deadLetters(shops)));
    }

    private static <T> SingleOutputStreamOperator<T> read(
            StreamExecutionEnvironment env,
            Source<Parsed<T>, ?, ?> source,
            String name,
            TypeInformation<Parsed<T>> parsedType,
            TypeInformation<T> type,
            WatermarkStrategy<Parsed<T>> watermarks,
            int fixedParallelism) {
        DataStreamSource<Parsed<T>> records = env.fromSource(source, watermarks, name, parsedType);
        records.uid("source-" + name).name(name);
        SingleOutputStreamOperator<T> routed = records.process(new DeadLetterRouter<T>(name), type)
                .uid("route-" + name)
                .name("Route dead letters: " + name);
        if (fixedParallelism > 0) {
            records.setParallelism(fixedParallelism);
            routed.setParallelism(fixedParallelism);
        }
        return routed;
    }

    private static <T> SingleOutputStreamOperator<T> byShop(
            DataStream<T> records,
            BroadcastStream<ShopRow> shopTable,
            ShopOutputs.Policy<T> policy,
            Sources sources,
            TypeInformation<T> type) {
        return records.connect(shopTable).process(new ShopOutputs<>(policy, sources.knownShops()), type);
    }

    private static DataStream<DeadLetter> deadLetters(SingleOutputStreamOperator<?> routed) {
        return routed.getSideOutput(DeadLetterRouter.DEAD_LETTERS);
    }
}
