package io.buyersignals.rules;

import io.buyersignals.model.BuyerSignal;

/** Where the rules send their results; the Flink function forwards to its collector and metrics. */
public interface TimelineOutput {
    void emit(BuyerSignal signal);

    void dropped(DropReason reason);
}
