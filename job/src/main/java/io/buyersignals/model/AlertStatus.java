package io.buyersignals.model;

public enum AlertStatus {
    RAISED,
    RESOLVED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
