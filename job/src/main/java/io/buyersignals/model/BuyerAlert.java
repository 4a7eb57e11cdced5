package io.buyersignals.model;

import java.math.BigDecimal;

/**
 * One record of the {@code buyer-alerts} topic: a buyer with an open checkout has waited for a reply (raised), or
 * that is over (resolved, with why). The resolution carries the raise's alert id and checkout.
 */
public class BuyerAlert {
    /** Names the alert itself: the raise and the resolution of one episode share it. */
    public String alertId;

    public String eventId;
    public long shopId;
    public String buyerToken;
    public String conversationId;
    public AlertStatus status;
    /** Set when resolved. */
    public AlertResolution resolution;

    public long waitingSince;
    public long checkoutId;
    /** The checkout's total and currency when raised; null in a resolution. */
    public BigDecimal checkoutTotalPrice;

    public String currency;
    public long occurredAt;

    public BuyerAlert() {}

    /** The only kind of alert so far; written as the record's {@code alert} field. */
    public static final String WAITING_AT_CHECKOUT = "waiting_at_checkout";
}
