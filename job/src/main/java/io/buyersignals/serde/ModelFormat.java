package io.buyersignals.serde;

import static io.buyersignals.serde.Binary.readArray;
import static io.buyersignals.serde.Binary.readDecimal;
import static io.buyersignals.serde.Binary.readEnum;
import static io.buyersignals.serde.Binary.readNullable;
import static io.buyersignals.serde.Binary.readNullableLong;
import static io.buyersignals.serde.Binary.readString;
import static io.buyersignals.serde.Binary.writeArray;
import static io.buyersignals.serde.Binary.writeDecimal;
import static io.buyersignals.serde.Binary.writeEnum;
import static io.buyersignals.serde.Binary.writeNullable;
import static io.buyersignals.serde.Binary.writeNullableLong;
import static io.buyersignals.serde.Binary.writeString;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.CartAction;
import io.buyersignals.model.CartActionType;
import io.buyersignals.model.CartSnapshot;
import io.buyersignals.model.ChatEvent;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.EventKind;
import io.buyersignals.model.LineItem;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The binary form of the input model, field by field: part of the buyer state format (pending inputs, checkout
 * rows), so a change here is a new {@link BuyerStateSerializer#FORMAT} version.
 */
final class ModelFormat {
    private static final EventKind[] EVENT_KINDS = EventKind.values();
    private static final ChatType[] CHAT_TYPES = ChatType.values();
    private static final CartActionType[] CART_ACTION_TYPES = CartActionType.values();

    private ModelFormat() {}

    static void writeCheckoutRow(CheckoutRow row, DataOutputView out) throws IOException {
        out.writeLong(row.id);
        out.writeLong(row.shopId);
        writeString(row.buyerToken, out);
        writeString(row.cartToken, out);
        writeString(row.currency, out);
        writeDecimal(row.totalPrice, out);
        writeNullableLong(row.orderId, out);
        writeString(row.orderNumber, out);
        out.writeLong(row.createdAt);
        out.writeLong(row.updatedAt);
        writeNullableLong(row.completedAt, out);
        out.writeBoolean(row.deleted);
    }

    static CheckoutRow readCheckoutRow(DataInputView in) throws IOException {
        CheckoutRow row = new CheckoutRow();
        row.id = in.readLong();
        row.shopId = in.readLong();
        row.buyerToken = readString(in);
        row.cartToken = readString(in);
        row.currency = readString(in);
        row.totalPrice = readDecimal(in);
        row.orderId = readNullableLong(in);
        row.orderNumber = readString(in);
        row.createdAt = in.readLong();
        row.updatedAt = in.readLong();
        row.completedAt = readNullableLong(in);
        row.deleted = in.readBoolean();
        return row;
    }

    static void writeBuyerEvent(BuyerEvent event, DataOutputView out) throws IOException {
        writeEnum(event.kind, out);
        writeString(event.eventId, out);
        out.writeLong(event.shopId);
        writeString(event.buyerToken, out);
        out.writeLong(event.occurredAt);
        writeNullable(event.cart, ModelFormat::writeCartSnapshot, out);
        writeNullable(event.chat, ModelFormat::writeChatEvent, out);
    }

    static BuyerEvent readBuyerEvent(DataInputView in) throws IOException {
        BuyerEvent event = new BuyerEvent();
        event.kind = readEnum(EVENT_KINDS, in);
        event.eventId = readString(in);
        event.shopId = in.readLong();
        event.buyerToken = readString(in);
        event.occurredAt = in.readLong();
        event.cart = readNullable(ModelFormat::readCartSnapshot, in);
        event.chat = readNullable(ModelFormat::readChatEvent, in);
        return event;
    }

    private static void writeCartSnapshot(CartSnapshot cart, DataOutputView out) throws IOException {
        writeString(cart.cartToken, out);
        writeString(cart.currency, out);
        writeArray(cart.lineItems, ModelFormat::writeLineItem, out);
    }

    private static CartSnapshot readCartSnapshot(DataInputView in) throws IOException {
        CartSnapshot cart = new CartSnapshot();
        cart.cartToken = readString(in);
        cart.currency = readString(in);
        cart.lineItems = readArray(LineItem[]::new, ModelFormat::readLineItem, in);
        return cart;
    }

    private static void writeChatEvent(ChatEvent chat, DataOutputView out) throws IOException {
        writeString(chat.conversationId, out);
        writeEnum(chat.type, out);
        writeString(chat.channel, out);
    }

    private static ChatEvent readChatEvent(DataInputView in) throws IOException {
        ChatEvent chat = new ChatEvent();
        chat.conversationId = readString(in);
        chat.type = readEnum(CHAT_TYPES, in);
        chat.channel = readString(in);
        return chat;
    }

    static void writeLineItem(LineItem item, DataOutputView out) throws IOException {
        out.writeLong(item.variantId);
        out.writeLong(item.productId);
        writeString(item.title, out);
        out.writeInt(item.quantity);
        writeDecimal(item.unitPrice, out);
    }

    static LineItem readLineItem(DataInputView in) throws IOException {
        LineItem item = new LineItem();
        item.variantId = in.readLong();
        item.productId = in.readLong();
        item.title = readString(in);
        item.quantity = in.readInt();
        item.unitPrice = readDecimal(in);
        return item;
    }

    static void writeCartAction(CartAction action, DataOutputView out) throws IOException {
        writeEnum(action.action, out);
        out.writeLong(action.variantId);
        out.writeLong(action.productId);
        writeString(action.title, out);
        out.writeInt(action.quantityBefore);
        out.writeInt(action.quantityAfter);
        writeDecimal(action.unitPrice, out);
    }

    static CartAction readCartAction(DataInputView in) throws IOException {
        CartAction action = new CartAction();
        action.action = readEnum(CART_ACTION_TYPES, in);
        action.variantId = in.readLong();
        action.productId = in.readLong();
        action.title = readString(in);
        action.quantityBefore = in.readInt();
        action.quantityAfter = in.readInt();
        action.unitPrice = readDecimal(in);
        return action;
    }
}
