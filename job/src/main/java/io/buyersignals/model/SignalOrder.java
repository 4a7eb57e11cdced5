package io.buyersignals.model;

import java.math.BigDecimal;

public class SignalOrder {
    public long orderId;
    public String orderNumber;
    public BigDecimal totalPrice;
    public String currency;
    /** Null while the shop's domain is unknown. */
    public String adminUrl;

    public SignalOrder() {}
}
