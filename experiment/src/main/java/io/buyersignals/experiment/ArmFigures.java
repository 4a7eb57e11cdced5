package io.buyersignals.experiment;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One arm's conversations, as the metrics count them. */
public final class ArmFigures {
    public final long conversations;
    public final long shops;
    /** Conversations in which the buyer wrote: the response rate's denominator. */
    public final long buyerWrote;

    public final long replied;
    public final long converted;
    /** Per conversation in which the buyer wrote: 1 when the merchant replied. */
    public final double[] replies;
    /** Milliseconds from the first buyer message to the first reply, per replied conversation. */
    public final double[] responseTimes;
    /** Per conversation: 1 when it converted. */
    public final double[] conversions;
    /** Per conversation: the revenue of the orders attributed to it. */
    public final double[] revenue;

    ArmFigures(List<Outcome> outcomes) {
        conversations = outcomes.size();
        Set<Long> shopIds = new HashSet<>();
        replies = new double[(int) outcomes.stream().filter(Outcome::buyerWrote).count()];
        responseTimes = new double
                [(int) outcomes.stream()
                        .filter(o -> o.buyerWrote() && o.replied())
                        .count()];
        conversions = new double[outcomes.size()];
        revenue = new double[outcomes.size()];
        int wrote = 0;
        int answered = 0;
        long conversionsSeen = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            shopIds.add(o.shopId());
            if (o.buyerWrote()) {
                replies[wrote++] = o.replied() ? 1 : 0;
                if (o.replied()) {
                    responseTimes[answered++] = o.responseTimeMs();
                }
            }
            conversions[i] = o.converted() ? 1 : 0;
            conversionsSeen += o.converted() ? 1 : 0;
            revenue[i] = o.revenue().doubleValue();
        }
        shops = shopIds.size();
        buyerWrote = wrote;
        replied = answered;
        converted = conversionsSeen;
    }

    public double responseRate() {
        return (double) replied / buyerWrote;
    }

    public double conversionRate() {
        return (double) converted / conversations;
    }

    public double revenuePerConversation() {
        double total = 0;
        for (double r : revenue) {
            total += r;
        }
        return total / conversations;
    }
}
