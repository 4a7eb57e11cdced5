package io.buyersignals.model;

public enum Timing {
    PRE_CONVERSATION,
    POST_CONVERSATION;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
