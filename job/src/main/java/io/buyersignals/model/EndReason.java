package io.buyersignals.model;

/** Why a conversation ended (rule 1): its close, its seven days, or the buyer's next conversation. */
public enum EndReason {
    CLOSED,
    EXPIRED,
    REPLACED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
