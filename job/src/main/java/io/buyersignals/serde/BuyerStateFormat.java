package io.buyersignals.serde;

import static io.buyersignals.serde.Binary.readArray;
import static io.buyersignals.serde.Binary.readDecimal;
import static io.buyersignals.serde.Binary.readEnum;
import static io.buyersignals.serde.Binary.readLongs;
import static io.buyersignals.serde.Binary.readNullable;
import static io.buyersignals.serde.Binary.readString;
import static io.buyersignals.serde.Binary.writeArray;
import static io.buyersignals.serde.Binary.writeDecimal;
import static io.buyersignals.serde.Binary.writeEnum;
import static io.buyersignals.serde.Binary.writeLongs;
import static io.buyersignals.serde.Binary.writeNullable;
import static io.buyersignals.serde.Binary.writeString;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerStage;
import io.buyersignals.model.CartAction;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.LineItem;
import io.buyersignals.rules.BuyerState;
import io.buyersignals.rules.CartState;
import io.buyersignals.rules.ConversationState;
import io.buyersignals.rules.EndedConversation;
import io.buyersignals.rules.EventBatch;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The buyer state, field by field. Format 1 writes the fields in declaration order; format 2 (release 0.3.0) appends
 * to the conversation what its context and alerts need; format 3 (release 0.4.0) what its outcome needs. A later format appends or changes fields; {@link #read} keeps
 * reading every earlier format, giving the fields it lacks their defaults, so that a savepoint of any release
 * restores.
 */
final class BuyerStateFormat {
    private static final BuyerStage[] STAGES = BuyerStage.values();

    private BuyerStateFormat() {}

    static void write(BuyerState state, DataOutputView out) throws IOException {
        writeNullable(state.conversation, BuyerStateFormat::writeConversation, out);
        writeArray(state.endedConversations, BuyerStateFormat::writeEnded, out);
        writeNullable(state.cart, BuyerStateFormat::writeCart, out);
        writeArray(state.checkouts, ModelFormat::writeCheckoutRow, out);
        writeNullable(state.pending, BuyerStateFormat::writeBatch, out);
        out.writeLong(state.lifecycleTimer);
        out.writeLong(state.flushTimer);
    }

    /** Reads a value written in {@code format}, which {@link BuyerStateSerializer#reading} has checked. */
    static BuyerState read(DataInputView in, int format) throws IOException {
        BuyerState state = new BuyerState();
        state.conversation = readNullable(conversationIn -> readConversation(conversationIn, format), in);
        state.endedConversations = readArray(EndedConversation[]::new, BuyerStateFormat::readEnded, in);
        state.cart = readNullable(BuyerStateFormat::readCart, in);
        state.checkouts = readArray(CheckoutRow[]::new, ModelFormat::readCheckoutRow, in);
        state.pending = readNullable(BuyerStateFormat::readBatch, in);
        state.lifecycleTimer = in.readLong();
        state.flushTimer = in.readLong();
        return state;
    }

    private static void writeConversation(ConversationState conversation, DataOutputView out) throws IOException {
        writeString(conversation.conversationId, out);
        out.writeLong(conversation.startedAt);
        out.writeLong(conversation.endsAt);
        writeLongs(conversation.sentCheckoutIds, out);
        writeLongs(conversation.sentOrderIds, out);
        out.writeLong(conversation.contextSequence);
        out.writeLong(conversation.contextDigest);
        writeLongs(conversation.unanswered, out);
        out.writeLong(conversation.lastReplyAt);
        out.writeLong(conversation.alertedSince);
        out.writeBoolean(conversation.alertOpen);
        out.writeLong(conversation.alertCheckoutId);
        writeEnum(conversation.stageAtStart, out);
        out.writeLong(conversation.firstBuyerMessageAt);
        out.writeLong(conversation.firstReplyAt);
        writeLongs(conversation.earlyReplies, out);
        out.writeInt(conversation.signalsSent.length);
        for (int sent : conversation.signalsSent) {
            out.writeInt(sent);
        }
        out.writeInt(conversation.orders);
        writeDecimal(conversation.revenue, out);
        writeString(conversation.currency, out);
    }

    private static ConversationState readConversation(DataInputView in, int format) throws IOException {
        ConversationState conversation = new ConversationState();
        conversation.conversationId = readString(in);
        conversation.startedAt = in.readLong();
        conversation.endsAt = in.readLong();
        conversation.sentCheckoutIds = readLongs(in);
        conversation.sentOrderIds = readLongs(in);
        if (format >= 2) {
            conversation.contextSequence = in.readLong();
            conversation.contextDigest = in.readLong();
            conversation.unanswered = readLongs(in);
            conversation.lastReplyAt = in.readLong();
            conversation.alertedSince = in.readLong();
            conversation.alertOpen = in.readBoolean();
            conversation.alertCheckoutId = in.readLong();
        }
        if (format >= 3) {
            conversation.stageAtStart = readEnum(STAGES, in);
            conversation.firstBuyerMessageAt = in.readLong();
            conversation.firstReplyAt = in.readLong();
            conversation.earlyReplies = readLongs(in);
            int types = in.readInt();
            for (int type = 0; type < types; type++) {
                conversation.signalsSent[type] = in.readInt();
            }
            conversation.orders = in.readInt();
            conversation.revenue = readDecimal(in);
            conversation.currency = readString(in);
        }
        return conversation;
    }

    private static void writeEnded(EndedConversation ended, DataOutputView out) throws IOException {
        writeString(ended.conversationId, out);
        out.writeLong(ended.endedAt);
    }

    private static EndedConversation readEnded(DataInputView in) throws IOException {
        EndedConversation ended = new EndedConversation();
        ended.conversationId = readString(in);
        ended.endedAt = in.readLong();
        return ended;
    }

    private static void writeCart(CartState cart, DataOutputView out) throws IOException {
        writeString(cart.cartToken, out);
        writeString(cart.currency, out);
        writeArray(cart.lineItems, ModelFormat::writeLineItem, out);
        out.writeLong(cart.changedAt);
        writeString(cart.changeEventId, out);
        writeArray(cart.changeActions, ModelFormat::writeCartAction, out);
        out.writeLong(cart.appliedAt);
        writeString(cart.appliedEventId, out);
    }

    private static CartState readCart(DataInputView in) throws IOException {
        CartState cart = new CartState();
        cart.cartToken = readString(in);
        cart.currency = readString(in);
        cart.lineItems = readArray(LineItem[]::new, ModelFormat::readLineItem, in);
        cart.changedAt = in.readLong();
        cart.changeEventId = readString(in);
        cart.changeActions = readArray(CartAction[]::new, ModelFormat::readCartAction, in);
        cart.appliedAt = in.readLong();
        cart.appliedEventId = readString(in);
        return cart;
    }

    private static void writeBatch(EventBatch batch, DataOutputView out) throws IOException {
        writeArray(batch.checkouts, ModelFormat::writeCheckoutRow, out);
        writeArray(batch.events, ModelFormat::writeBuyerEvent, out);
    }

    private static EventBatch readBatch(DataInputView in) throws IOException {
        EventBatch batch = new EventBatch();
        batch.checkouts = readArray(CheckoutRow[]::new, ModelFormat::readCheckoutRow, in);
        batch.events = readArray(BuyerEvent[]::new, ModelFormat::readBuyerEvent, in);
        return batch;
    }
}
