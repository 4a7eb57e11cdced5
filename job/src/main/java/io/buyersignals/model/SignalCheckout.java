package io.buyersignals.model;

import java.math.BigDecimal;

public class SignalCheckout {
    public long checkoutId;
    public String cartToken;
    public BigDecimal totalPrice;
    public String currency;

    public SignalCheckout() {}
}
