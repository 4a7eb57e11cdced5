package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.buyersignals.job.JobOptions;
import io.buyersignals.job.JobSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The FlinkDeployment manifests, rendered by the real kustomize ({@code kubectl kustomize}), are valid against the
 * operator's real CRD schema, strictly (an unknown field is an error, as with kubectl's strict validation), and keep
 * what upgrades and exactly-once depend on.
 */
class DeploymentManifestsTest {
    private static final Path DEPLOY = Path.of("../deploy/flink-k8s-operator");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchema CRD = strictSchema();

    static Stream<String> manifests() {
        return Stream.of("base", "overlays/small", "overlays/production");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void isAValidFlinkDeployment(String kustomization) throws Exception {
        JsonNode deployment = render(DEPLOY.resolve(kustomization));
        assertThat(deployment.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(deployment.path("kind").asText()).isEqualTo("FlinkDeployment");
        List<String> violations = CRD.validate(deployment).stream()
                .map(ValidationMessage::getMessage)
                .toList();
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void keepsWhatUpgradesAndExactlyOnceDependOn(String kustomization) throws Exception {
        JsonNode spec = render(DEPLOY.resolve(kustomization)).path("spec");
        JsonNode flink = spec.path("flinkConfiguration");
        JsonNode job = spec.path("job");

        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v1_20");
        assertThat(spec.path("image").asText()).endsWith(":" + System.getProperty("project.version"));
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(job.path("jarURI").asText()).isEqualTo("local:///opt/flink/usrlib/buyer-signals-job.jar");
        assertThat(flink.path("high-availability.type").asText()).isEqualTo("kubernetes");
        for (String durable : List.of(
                "high-availability.storageDir",
                "execution.checkpointing.dir",
                "execution.checkpointing.savepoint-dir")) {
            assertThat(flink.path(durable).asText()).as(durable).matches("(s3|gs|abfss|hdfs)://.+");
        }
        assertThat(flink.path("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(flink.path("execution.checkpointing.incremental").asText()).isEqualTo("true");
        assertThat(flink.path("pipeline.auto-generate-uids").asText()).isEqualTo("false");
        assertThat(flink.path("pipeline.generic-types").asText()).isEqualTo("false");
        assertThat(flink.path("pipeline.max-parallelism").asInt())
                .isEqualTo(JobSettings.MAX_PARALLELISM)
                .isGreaterThanOrEqualTo(job.path("parallelism").asInt());
        assertThat(flink.path("restart-strategy.type").asText()).isNotBlank();
        assertThat(flink.path("metrics.reporter.prom.factory.class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(spec.at("/podTemplate/spec/containers/0/ports").findValuesAsText("containerPort"))
                .contains(flink.path("metrics.reporter.prom.port").asText());

        // The job's own parser accepts the arguments, and they agree with its defaults where they must.
        List<String> args = new ArrayList<>();
        job.path("args").forEach(arg -> args.add(arg.asText()));
        assertThat(args.get(0)).isEqualTo("run");
        JobSettings settings = JobSettings.fromArgs(
                args.subList(1, args.size()).toArray(String[]::new),
                Map.of(JobOptions.MYSQL_PASSWORD_ENV, "from-the-secret", JobOptions.KAFKA_JAAS_ENV, "from-the-secret"));
        assertThat(settings.get(JobOptions.TRANSACTIONAL_ID_PREFIX))
                .isEqualTo(JobOptions.TRANSACTIONAL_ID_PREFIX.defaultValue());
        assertThat(settings.get(JobOptions.TRANSACTION_TIMEOUT))
                .isEqualTo(JobOptions.TRANSACTION_TIMEOUT.defaultValue())
                .isLessThanOrEqualTo(Duration.ofMinutes(15));
        assertThat(args).noneMatch(arg -> arg.contains("password") || arg.contains("jaas-config "));

        // Secrets reach the job as the environment variables it reads, from a Kubernetes Secret.
        JsonNode env = spec.at("/podTemplate/spec/containers/0/env");
        for (String variable : List.of(JobOptions.MYSQL_PASSWORD_ENV, JobOptions.KAFKA_JAAS_ENV)) {
            assertThat(env.findParents("name").stream()
                            .filter(e -> e.path("name").asText().equals(variable)))
                    .as(variable)
                    .singleElement()
                    .satisfies(
                            e -> assertThat(e.at("/valueFrom/secretKeyRef/name").asText())
                                    .isNotBlank());
        }
    }

    @org.junit.jupiter.api.Test
    void theImageHoldsTheJarWhereTheManifestLooksForIt() throws Exception {
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"), StandardCharsets.UTF_8);
        assertThat(dockerfile)
                .contains("FROM flink:1.20.1-java17")
                .contains("job/target/buyer-signals-job-${VERSION}-flink.jar /opt/flink/usrlib/buyer-signals-job.jar");
        assertThat(TimeUtils.parseDuration("10 min")).isEqualTo(JobOptions.TRANSACTION_TIMEOUT.defaultValue());
    }

    /** The kustomization as {@code kubectl kustomize} renders it: the one FlinkDeployment it holds. */
    private static JsonNode render(Path directory) throws Exception {
        Process kustomize;
        try {
            kustomize = new ProcessBuilder("kubectl", "kustomize", directory.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("kubectl (with kustomize v5) must be on the PATH to render deploy/", e);
        }
        List<JsonNode> resources;
        try (var parser = YAML.createParser(kustomize.getInputStream())) {
            resources = YAML.readValues(parser, JsonNode.class).readAll();
        }
        assertThat(kustomize.waitFor())
                .as("kubectl kustomize " + directory + " exit code")
                .isZero();
        assertThat(resources).as("one FlinkDeployment per kustomization").hasSize(1);
        return resources.get(0);
    }

    /**
     * The CRD's schema of FlinkDeployment v1beta1, made strict: below the root, an object with declared properties
     * accepts no others, unless the CRD says it preserves unknown fields.
     */
    private static JsonSchema strictSchema() {
        try (InputStream in = DeploymentManifestsTest.class.getResourceAsStream(
                "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml")) {
            JsonNode crd = YAML.readTree(in);
            JsonNode schema = null;
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (version.path("name").asText().equals("v1beta1")) {
                    schema = version.path("schema").path("openAPIV3Schema");
                }
            }
            assertThat(schema).as("the CRD defines v1beta1").isNotNull();
            // The root's apiVersion, kind and metadata are Kubernetes' own, checked by the API server, not the CRD.
            schema.path("properties").forEach(DeploymentManifestsTest::forbidUnknownFields);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        } catch (Exception e) {
            throw new IllegalStateException("Reading the FlinkDeployment CRD failed", e);
        }
    }

    private static void forbidUnknownFields(JsonNode schema) {
        if (schema instanceof ObjectNode object
                && object.has("properties")
                && !object.has("additionalProperties")
                && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            object.put("additionalProperties", false);
        }
        schema.forEach(DeploymentManifestsTest::forbidUnknownFields);
    }
}
