package io.buyersignals.model;

import java.math.BigDecimal;

public class SignalCart {
    public String cartToken;
    public String currency;
    public long itemCount;
    public BigDecimal totalPrice;
    public LineItem[] lineItems;
    public CartAction[] actions;

    public SignalCart() {}
}
