package io.buyersignals.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.rest.FileUpload;
import org.apache.flink.runtime.rest.RestClient;
import org.apache.flink.runtime.rest.messages.EmptyMessageParameters;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.MessagePathParameter;
import org.apache.flink.runtime.rest.util.RestConstants;
import org.apache.flink.runtime.webmonitor.handlers.JarRunHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarRunMessageParameters;
import org.apache.flink.runtime.webmonitor.handlers.JarRunRequestBody;
import org.apache.flink.runtime.webmonitor.handlers.JarUploadHeaders;

/**
 * A job jar on a session cluster through its REST API, as a deployment tool does it (the Flink Kubernetes Operator
 * submits session jobs the same way): upload the jar, run it with program arguments and, optionally, a savepoint to
 * start from; later stop the job with a savepoint. Flink's own REST client and message classes do the talking.
 */
final class JarSubmission implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final int port;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final RestClient client;

    JarSubmission(int restPort) throws Exception {
        this.port = restPort;
        this.client = new RestClient(new Configuration(), executor);
    }

    /** Uploads the jar and runs its main class with the arguments; returns the job's id. */
    String run(Path jar, List<String> arguments, String savepoint) throws Exception {
        String uploaded = client.sendRequest(
                        "127.0.0.1",
                        port,
                        JarUploadHeaders.getInstance(),
                        EmptyMessageParameters.getInstance(),
                        EmptyRequestBody.getInstance(),
                        List.of(new FileUpload(jar, RestConstants.CONTENT_TYPE_JAR)))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS)
                .getFilename();
        JarRunMessageParameters parameters = JarRunHeaders.getInstance().getUnresolvedMessageParameters();
        for (MessagePathParameter<?> parameter : parameters.getPathParameters()) {
            parameter.resolveFromString(Path.of(uploaded).getFileName().toString());
        }
        JarRunRequestBody request =
                new JarRunRequestBody(null, null, arguments, null, null, false, savepoint, null, Map.of());
        return client.sendRequest("127.0.0.1", port, JarRunHeaders.getInstance(), parameters, request)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS)
                .getJobId()
                .toHexString();
    }

    /**
     * Stops the job with a savepoint, retrying while it cannot take one yet (just restarted), and waits until it has
     * ended, so that the next job on the cluster does not start beside it (see {@link Jobs#awaitEnd}); returns the
     * savepoint's path.
     */
    String stopWithSavepoint(String jobId, Path directory) throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.PORT, port);
        try (RestClusterClient<StandaloneClusterId> cluster =
                new RestClusterClient<>(configuration, StandaloneClusterId.getInstance())) {
            String savepoint = io.buyersignals.testkit.Deadline.await(
                    "the job to stop with a savepoint",
                    WAIT,
                    () -> cluster.stopWithSavepoint(
                                    JobID.fromHexString(jobId),
                                    false,
                                    directory.toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get(WAIT.toSeconds(), TimeUnit.SECONDS));
            cluster.requestJobResult(JobID.fromHexString(jobId)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return savepoint;
        }
    }

    @Override
    public void close() {
        client.closeAsync();
        executor.shutdownNow();
    }
}
