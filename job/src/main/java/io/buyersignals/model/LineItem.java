package io.buyersignals.model;

import java.math.BigDecimal;

public class LineItem {
    public long variantId;
    public long productId;
    public String title;
    public int quantity;
    public BigDecimal unitPrice;

    public LineItem() {}

    public LineItem(long variantId, long productId, String title, int quantity, BigDecimal unitPrice) {
        this.variantId = variantId;
        this.productId = productId;
        this.title = title;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
    }
}
