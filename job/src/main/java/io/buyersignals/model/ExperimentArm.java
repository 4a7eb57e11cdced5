package io.buyersignals.model;

import java.util.Locale;

/**
 * A shop's arm in the experiment that measures what Buyer Signals changes (column {@code shops.experiment_arm}).
 * Control shops get no signals, context or alerts; their conversations' outcomes are measured all the same.
 */
public enum ExperimentArm {
    CONTROL,
    TREATMENT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The arm a column or field names; null for null. */
    public static ExperimentArm ofWireName(String name) {
        if (name == null) {
            return null;
        }
        for (ExperimentArm arm : values()) {
            if (arm.wireName().equals(name)) {
                return arm;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
