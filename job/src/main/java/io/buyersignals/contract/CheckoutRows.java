package io.buyersignals.contract;

import io.buyersignals.model.CheckoutRow;
import java.math.BigDecimal;

/** Consistency checks of a checkout row version, whatever it was read from (a file or the binlog). */
public final class CheckoutRows {
    private static final BigDecimal MAX_TOTAL = new BigDecimal("9999999999.99");

    private static final int MAX_TOKEN = 64;

    private CheckoutRows() {}

    /** The row's key columns: all a delete carries that the job needs. */
    static CheckoutRow key(NamedValues values) throws BadInput {
        CheckoutRow row = new CheckoutRow();
        row.id = values.id("id");
        row.shopId = values.id("shop_id");
        row.buyerToken = values.text("buyer_token", MAX_TOKEN);
        return row;
    }

    /** A whole row version, checked column by column and as a whole. */
    static CheckoutRow read(NamedValues values) throws BadInput {
        CheckoutRow row = key(values);
        row.cartToken = values.optionalText("cart_token", MAX_TOKEN);
        row.currency = values.currency("currency");
        row.totalPrice = values.money("total_price");
        row.orderId = values.optionalId("order_id");
        row.orderNumber = values.optionalText("order_number", 32);
        row.createdAt = values.timestamp("created_at");
        row.updatedAt = values.timestamp("updated_at");
        row.completedAt = values.optionalTimestamp("completed_at");
        String problem = problemWith(row);
        if (problem != null) {
            throw new BadInput(problem);
        }
        return row;
    }

    /** The reason the row is unusable, or null when it is fine. */
    public static String problemWith(CheckoutRow row) {
        if (row.totalPrice.signum() < 0 || row.totalPrice.compareTo(MAX_TOTAL) > 0 || row.totalPrice.scale() > 2) {
            return "total_price must be a DECIMAL(12,2) from 0 to " + MAX_TOTAL.toPlainString();
        }
        if (row.updatedAt < row.createdAt) {
            return "updated_at precedes created_at";
        }
        if (row.completedAt != null && row.completedAt < row.createdAt) {
            return "completed_at precedes created_at";
        }
        if (row.completedAt != null && row.completedAt > row.updatedAt) {
            return "completed_at is later than updated_at";
        }
        return null;
    }
}
