package io.buyersignals.model;

public enum SignalType {
    CART_UPDATED,
    CHECKOUT_STARTED,
    ORDER_COMPLETED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
