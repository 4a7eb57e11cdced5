package io.buyersignals.json;

import io.buyersignals.model.CheckoutRow;
import java.math.BigDecimal;

/** Consistency checks of a checkout row version, whatever it was read from (a file or the binlog). */
public final class CheckoutRows {
    private static final BigDecimal MAX_TOTAL = new BigDecimal("9999999999.99");

    private CheckoutRows() {}

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
