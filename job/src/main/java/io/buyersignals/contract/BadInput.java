package io.buyersignals.contract;

import io.buyersignals.model.DeadLetter;

/** An input that breaks the contract; its message is the dead-letter error. */
public final class BadInput extends Exception {
    private final DeadLetter.Reason reason;

    BadInput(String message) {
        this(DeadLetter.Reason.CONTRACT, message);
    }

    BadInput(DeadLetter.Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public DeadLetter.Reason reason() {
        return reason;
    }
}
