package io.buyersignals.model;

public enum CartActionType {
    ADDED,
    REMOVED,
    QUANTITY_CHANGED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
