package io.buyersignals.rules;

/** Why the rules ignored an input; each is counted. */
public enum DropReason {
    /** The same event or row version again. */
    DUPLICATE,
    /** Older than what was already applied, or a cart snapshot superseded by a completed checkout. */
    STALE,
    /** A chat event for a conversation that has ended. */
    ENDED_CONVERSATION,
    /** Arrived after the watermark passed the end of everything it could have affected. */
    TOO_LATE;

    public String metricName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
