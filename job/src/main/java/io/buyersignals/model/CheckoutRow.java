package io.buyersignals.model;

import java.math.BigDecimal;

/**
 * One version of a row of the {@code checkouts} table (input 1 of the buyer function). It is also what the buyer
 * state keeps per checkout: the latest applied version.
 */
public class CheckoutRow {
    public long id;
    public long shopId;
    public String buyerToken;
    public String cartToken;
    public String currency;
    public BigDecimal totalPrice;
    public Long orderId;
    public String orderNumber;
    public long createdAt;
    /** Event time of this row version. */
    public long updatedAt;
    public Long completedAt;
    /** Filled in by the shop gate from the shops table; null while the shop is unknown. */
    public String shopDomain;

    public CheckoutRow() {}

    public BuyerKey key() {
        return new BuyerKey(shopId, buyerToken);
    }

    /** A copy carrying the shop's domain; inputs are never mutated, state keeps its own objects. */
    public CheckoutRow withShopDomain(String domain) {
        CheckoutRow c = new CheckoutRow();
        c.id = id;
        c.shopId = shopId;
        c.buyerToken = buyerToken;
        c.cartToken = cartToken;
        c.currency = currency;
        c.totalPrice = totalPrice;
        c.orderId = orderId;
        c.orderNumber = orderNumber;
        c.createdAt = createdAt;
        c.updatedAt = updatedAt;
        c.completedAt = completedAt;
        c.shopDomain = domain;
        return c;
    }

    public boolean isCompleted() {
        return completedAt != null;
    }

    public boolean hasOrder() {
        return completedAt != null && orderId != null;
    }
}
