package io.buyersignals.model;

/** Declared in tie-break order: at equal event time, chat is applied before checkout, checkout before cart. */
public enum EventKind {
    CHAT,
    CHECKOUT,
    CART
}
