package io.buyersignals.model;

/**
 * What a {@link BuyerEvent} is: a chat event or a cart snapshot. Declared in rule 6's tie-break order (chat, then
 * checkout, then cart). Checkouts are {@link CheckoutRow}s, never events, yet {@code CHECKOUT} stays: buyer state
 * stores this enum by position (format 1) and by the list of names (release 0.1.0's savepoints), and either breaks
 * if a constant goes away.
 */
public enum EventKind {
    CHAT,
    CHECKOUT,
    CART
}
