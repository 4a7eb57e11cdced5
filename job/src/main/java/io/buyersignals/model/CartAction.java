package io.buyersignals.model;

import java.math.BigDecimal;

public class CartAction {
    public CartActionType action;
    public long variantId;
    public long productId;
    public String title;
    public int quantityBefore;
    public int quantityAfter;
    public BigDecimal unitPrice;

    public CartAction() {}

    public CartAction(CartActionType action, LineItem item, int quantityBefore, int quantityAfter) {
        this.action = action;
        this.variantId = item.variantId;
        this.productId = item.productId;
        this.title = item.title;
        this.quantityBefore = quantityBefore;
        this.quantityAfter = quantityAfter;
        this.unitPrice = item.unitPrice;
    }
}
