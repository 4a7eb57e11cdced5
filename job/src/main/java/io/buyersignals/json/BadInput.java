package io.buyersignals.json;

/** An input that breaks the contract; its message is the dead-letter reason. */
public final class BadInput extends Exception {
    BadInput(String message) {
        super(message, null, false, false);
    }
}
