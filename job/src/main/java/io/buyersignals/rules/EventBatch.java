package io.buyersignals.rules;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.EventKind;
import java.util.Arrays;
import java.util.Comparator;

/** The inputs of one buyer that share one event time, waiting for the watermark to pass it. */
public class EventBatch {
    public CheckoutRow[] checkouts = new CheckoutRow[0];
    public BuyerEvent[] events = new BuyerEvent[0];

    public EventBatch() {}

    public EventBatch add(CheckoutRow row) {
        checkouts = Arrays.copyOf(checkouts, checkouts.length + 1);
        checkouts[checkouts.length - 1] = row;
        return this;
    }

    public EventBatch add(BuyerEvent event) {
        events = Arrays.copyOf(events, events.length + 1);
        events[events.length - 1] = event;
        return this;
    }

    public int size() {
        return checkouts.length + events.length;
    }

    /** Rule 6 tie-break at equal time: chat, then checkout, then cart; then event id or row id. */
    void applyInOrder(BuyerTimeline timeline) {
        BuyerEvent[] sortedEvents = events.clone();
        Arrays.sort(sortedEvents, Comparator.comparing((BuyerEvent e) -> e.kind).thenComparing(e -> e.eventId));
        CheckoutRow[] sortedRows = checkouts.clone();
        Arrays.sort(sortedRows, Comparator.comparingLong(r -> r.id));
        int e = 0;
        while (e < sortedEvents.length && sortedEvents[e].kind == EventKind.CHAT) {
            timeline.apply(sortedEvents[e++]);
        }
        for (CheckoutRow row : sortedRows) {
            timeline.apply(row);
        }
        while (e < sortedEvents.length) {
            timeline.apply(sortedEvents[e++]);
        }
    }
}
