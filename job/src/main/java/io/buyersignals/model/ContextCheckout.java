package io.buyersignals.model;

import java.math.BigDecimal;

/** The buyer's open checkout, as a conversation's context shows it. */
public class ContextCheckout {
    public long checkoutId;
    public String cartToken;
    public BigDecimal totalPrice;
    public String currency;
    public long startedAt;

    public ContextCheckout() {}
}
