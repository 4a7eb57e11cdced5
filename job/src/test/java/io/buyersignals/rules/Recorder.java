package io.buyersignals.rules;

import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Records what the rules emit and drop. */
final class Recorder implements TimelineOutput {
    final List<BuyerSignal> signals = new ArrayList<>();
    final Map<DropReason, Integer> drops = new EnumMap<>(DropReason.class);
    final List<ConversationContext> contexts = new ArrayList<>();
    final List<BuyerAlert> alerts = new ArrayList<>();
    final List<ConversationOutcome> outcomes = new ArrayList<>();

    @Override
    public void emit(BuyerSignal signal) {
        signals.add(signal);
    }

    @Override
    public void dropped(DropReason reason) {
        drops.merge(reason, 1, Integer::sum);
    }

    @Override
    public void context(ConversationContext context) {
        contexts.add(context);
    }

    @Override
    public void alert(BuyerAlert alert) {
        alerts.add(alert);
    }

    @Override
    public void outcome(ConversationOutcome outcome) {
        outcomes.add(outcome);
    }
}
