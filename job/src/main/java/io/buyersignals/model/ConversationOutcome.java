package io.buyersignals.model;

import java.math.BigDecimal;

/** One record of the {@code conversation-outcomes} topic: what became of a conversation, written once when it ends. */
public class ConversationOutcome {
    public String conversationId;
    public long shopId;
    public String buyerToken;
    /** The shop's experiment arm when the outcome left the job; null when the shop takes no part. */
    public ExperimentArm arm;

    public long startedAt;
    public long endedAt;
    public EndReason endReason;
    /** The buyer's stage when the conversation started (rule 10's stage, as of its start). */
    public BuyerStage stageAtStart;
    /** Null when the buyer sent no message in the conversation. */
    public Long firstBuyerMessageAt;
    /** The first merchant message at or after the first buyer message; null when none. */
    public Long firstReplyAt;

    public int cartUpdatedSignals;
    public int checkoutStartedSignals;
    public int orderCompletedSignals;
    /** Orders completed during the conversation (rule 13's attribution). */
    public int orders;
    /** Their total, to two decimals; zero when none. */
    public BigDecimal revenue = BigDecimal.ZERO;
    /** The orders' currency; null when none, "mixed" when they differ. */
    public String currency;

    public ConversationOutcome() {}
}
