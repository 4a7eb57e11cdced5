package io.buyersignals.contract;

import io.buyersignals.model.ExperimentArm;
import io.buyersignals.model.ShopRow;

/** A shop row, whatever it was read from (a file or the binlog). */
final class ShopRows {
    private ShopRows() {}

    static ShopRow read(NamedValues values) throws BadInput {
        ShopRow shop = new ShopRow(values.id("id"), values.text("domain", 255), values.bool("inbox_enabled"));
        // Optional, so that a shops table without the column (every table before 0.4.0) reads as before.
        String arm = values.optionalText("experiment_arm", 16);
        try {
            shop.experimentArm = ExperimentArm.ofWireName(arm);
        } catch (IllegalArgumentException e) {
            throw new BadInput("experiment_arm must be control, treatment or null");
        }
        return shop;
    }
}
