package io.buyersignals.model;

public class ChatEvent {
    public String conversationId;
    public ChatType type;
    public String channel;

    public ChatEvent() {}

    public ChatEvent(String conversationId, ChatType type, String channel) {
        this.conversationId = conversationId;
        this.type = type;
        this.channel = channel;
    }
}
