package io.buyersignals;

import io.buyersignals.contract.SignalJson;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CartAction;
import io.buyersignals.model.CartSnapshot;
import io.buyersignals.model.ChatEvent;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.LineItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Compact builders of inputs and a readable one-line rendering of signals, for exact assertions. */
public final class Fixtures {
    public static final long SHOP = 42;
    public static final String BUYER = "b-7";
    public static final long DAY = 86_400_000L;
    public static final long HOUR = 3_600_000L;
    public static final long MINUTE = 60_000L;
    /** 2026-11-20T00:00:00Z. */
    public static final long T0 = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();

    private Fixtures() {}

    public static LineItem item(long variantId, int quantity) {
        return new LineItem(variantId, variantId / 2, "Item " + variantId, quantity, new BigDecimal("10.00"));
    }

    /** Quantities as pairs: variant, quantity, variant, quantity, ... */
    public static BuyerEvent cart(String eventId, long at, String cartToken, long... variantQuantities) {
        return cartOf(BUYER, eventId, at, cartToken, variantQuantities);
    }

    public static BuyerEvent cartOf(
            String buyer, String eventId, long at, String cartToken, long... variantQuantities) {
        LineItem[] items = new LineItem[variantQuantities.length / 2];
        for (int i = 0; i < items.length; i++) {
            items[i] = item(variantQuantities[2 * i], (int) variantQuantities[2 * i + 1]);
        }
        Arrays.sort(items, Comparator.comparingLong(i -> i.variantId));
        return BuyerEvent.cart(eventId, SHOP, buyer, at, new CartSnapshot(cartToken, "USD", items));
    }

    public static BuyerEvent chat(String eventId, long at, String conversationId, ChatType type) {
        return chatOf(BUYER, eventId, at, conversationId, type);
    }

    public static BuyerEvent chatOf(String buyer, String eventId, long at, String conversationId, ChatType type) {
        return BuyerEvent.chat(eventId, SHOP, buyer, at, new ChatEvent(conversationId, type, "online_store_chat"));
    }

    public static BuyerEvent started(String conversationId, long at) {
        return chat("s-" + conversationId + "-" + at, at, conversationId, ChatType.CONVERSATION_STARTED);
    }

    public static CheckoutRow checkout(long id, String cartToken, long createdAt, long updatedAt) {
        return checkoutOf(BUYER, id, cartToken, createdAt, updatedAt);
    }

    public static CheckoutRow checkoutOf(String buyer, long id, String cartToken, long createdAt, long updatedAt) {
        CheckoutRow row = new CheckoutRow();
        row.id = id;
        row.shopId = SHOP;
        row.buyerToken = buyer;
        row.cartToken = cartToken;
        row.currency = "USD";
        row.totalPrice = new BigDecimal("20.00");
        row.createdAt = createdAt;
        row.updatedAt = updatedAt;
        return row;
    }

    public static CheckoutRow completed(long id, String cartToken, long createdAt, long completedAt, long orderId) {
        CheckoutRow row = checkout(id, cartToken, createdAt, completedAt);
        row.completedAt = completedAt;
        row.orderId = orderId;
        row.orderNumber = "#" + orderId;
        return row;
    }

    /**
     * One signal as {@code conversation type timing +offset detail}, where the offset is from {@link #T0} and the
     * detail is the cart's actions, the checkout id or the order id.
     */
    public static String describe(BuyerSignal s) {
        String detail = switch (s.type) {
            case CART_UPDATED ->
                s.cart.cartToken
                        + Arrays.stream(s.cart.actions)
                                .map(Fixtures::describe)
                                .collect(Collectors.joining(",", "[", "]"));
            case CHECKOUT_STARTED -> "checkout " + s.checkout.checkoutId;
            case ORDER_COMPLETED -> "order " + s.order.orderId;
        };
        return s.conversationId + " " + s.type.wireName() + " " + s.timing.wireName() + " " + offset(s.occurredAt) + " "
                + detail;
    }

    private static String describe(CartAction a) {
        return a.action.wireName() + " " + a.variantId + " " + a.quantityBefore + "->" + a.quantityAfter;
    }

    /** Time relative to T0, like "+0d10:00" or "-2d03:00". */
    public static String offset(long at) {
        long delta = at - T0;
        String sign = delta < 0 ? "-" : "+";
        delta = Math.abs(delta);
        long days = delta / DAY;
        long rest = delta % DAY;
        String hm = String.format("%02d:%02d", rest / HOUR, (rest % HOUR) / MINUTE);
        long ms = rest % MINUTE;
        return sign + days + "d" + hm + (ms == 0 ? "" : String.format(":%05.3f", ms / 1000.0));
    }

    public static List<String> describe(List<BuyerSignal> signals) {
        return signals.stream().map(Fixtures::describe).toList();
    }

    /** The checkout rows among mixed inputs. */
    public static List<CheckoutRow> rowsOf(Object... inputs) {
        return Arrays.stream(inputs)
                .filter(CheckoutRow.class::isInstance)
                .map(CheckoutRow.class::cast)
                .toList();
    }

    /** The cart and chat events among mixed inputs. */
    public static List<BuyerEvent> eventsOf(Object... inputs) {
        return Arrays.stream(inputs)
                .filter(BuyerEvent.class::isInstance)
                .map(BuyerEvent.class::cast)
                .toList();
    }

    public static List<String> json(List<BuyerSignal> signals) {
        return signals.stream().map(SignalJson::write).toList();
    }
}
