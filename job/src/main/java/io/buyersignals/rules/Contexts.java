package io.buyersignals.rules;

import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.BuyerStage;
import io.buyersignals.model.CartAction;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ContextCheckout;
import io.buyersignals.model.ContextOrder;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.LineItem;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;

/** Rule 10: a conversation's context, built from the buyer's state as it is at an event time. */
final class Contexts {
    /** Context orders: as many as the pre-conversation context shows. */
    static final int ORDERS = BuyerTimeline.PRE_CONVERSATION_ORDERS;

    private Contexts() {}

    static ConversationContext of(BuyerKey buyer, BuyerState state, long asOf) {
        ConversationState conversation = state.conversation;
        ConversationContext c = new ConversationContext();
        c.conversationId = conversation.conversationId;
        c.shopId = buyer.shopId;
        c.buyerToken = buyer.buyerToken;
        c.asOf = asOf;
        c.conversationStartedAt = conversation.startedAt;
        CartState cart = state.cart;
        if (cart != null && cart.lineItems.length > 0) {
            c.cart = Signals.cartBody(cart, cart.changeActions);
            c.cartChangedAt = cart.changedAt;
        }
        CheckoutRow open = openCheckout(state);
        if (open != null) {
            c.checkout = checkout(open);
        }
        c.orders = orders(state);
        c.waitingSince = conversation.isWaiting() ? conversation.waitingSince() : null;
        c.waitingAtCheckoutAlert = conversation.alertOpen;
        c.stage = stage(state, open);
        c.priority = priority(c);
        return c;
    }

    /**
     * A digest of what the context shows (all but its sequence, time and links), to tell whether it changed: the
     * first 8 bytes of a SHA-256 of its fields.
     */
    static long digest(ConversationContext c) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeUTF(c.stage.name());
            out.writeInt(c.priority);
            out.writeLong(c.waitingSince == null ? Long.MIN_VALUE : c.waitingSince);
            out.writeBoolean(c.waitingAtCheckoutAlert);
            if (c.cart != null) {
                out.writeUTF(c.cart.cartToken);
                out.writeUTF(c.cart.currency);
                out.writeLong(c.cartChangedAt);
                for (LineItem item : c.cart.lineItems) {
                    out.writeLong(item.variantId);
                    out.writeLong(item.productId);
                    out.writeUTF(item.title);
                    out.writeInt(item.quantity);
                    out.writeUTF(item.unitPrice.toPlainString());
                }
                for (CartAction action : c.cart.actions) {
                    out.writeUTF(action.action.name());
                    out.writeLong(action.variantId);
                    out.writeInt(action.quantityBefore);
                    out.writeInt(action.quantityAfter);
                }
            }
            if (c.checkout != null) {
                out.writeLong(c.checkout.checkoutId);
                out.writeUTF(String.valueOf(c.checkout.cartToken));
                out.writeUTF(c.checkout.totalPrice.toPlainString());
                out.writeUTF(String.valueOf(c.checkout.currency));
                out.writeLong(c.checkout.startedAt);
            }
            for (ContextOrder order : c.orders) {
                out.writeLong(order.orderId);
                out.writeUTF(String.valueOf(order.orderNumber));
                out.writeUTF(order.totalPrice.toPlainString());
                out.writeUTF(String.valueOf(order.currency));
                out.writeLong(order.completedAt);
            }
            out.flush();
            return ByteBuffer.wrap(sha.digest(bytes.toByteArray())).getLong();
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256 and writes to memory", e);
        }
    }

    /** The tombstone of an ended conversation. */
    static ConversationContext ended(BuyerKey buyer, ConversationState conversation, long asOf) {
        ConversationContext c = new ConversationContext();
        c.conversationId = conversation.conversationId;
        c.shopId = buyer.shopId;
        c.buyerToken = buyer.buyerToken;
        c.sequence = conversation.contextSequence + 1;
        c.asOf = asOf;
        c.conversationStartedAt = conversation.startedAt;
        c.ended = true;
        return c;
    }

    /** The buyer's latest open checkout (by creation time, then id), among those held; null if none. */
    static CheckoutRow openCheckout(BuyerState state) {
        CheckoutRow latest = null;
        for (CheckoutRow row : state.checkouts) {
            if (!row.isCompleted()
                    && (latest == null
                            || row.createdAt > latest.createdAt
                            || (row.createdAt == latest.createdAt && row.id > latest.id))) {
                latest = row;
            }
        }
        return latest;
    }

    /**
     * Rule 11: 3 when a buyer at checkout waits for a reply, 2 when a buyer with a cart waits, 1 when a buyer waits,
     * 0 when nobody waits. An inbox sorts by it, then by {@code waiting_since}, oldest first.
     */
    static int priority(ConversationContext c) {
        if (c.waitingSince == null) {
            return 0;
        }
        if (c.checkout != null) {
            return 3;
        }
        return c.cart != null ? 2 : 1;
    }

    /** The buyer's stage in the active conversation (rule 10), from the state alone. */
    static BuyerStage stage(BuyerState state) {
        return stage(state, openCheckout(state));
    }

    private static BuyerStage stage(BuyerState state, CheckoutRow openCheckout) {
        if (openCheckout != null) {
            return BuyerStage.CHECKOUT;
        }
        for (CheckoutRow row : state.checkouts) {
            if (row.hasOrder() && row.completedAt >= state.conversation.startedAt) {
                return BuyerStage.ORDERED;
            }
        }
        return state.cart != null && state.cart.lineItems.length > 0 ? BuyerStage.CART : BuyerStage.BROWSING;
    }

    private static ContextCheckout checkout(CheckoutRow row) {
        ContextCheckout checkout = new ContextCheckout();
        checkout.checkoutId = row.id;
        checkout.cartToken = row.cartToken;
        checkout.totalPrice = Signals.money(row.totalPrice);
        checkout.currency = row.currency;
        checkout.startedAt = row.createdAt;
        return checkout;
    }

    /** The latest {@link #ORDERS} orders among the checkouts held, oldest first. */
    private static ContextOrder[] orders(BuyerState state) {
        CheckoutRow[] rows = Arrays.stream(state.checkouts)
                .filter(CheckoutRow::hasOrder)
                .sorted(Comparator.comparingLong((CheckoutRow r) -> r.completedAt)
                        .thenComparingLong(r -> r.orderId))
                .toArray(CheckoutRow[]::new);
        return Arrays.stream(rows, Math.max(0, rows.length - ORDERS), rows.length)
                .map(Contexts::order)
                .toArray(ContextOrder[]::new);
    }

    private static ContextOrder order(CheckoutRow row) {
        ContextOrder order = new ContextOrder();
        order.orderId = row.orderId;
        order.orderNumber = row.orderNumber;
        order.totalPrice = Signals.money(row.totalPrice);
        order.currency = row.currency;
        order.completedAt = row.completedAt;
        // Filled in on the way out, from the shops table as it is then (see ShopPolicy#adminUrl).
        return order;
    }
}
