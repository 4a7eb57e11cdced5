package io.buyersignals.model;

/** What ended an alert's reason to exist. */
public enum AlertResolution {
    ANSWERED,
    ORDERED,
    CONVERSATION_ENDED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
