package io.buyersignals.job;

/** A mistake in how the job was invoked; its message is one sentence saying what to fix. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
