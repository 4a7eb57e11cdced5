package io.buyersignals.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.buyersignals.contract.Json;
import io.buyersignals.job.BuyerSignalsTopology;
import io.buyersignals.testkit.Deadline;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A local Flink cluster in this JVM for one benchmark run: one TaskManager with a slot per parallel task, its
 * REST API for checkpoint statistics, and the process CPU time, so throughput can be put per core used.
 */
final class BenchCluster implements AutoCloseable {
    private final MiniCluster cluster;
    private JobID job;

    BenchCluster(Configuration flink, int parallelism) throws Exception {
        Configuration conf = new Configuration(flink);
        conf.setString("rest.bind-port", "0");
        conf.setString("taskmanager.memory.managed.size", "512m");
        conf.setString("taskmanager.memory.network.min", "128m");
        conf.setString("taskmanager.memory.network.max", "128m");
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism)
                .build());
        cluster.start();
    }

    /** Builds the job with {@code graph} on an environment of {@code flink}'s configuration and runs it here. */
    JobID run(Configuration flink, Consumer<StreamExecutionEnvironment> graph, String name) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        graph.accept(env);
        org.apache.flink.streaming.api.graph.StreamGraph streamGraph = env.getStreamGraph();
        streamGraph.setJobName(name);
        JobGraph jobGraph = streamGraph.getJobGraph();
        job = cluster.submitJob(jobGraph).get().getJobID();
        Deadline.await(
                name + " to run",
                Duration.ofSeconds(60),
                () -> cluster.getJobStatus(job).get() == JobStatus.RUNNING);
        return job;
    }

    MiniCluster miniCluster() {
        return cluster;
    }

    /** The job's checkpoint statistics, as the Web UI shows them. */
    JsonNode checkpoints() throws Exception {
        return rest("/jobs/" + job + "/checkpoints");
    }

    /** Each task's busy and back-pressured time (ms per second, busiest subtask): where the time goes. */
    String busyTimes() throws Exception {
        StringBuilder text = new StringBuilder();
        for (JsonNode vertex : rest("/jobs/" + job).path("vertices")) {
            JsonNode metrics =
                    rest("/jobs/" + job + "/vertices/" + vertex.path("id").asText()
                            + "/subtasks/metrics?get=busyTimeMsPerSecond,backPressuredTimeMsPerSecond&agg=max");
            text.append("    ").append(vertex.path("name").asText());
            for (JsonNode metric : metrics) {
                text.append(" | ")
                        .append(metric.path("id").asText())
                        .append(' ')
                        .append(metric.path("max").asText());
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * The buyer timeline's own counts, summed over its subtasks: inputs applied late, inputs dropped by reason, and
     * signals. What the job did, whatever the output topic shows.
     */
    String timelineCounts() throws Exception {
        StringBuilder text = new StringBuilder();
        String metrics = timelineMetrics();
        List<String> ids = new ArrayList<>();
        for (JsonNode metric : rest(metrics)) {
            String id = metric.path("id").asText();
            if (id.contains("late_events_applied") || id.contains("dropped_events") || id.endsWith(".signals")) {
                ids.add(id);
            }
        }
        for (JsonNode sum : rest(metrics + "?agg=sum&get=" + String.join(",", ids))) {
            String id = sum.path("id").asText();
            text.append(text.length() == 0 ? "" : ", ")
                    .append(id.substring(id.indexOf("buyer_signals.") + "buyer_signals.".length()))
                    .append(' ')
                    .append(sum.path("sum").asText());
        }
        return text.toString();
    }

    /**
     * The buyer timeline's RocksDB block cache, summed over its subtasks, as RocksDB reports it. Each slot's RocksDB
     * instances share one cache, so any one column family's figure is the slot's. Flink's REST API lists a metric
     * only after its metric store has fetched it (every 10 s), so a short run waits for it.
     */
    long blockCacheBytes() throws Exception {
        String metrics = timelineMetrics();
        return Deadline.await("the buyer timeline's block-cache-capacity metric", Duration.ofSeconds(30), () -> {
            for (JsonNode metric : rest(metrics)) {
                String id = metric.path("id").asText();
                if (id.endsWith("block-cache-capacity")) {
                    long bytes = rest(metrics + "?agg=sum&get=" + id)
                            .path(0)
                            .path("sum")
                            .asLong();
                    // Missing (read as 0) until the metric store has fetched the gauges; the cluster's one TaskManager
                    // reports every subtask's at once.
                    return bytes > 0 ? bytes : null;
                }
            }
            return null;
        });
    }

    /** The REST path of the buyer timeline's subtask metrics. */
    private String timelineMetrics() throws Exception {
        for (JsonNode vertex : rest("/jobs/" + job).path("vertices")) {
            if (vertex.path("name").asText().startsWith(BuyerSignalsTopology.TIMELINE_NAME)) {
                return "/jobs/" + job + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
            }
        }
        throw new IllegalStateException("The job " + job + " has no Buyer timeline task.");
    }

    private JsonNode rest(String path) throws Exception {
        String body = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(cluster.getRestAddress().get() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return Json.MAPPER.readTree(body);
    }

    /** CPU time of this JVM (the cluster and the probes, not the broker), in seconds. */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    @Override
    public void close() throws Exception {
        if (job != null && !cluster.getJobStatus(job).get().isGloballyTerminalState()) {
            cluster.cancelJob(job).get();
        }
        cluster.close();
    }
}
