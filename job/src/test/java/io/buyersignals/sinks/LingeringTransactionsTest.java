package io.buyersignals.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LingeringTransactionsTest {
    private static final Set<String> PREFIXES = Set.of("buyer-signals-signals", "buyer-signals-dead-letters");

    @Test
    void abortsOnlyOurTransactionsNumberedAfterTheOneTheSinkWritesUnder() {
        List<String> open = List.of(
                "buyer-signals-signals-0-12", // pre-committed by restored checkpoint 12: the sink commits it
                "buyer-signals-signals-1-13", // the sink's own, re-initialised on recovery
                "buyer-signals-signals-1-15", // after a gap: lingering
                "buyer-signals-dead-letters-0-40", // lingering
                "other-job-signals-0-99", // another job's
                "buyer-signals-signals-x-99", // not a sink's id
                "buyer-signals-signals-99"); // not a sink's id
        assertThat(LingeringTransactions.toAbort(open, PREFIXES, 12))
                .containsExactly("buyer-signals-signals-1-15", "buyer-signals-dead-letters-0-40");
    }

    @Test
    void aFreshStartAbortsEverythingAfterTheFirstTransaction() {
        assertThat(LingeringTransactions.toAbort(
                        List.of("buyer-signals-signals-0-1", "buyer-signals-signals-0-2"), PREFIXES, 0))
                .containsExactly("buyer-signals-signals-0-2");
    }
}
