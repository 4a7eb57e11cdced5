package io.buyersignals.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a Flink cluster says about itself through its REST API (a MiniCluster's or a separate cluster's): restores,
 * the exception history, TaskManagers, watermarks. Tests count what really happened from here, never from their own
 * counters.
 */
final class FlinkRest {
    /** A restore of the job from a checkpoint, as the JobManager recorded it. */
    record Restore(long checkpointId, long timestamp) {}

    /** One failure in the job's exception history: the root cause's first line and where it happened. */
    record Failure(long timestamp, String cause, String task) {}

    private final String address;

    FlinkRest(String address) {
        this.address = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    }

    String address() {
        return address;
    }

    JsonNode get(String path) throws Exception {
        return RestApi.json(address + path);
    }

    /** The job's latest restore from a checkpoint, or null if it has not restored since it (or its JobMaster) began. */
    Restore latestRestore(String jobId) throws Exception {
        JsonNode restored =
                get("/jobs/" + jobId + "/checkpoints").path("latest").path("restored");
        return restored.isMissingNode() || restored.isNull()
                ? null
                : new Restore(
                        restored.path("id").asLong(),
                        restored.path("restore_timestamp").asLong());
    }

    /** The id of the job's latest completed checkpoint; -1 if none. */
    long latestCompletedCheckpoint(String jobId) throws Exception {
        JsonNode completed =
                get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
        return completed.isMissingNode() || completed.isNull()
                ? -1
                : completed.path("id").asLong();
    }

    /** The current JobMaster's exception history, oldest first (a new JobMaster starts a new one). */
    List<Failure> failures(String jobId) throws Exception {
        List<Failure> failures = new ArrayList<>();
        for (JsonNode entry : get("/jobs/" + jobId + "/exceptions?maxExceptions=100")
                .path("exceptionHistory")
                .path("entries")) {
            String trace = entry.path("stacktrace").asText();
            failures.add(
                    0,
                    new Failure(
                            entry.path("timestamp").asLong(),
                            rootCause(trace),
                            entry.path("taskName").asText("")));
        }
        return failures;
    }

    /** Checkpoints the current JobMaster has triggered: starts over when another JobMaster takes the job over. */
    long checkpointsTriggered(String jobId) throws Exception {
        return get("/jobs/" + jobId + "/checkpoints")
                .path("counts")
                .path("total")
                .asLong();
    }

    String jobStatus(String jobId) throws Exception {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** Ids of the TaskManagers registered with the cluster. */
    Set<String> taskManagers() throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
            ids.add(tm.path("id").asText());
        }
        return ids;
    }

    /** Ids of the TaskManagers that run the job's subtasks now, all of them in state RUNNING; empty otherwise. */
    Set<String> taskManagersRunning(String jobId) throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            for (JsonNode subtask : get("/jobs/" + jobId + "/vertices/"
                            + vertex.path("id").asText())
                    .path("subtasks")) {
                if (!subtask.path("status").asText().equals("RUNNING")) {
                    return Set.of();
                }
                ids.add(subtask.path("taskmanager-id").asText());
            }
        }
        return ids;
    }

    /** Whether every subtask of the job is RUNNING and was started at or after {@code time}. */
    boolean allSubtasksRunningSince(String jobId, long time) throws Exception {
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            for (JsonNode subtask : get("/jobs/" + jobId + "/vertices/"
                            + vertex.path("id").asText())
                    .path("subtasks")) {
                if (!subtask.path("status").asText().equals("RUNNING")
                        || subtask.path("start-time").asLong() < time) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The lowest input watermark of any subtask of the vertices whose name contains {@code vertexName}; Long.MIN_VALUE
     * while any has none.
     */
    long minInputWatermark(String jobId, String vertexName) throws Exception {
        long min = Long.MAX_VALUE;
        boolean found = false;
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            if (!vertex.path("name").asText().contains(vertexName)) {
                continue;
            }
            found = true;
            JsonNode subtasks =
                    get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/watermarks");
            if (subtasks.isEmpty()) {
                return Long.MIN_VALUE;
            }
            for (JsonNode subtask : subtasks) {
                min = Math.min(min, subtask.path("value").asLong(Long.MIN_VALUE));
            }
        }
        return found ? min : Long.MIN_VALUE;
    }

    /**
     * The sum over the subtasks of the vertex whose name starts with {@code vertexName} of the metric whose name ends
     * with {@code metricSuffix} (metric names carry the operator's name in front); 0 while it is not reported.
     */
    long metricSum(String jobId, String vertexName, String metricSuffix) throws Exception {
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            if (!vertex.path("name").asText().startsWith(vertexName)) {
                continue;
            }
            String metrics = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
            for (JsonNode metric : get(metrics)) {
                String id = metric.path("id").asText();
                if (id.endsWith(metricSuffix)) {
                    JsonNode value = get(metrics + "?agg=sum&get="
                            + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
                    return value.isArray() && !value.isEmpty()
                            ? (long) value.get(0).path("sum").asDouble()
                            : 0;
                }
            }
        }
        return 0;
    }

    /** The first line of the innermost "Caused by" of a stack trace. */
    static String rootCause(String stackTrace) {
        String[] lines = stackTrace.split("\n");
        String cause = lines.length == 0 ? "" : lines[0];
        for (String line : lines) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause.strip();
    }
}
