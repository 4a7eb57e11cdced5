package io.buyersignals.model;

import java.math.BigDecimal;

/** One of the buyer's recent orders, as a conversation's context shows it. */
public class ContextOrder {
    public long orderId;
    public String orderNumber;
    public BigDecimal totalPrice;
    public String currency;
    public long completedAt;
    /** Null while the shop's domain is unknown. */
    public String adminUrl;

    public ContextOrder() {}
}
