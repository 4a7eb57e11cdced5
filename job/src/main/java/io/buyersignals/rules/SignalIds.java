package io.buyersignals.rules;

import io.buyersignals.model.SignalType;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Name-based ids, so a replay or a recovery yields the same signal ids and consumers can deduplicate. */
public final class SignalIds {
    private SignalIds() {}

    public static String of(String conversationId, SignalType type, String source) {
        String name = conversationId + "|" + type.wireName() + "|" + source;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
