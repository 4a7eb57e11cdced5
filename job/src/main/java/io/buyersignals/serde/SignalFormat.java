package io.buyersignals.serde;

import static io.buyersignals.serde.Binary.readArray;
import static io.buyersignals.serde.Binary.readDecimal;
import static io.buyersignals.serde.Binary.readEnum;
import static io.buyersignals.serde.Binary.readNullable;
import static io.buyersignals.serde.Binary.readString;
import static io.buyersignals.serde.Binary.writeArray;
import static io.buyersignals.serde.Binary.writeDecimal;
import static io.buyersignals.serde.Binary.writeEnum;
import static io.buyersignals.serde.Binary.writeNullable;
import static io.buyersignals.serde.Binary.writeString;

import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CartAction;
import io.buyersignals.model.LineItem;
import io.buyersignals.model.SignalCart;
import io.buyersignals.model.SignalCheckout;
import io.buyersignals.model.SignalOrder;
import io.buyersignals.model.SignalType;
import io.buyersignals.model.Timing;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** The binary form of a signal on its way from the buyer timeline to the sink. */
final class SignalFormat {
    private static final SignalType[] TYPES = SignalType.values();
    private static final Timing[] TIMINGS = Timing.values();

    private SignalFormat() {}

    static void write(BuyerSignal signal, DataOutputView out) throws IOException {
        writeString(signal.signalId, out);
        out.writeLong(signal.shopId);
        writeString(signal.buyerToken, out);
        writeString(signal.conversationId, out);
        writeEnum(signal.type, out);
        writeEnum(signal.timing, out);
        out.writeLong(signal.occurredAt);
        writeNullable(signal.cart, SignalFormat::writeCart, out);
        writeNullable(signal.checkout, SignalFormat::writeCheckout, out);
        writeNullable(signal.order, SignalFormat::writeOrder, out);
    }

    static BuyerSignal read(DataInputView in) throws IOException {
        BuyerSignal signal = new BuyerSignal();
        signal.signalId = readString(in);
        signal.shopId = in.readLong();
        signal.buyerToken = readString(in);
        signal.conversationId = readString(in);
        signal.type = readEnum(TYPES, in);
        signal.timing = readEnum(TIMINGS, in);
        signal.occurredAt = in.readLong();
        signal.cart = readNullable(SignalFormat::readCart, in);
        signal.checkout = readNullable(SignalFormat::readCheckout, in);
        signal.order = readNullable(SignalFormat::readOrder, in);
        return signal;
    }

    private static void writeCart(SignalCart cart, DataOutputView out) throws IOException {
        writeString(cart.cartToken, out);
        writeString(cart.currency, out);
        out.writeLong(cart.itemCount);
        writeDecimal(cart.totalPrice, out);
        writeArray(cart.lineItems, ModelFormat::writeLineItem, out);
        writeArray(cart.actions, ModelFormat::writeCartAction, out);
    }

    private static SignalCart readCart(DataInputView in) throws IOException {
        SignalCart cart = new SignalCart();
        cart.cartToken = readString(in);
        cart.currency = readString(in);
        cart.itemCount = in.readLong();
        cart.totalPrice = readDecimal(in);
        cart.lineItems = readArray(LineItem[]::new, ModelFormat::readLineItem, in);
        cart.actions = readArray(CartAction[]::new, ModelFormat::readCartAction, in);
        return cart;
    }

    private static void writeCheckout(SignalCheckout checkout, DataOutputView out) throws IOException {
        out.writeLong(checkout.checkoutId);
        writeString(checkout.cartToken, out);
        writeDecimal(checkout.totalPrice, out);
        writeString(checkout.currency, out);
    }

    private static SignalCheckout readCheckout(DataInputView in) throws IOException {
        SignalCheckout checkout = new SignalCheckout();
        checkout.checkoutId = in.readLong();
        checkout.cartToken = readString(in);
        checkout.totalPrice = readDecimal(in);
        checkout.currency = readString(in);
        return checkout;
    }

    private static void writeOrder(SignalOrder order, DataOutputView out) throws IOException {
        out.writeLong(order.orderId);
        writeString(order.orderNumber, out);
        writeDecimal(order.totalPrice, out);
        writeString(order.currency, out);
        writeString(order.adminUrl, out);
    }

    private static SignalOrder readOrder(DataInputView in) throws IOException {
        SignalOrder order = new SignalOrder();
        order.orderId = in.readLong();
        order.orderNumber = readString(in);
        order.totalPrice = readDecimal(in);
        order.currency = readString(in);
        order.adminUrl = readString(in);
        return order;
    }
}
