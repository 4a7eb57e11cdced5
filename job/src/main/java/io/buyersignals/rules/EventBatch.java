package io.buyersignals.rules;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.EventKind;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Inputs of one buyer waiting for the watermark to pass their event time: the buyer's {@link BuyerState#pending}
 * inputs, or those of one time taken from it by {@link #takeAt}.
 */
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

    public EventBatch addAll(EventBatch other) {
        for (CheckoutRow row : other.checkouts) {
            add(row);
        }
        for (BuyerEvent event : other.events) {
            add(event);
        }
        return this;
    }

    public boolean isEmpty() {
        return checkouts.length == 0 && events.length == 0;
    }

    /** The earliest event time among the inputs; {@link Long#MAX_VALUE} if there are none. */
    public long earliestTime() {
        long earliest = Long.MAX_VALUE;
        for (CheckoutRow row : checkouts) {
            earliest = Math.min(earliest, row.updatedAt);
        }
        for (BuyerEvent event : events) {
            earliest = Math.min(earliest, event.occurredAt);
        }
        return earliest;
    }

    /** Removes the inputs of exactly {@code time} and returns them; null if there are none. */
    public EventBatch takeAt(long time) {
        EventBatch taken = new EventBatch();
        taken.checkouts =
                Arrays.stream(checkouts).filter(row -> row.updatedAt == time).toArray(CheckoutRow[]::new);
        taken.events =
                Arrays.stream(events).filter(event -> event.occurredAt == time).toArray(BuyerEvent[]::new);
        if (taken.isEmpty()) {
            return null;
        }
        if (taken.checkouts.length > 0) {
            checkouts = Arrays.stream(checkouts)
                    .filter(row -> row.updatedAt != time)
                    .toArray(CheckoutRow[]::new);
        }
        if (taken.events.length > 0) {
            events = Arrays.stream(events)
                    .filter(event -> event.occurredAt != time)
                    .toArray(BuyerEvent[]::new);
        }
        return taken;
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
