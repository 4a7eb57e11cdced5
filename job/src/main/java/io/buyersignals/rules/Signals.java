package io.buyersignals.rules;

import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CartAction;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.LineItem;
import io.buyersignals.model.SignalCart;
import io.buyersignals.model.SignalCheckout;
import io.buyersignals.model.SignalOrder;
import io.buyersignals.model.SignalType;
import io.buyersignals.model.Timing;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Builds the output documents from buyer state. */
final class Signals {
    private Signals() {}

    static BuyerSignal cart(
            BuyerKey buyer,
            String conversationId,
            Timing timing,
            CartState cart,
            CartAction[] actions,
            long occurredAt,
            String eventId) {
        BuyerSignal s = base(buyer, conversationId, SignalType.CART_UPDATED, timing, occurredAt, eventId);
        s.cart = cartBody(cart, actions);
        return s;
    }

    /** The cart's items, count and total, with {@code actions} as what changed. */
    static SignalCart cartBody(CartState cart, CartAction[] actions) {
        SignalCart body = new SignalCart();
        body.cartToken = cart.cartToken;
        body.currency = cart.currency;
        body.lineItems = cart.lineItems;
        body.actions = actions;
        BigDecimal total = BigDecimal.ZERO;
        long count = 0;
        for (LineItem item : cart.lineItems) {
            count += item.quantity;
            total = total.add(item.unitPrice.multiply(BigDecimal.valueOf(item.quantity)));
        }
        body.itemCount = count;
        body.totalPrice = money(total);
        return body;
    }

    static BuyerSignal checkoutStarted(BuyerKey buyer, String conversationId, Timing timing, CheckoutRow row) {
        SignalCheckout body = new SignalCheckout();
        body.checkoutId = row.id;
        body.cartToken = row.cartToken;
        body.totalPrice = money(row.totalPrice);
        body.currency = row.currency;
        BuyerSignal s =
                base(buyer, conversationId, SignalType.CHECKOUT_STARTED, timing, row.createdAt, Long.toString(row.id));
        s.checkout = body;
        return s;
    }

    static BuyerSignal orderCompleted(BuyerKey buyer, String conversationId, Timing timing, CheckoutRow row) {
        SignalOrder body = new SignalOrder();
        body.orderId = row.orderId;
        body.orderNumber = row.orderNumber;
        body.totalPrice = money(row.totalPrice);
        body.currency = row.currency;
        // Filled in on the way out, from the shops table as it is then (see ShopPolicy#adminUrl).
        body.adminUrl = null;
        BuyerSignal s = base(
                buyer, conversationId, SignalType.ORDER_COMPLETED, timing, row.completedAt, Long.toString(row.orderId));
        s.order = body;
        return s;
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static BuyerSignal base(
            BuyerKey buyer, String conversationId, SignalType type, Timing timing, long occurredAt, String source) {
        BuyerSignal s = new BuyerSignal();
        s.signalId = SignalIds.of(conversationId, type, source);
        s.shopId = buyer.shopId;
        s.buyerToken = buyer.buyerToken;
        s.conversationId = conversationId;
        s.type = type;
        s.timing = timing;
        s.occurredAt = occurredAt;
        return s;
    }
}
