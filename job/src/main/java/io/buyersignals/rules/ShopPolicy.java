package io.buyersignals.rules;

import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.ContextOrder;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ShopRow;

/** Rule 9, decided before any buyer state is touched. */
public final class ShopPolicy {
    private ShopPolicy() {}

    /** Fails open: the shops table may lag behind the events at start-up, so an unknown shop is admitted. */
    public static boolean admits(ShopRow shopOrNull) {
        return shopOrNull == null || shopOrNull.inboxEnabled;
    }

    /** The order's page in the shop admin; null while the shop is unknown. */
    public static String adminUrl(ShopRow shopOrNull, long orderId) {
        return shopOrNull == null ? null : "https://" + shopOrNull.domain + "/admin/orders/" + orderId;
    }

    /** Links a context's orders to the shop admin, with the shop's domain at the time the context leaves. */
    public static void linkOrders(ConversationContext context, ShopRow shopOrNull) {
        for (ContextOrder order : context.orders) {
            order.adminUrl = adminUrl(shopOrNull, order.orderId);
        }
    }

    /** Links an order signal to the shop admin, with the shop's domain at the time the signal leaves. */
    public static void linkOrder(BuyerSignal signal, ShopRow shopOrNull) {
        if (signal.order != null) {
            signal.order.adminUrl = adminUrl(shopOrNull, signal.order.orderId);
        }
    }
}
