package io.buyersignals.bench;

import io.buyersignals.contract.BadInput;
import io.buyersignals.contract.Json;
import io.buyersignals.contract.Readers;
import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.rules.BuyerTimeline;
import io.buyersignals.rules.DropReason;
import io.buyersignals.rules.SortedReplay;
import io.buyersignals.rules.TimelineOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules applied without Flink to everything a workload wrote: how many signals a run of the job must send, so
 * that a run sending anything else fails instead of measuring a different job, and how much output the workload
 * asks for per input.
 */
final class BenchReference {
    /**
     * What the rules send. Signals are complete; context records, alerts and outcomes are counted up to the last
     * input's time only, because the job's event time follows the wall clock once its inputs go quiet.
     */
    record Outputs(long signals, long contexts, long alerts, long outcomes, Map<String, Long> signalsByConversation) {
        String perInput(long inputs) {
            return String.format(
                    "per input: %.3f signals, %.3f context records, %.4f alerts, %.4f outcomes",
                    (double) signals / inputs,
                    (double) contexts / inputs,
                    (double) alerts / inputs,
                    (double) outcomes / inputs);
        }
    }

    private final List<BuyerEvent> events = new ArrayList<>();
    /** The job reads the table's whole binlog: every version of every row. */
    private final List<CheckoutRow> rows = new ArrayList<>();

    private long lastInput = Long.MIN_VALUE;

    /** A cart snapshot or chat event as written to Kafka, read by the job's own readers. */
    void event(byte[] json) {
        try {
            var root = Json.MAPPER.readTree(json);
            BuyerEvent event = root.path("schema").asText().equals("cart_snapshot")
                    ? Readers.CART_SNAPSHOT.read(root)
                    : Readers.CHAT_EVENT.read(root);
            events.add(event);
            lastInput = Math.max(lastInput, event.occurredAt);
        } catch (IOException | BadInput e) {
            throw new IllegalStateException("The benchmark wrote an input its job cannot read: " + e.getMessage(), e);
        }
    }

    void row(CheckoutRow row) {
        rows.add(row);
    }

    Outputs outputs() {
        long[] counts = new long[4];
        Map<String, Long> byConversation = new HashMap<>();
        long upTo = lastInput;
        SortedReplay.run(rows, events, Map.of(), BuyerTimeline.DEFAULT_REPLY_WAIT, new TimelineOutput() {
            @Override
            public void emit(BuyerSignal signal) {
                counts[0]++;
                byConversation.merge(signal.conversationId, 1L, Long::sum);
            }

            @Override
            public void dropped(DropReason reason) {}

            @Override
            public void context(ConversationContext context) {
                counts[1] += context.asOf <= upTo ? 1 : 0;
            }

            @Override
            public void alert(BuyerAlert alert) {
                counts[2] += alert.occurredAt <= upTo ? 1 : 0;
            }

            @Override
            public void outcome(ConversationOutcome outcome) {
                counts[3] += outcome.endedAt <= upTo ? 1 : 0;
            }
        });
        return new Outputs(counts[0], counts[1], counts[2], counts[3], byConversation);
    }
}
