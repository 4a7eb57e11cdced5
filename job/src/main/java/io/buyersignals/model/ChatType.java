package io.buyersignals.model;

public enum ChatType {
    CONVERSATION_STARTED,
    BUYER_MESSAGE,
    MERCHANT_MESSAGE,
    CONVERSATION_CLOSED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
