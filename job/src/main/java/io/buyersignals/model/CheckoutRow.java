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
    /** The row was deleted: the buyer forgets the checkout. */
    public boolean deleted;

    public CheckoutRow() {}

    public BuyerKey key() {
        return new BuyerKey(shopId, buyerToken);
    }

    public boolean isCompleted() {
        return completedAt != null;
    }

    public boolean hasOrder() {
        return completedAt != null && orderId != null;
    }
}
