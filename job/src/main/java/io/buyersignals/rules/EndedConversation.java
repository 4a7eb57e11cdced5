package io.buyersignals.rules;

/** Remembered for a while after the end, so a late message for the conversation cannot open it again. */
public class EndedConversation {
    public String conversationId;
    public long endedAt;

    public EndedConversation() {}

    EndedConversation(String conversationId, long endedAt) {
        this.conversationId = conversationId;
        this.endedAt = endedAt;
    }
}
