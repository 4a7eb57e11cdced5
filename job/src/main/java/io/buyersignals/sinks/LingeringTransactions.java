package io.buyersignals.sinks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which open Kafka transactions of this job's sinks nobody will ever finish. The Kafka sink names transactions
 * {@code prefix-subtask-checkpoint} and, on recovery, aborts them by probing checkpoint numbers upwards from the
 * restored checkpoint until it meets one never used. Checkpoints that never reached the sink leave such a gap, and
 * a transaction after the gap stays open until the transaction timeout, blocking every read_committed consumer.
 * After recovering checkpoint {@code r}, the sink commits what {@code r} pre-committed (numbers up to {@code r}) and
 * writes under {@code r + 1}; anything open under a higher number is left over from an earlier attempt.
 */
public final class LingeringTransactions {
    private LingeringTransactions() {}

    /** The open transactional ids to abort, given the checkpoint the job restored (0 when it started fresh). */
    public static List<String> toAbort(
            Collection<String> openTransactionalIds, Set<String> prefixes, long restoredCheckpointId) {
        List<String> abort = new ArrayList<>();
        for (String id : openTransactionalIds) {
            int checkpointDash = id.lastIndexOf('-');
            int subtaskDash = checkpointDash <= 0 ? -1 : id.lastIndexOf('-', checkpointDash - 1);
            if (subtaskDash <= 0
                    || !prefixes.contains(id.substring(0, subtaskDash))
                    || !isNumber(id.substring(subtaskDash + 1, checkpointDash))
                    || !isNumber(id.substring(checkpointDash + 1))) {
                continue;
            }
            if (Long.parseLong(id.substring(checkpointDash + 1)) > restoredCheckpointId + 1) {
                abort.add(id);
            }
        }
        return abort;
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() < 19 && text.chars().allMatch(Character::isDigit);
    }
}
