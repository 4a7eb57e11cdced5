package io.buyersignals.serde;

import static io.buyersignals.Fixtures.T0;
import static io.buyersignals.Fixtures.cart;
import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CartAction;
import io.buyersignals.model.CartActionType;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.EventKind;
import io.buyersignals.model.LineItem;
import io.buyersignals.model.SignalCart;
import io.buyersignals.model.SignalCheckout;
import io.buyersignals.model.SignalOrder;
import io.buyersignals.model.SignalType;
import io.buyersignals.model.Timing;
import io.buyersignals.rules.BuyerState;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The field-by-field formats: every field survives, nulls and extremes included, and the versions resolve. */
class FormatSerializerTest {
    private static final SerializerConfig CONFIG = new ExecutionConfig().getSerializerConfig();

    @Test
    void aBuyerStateWithEverythingInItRoundTrips() throws Exception {
        BuyerState state = BuyerStateFormatsTest.sample();
        BuyerState copy = roundTrip(new BuyerStateSerializer(), state);
        assertThat(copy).usingRecursiveComparison().isEqualTo(state);
        assertThat(copy.checkouts[0].totalPrice).isEqualTo(state.checkouts[0].totalPrice);
        assertThat(copy.checkouts[1].totalPrice.scale()).isEqualTo(-3);
    }

    @Test
    void nullsAndEmptyArraysStayWhatTheyWere() throws Exception {
        BuyerState state = new BuyerState();
        state.pending = null;
        state.endedConversations = null;
        BuyerState copy = roundTrip(new BuyerStateSerializer(), state);
        assertThat(copy).usingRecursiveComparison().isEqualTo(state);
        assertThat(copy.checkouts).isEmpty();

        BuyerEvent event = new BuyerEvent();
        assertThat(roundTrip(FormatTypeInfo.BUYER_EVENT.createSerializer(CONFIG), event))
                .usingRecursiveComparison()
                .isEqualTo(event);
        assertThat(roundTrip(FormatTypeInfo.CHECKOUT_ROW.createSerializer(CONFIG), new CheckoutRow()))
                .usingRecursiveComparison()
                .isEqualTo(new CheckoutRow());
    }

    @Test
    void aTextLongerThanSixtyFourKilobytesRoundTrips() throws Exception {
        BuyerEvent event = cart("e1", T0, "c1", 10, 1);
        char[] title = new char[100_000];
        Arrays.fill(title, '\u00e9');
        event.cart.lineItems[0].title = new String(title);
        assertThat(roundTrip(FormatTypeInfo.BUYER_EVENT.createSerializer(CONFIG), event))
                .usingRecursiveComparison()
                .isEqualTo(event);
    }

    @Test
    void signalsOfEveryKindRoundTrip() throws Exception {
        BuyerSignal cartSignal = new BuyerSignal();
        cartSignal.signalId = "s1";
        cartSignal.shopId = 42;
        cartSignal.buyerToken = "b";
        cartSignal.conversationId = "conv";
        cartSignal.type = SignalType.CART_UPDATED;
        cartSignal.timing = Timing.PRE_CONVERSATION;
        cartSignal.occurredAt = T0;
        cartSignal.cart = new SignalCart();
        cartSignal.cart.cartToken = "c1";
        cartSignal.cart.itemCount = 3;
        cartSignal.cart.totalPrice = new BigDecimal("59.97");
        cartSignal.cart.lineItems = new LineItem[] {new LineItem(10, 11, "Tee", 3, new BigDecimal("19.99"))};
        cartSignal.cart.actions =
                new CartAction[] {new CartAction(CartActionType.ADDED, cartSignal.cart.lineItems[0], 0, 3)};
        BuyerSignal orderSignal = new BuyerSignal();
        orderSignal.type = SignalType.ORDER_COMPLETED;
        orderSignal.order = new SignalOrder();
        orderSignal.order.orderId = 9;
        orderSignal.order.adminUrl = "https://admin.example/orders/9";
        BuyerSignal checkoutSignal = new BuyerSignal();
        checkoutSignal.checkout = new SignalCheckout();
        checkoutSignal.checkout.checkoutId = 5;
        checkoutSignal.checkout.totalPrice = BigDecimal.ZERO;
        TypeSerializer<BuyerSignal> serializer = FormatTypeInfo.BUYER_SIGNAL.createSerializer(CONFIG);
        for (BuyerSignal signal : List.of(cartSignal, orderSignal, checkoutSignal)) {
            assertThat(roundTrip(serializer, signal)).usingRecursiveComparison().isEqualTo(signal);
        }
        assertThat(writeAndRead(serializer.snapshotConfiguration()).restoreSerializer())
                .isEqualTo(serializer);
    }

    @Test
    void aCopyIsDeep() {
        BuyerEvent event = cart("e1", T0, "c1", 10, 1);
        BuyerEvent copy = FormatTypeInfo.BUYER_EVENT.createSerializer(CONFIG).copy(event);
        assertThat(copy).usingRecursiveComparison().isEqualTo(event);
        assertThat(copy.cart.lineItems[0]).isNotSameAs(event.cart.lineItems[0]);
    }

    /** Enums are stored by ordinal: reordering or removing a constant would change stored state's meaning. */
    @Test
    void enumConstantsOnlyEverGetAppended() {
        assertThat(Arrays.stream(EventKind.values()).map(Enum::name)).startsWith("CHAT", "CHECKOUT", "CART");
        assertThat(Arrays.stream(ChatType.values()).map(Enum::name))
                .startsWith("CONVERSATION_STARTED", "BUYER_MESSAGE", "MERCHANT_MESSAGE", "CONVERSATION_CLOSED");
        assertThat(Arrays.stream(CartActionType.values()).map(Enum::name))
                .startsWith("ADDED", "REMOVED", "QUANTITY_CHANGED");
        assertThat(Arrays.stream(SignalType.values()).map(Enum::name))
                .startsWith("CART_UPDATED", "CHECKOUT_STARTED", "ORDER_COMPLETED");
        assertThat(Arrays.stream(Timing.values()).map(Enum::name)).startsWith("PRE_CONVERSATION", "POST_CONVERSATION");
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T copy = serializer.deserialize(in);
        assertThat(in.available()).as("everything written is read").isZero();
        return copy;
    }

    private static <T> TypeSerializerSnapshot<T> writeAndRead(TypeSerializerSnapshot<T> snapshot) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), FormatSerializerTest.class.getClassLoader());
    }
}
