package io.buyersignals.model;

/** How far the buyer of a conversation has come: an open checkout, an order in this conversation, a cart, or none. */
public enum BuyerStage {
    BROWSING,
    CART,
    CHECKOUT,
    ORDERED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
