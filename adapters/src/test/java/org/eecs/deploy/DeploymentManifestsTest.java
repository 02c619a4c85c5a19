package org.eecs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files of docs/deploy.md, checked without a cluster or Docker: every Kubernetes manifest is read into
 * the Kubernetes API's own model (fabric8) with no field it does not know (a typo is a field it does not know) and the
 * apiVersion its kind has; workloads select their own pods, Services select a workload's pods, and every ConfigMap,
 * Secret and claim referred to is defined; the backend runs at least two replicas with the health groups as probes.
 * The compose file: every service has an image, depends on services that exist, and mounts volumes and files that
 * exist.
 */
class DeploymentManifestsTest {

    private static final Path DEPLOY = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
            Path.of("").toAbsolutePath().getParent().toString()), "docs", "deploy");
    private static final Map<String, Class<?>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class, "v1/Secret", Secret.class, "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class, "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class, "batch/v1/CronJob", CronJob.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);
    private static final ObjectMapper KUBERNETES = new ObjectMapper();

    @Test
    void everyManifest_isOfTheKubernetesApi_withNoFieldItDoesNotKnow() throws IOException {
        List<Object> resources = manifests();
        assertThat(resources).hasSizeGreaterThan(15);
        for (Object resource : resources) {
            unknownFields(resource, resource.getClass().getSimpleName(), new ArrayList<>());
        }
    }

    @Test
    void workloadsServicesAndTheirReferences_fitTogether() throws IOException {
        List<Object> resources = manifests();
        Set<String> configMaps = names(resources, ConfigMap.class);
        Set<String> secrets = names(resources, Secret.class);
        Set<String> claims = names(resources, PersistentVolumeClaim.class);
        List<Map<String, String>> podLabels = new ArrayList<>();
        for (Object resource : resources) {
            PodTemplateSpec pod = switch (resource) {
                case Deployment deployment -> {
                    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                            .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
                    yield deployment.getSpec().getTemplate();
                }
                case StatefulSet set -> {
                    assertThat(set.getSpec().getTemplate().getMetadata().getLabels())
                            .containsAllEntriesOf(set.getSpec().getSelector().getMatchLabels());
                    set.getSpec().getVolumeClaimTemplates().forEach(template -> claims.add(
                            template.getMetadata().getName()));
                    yield set.getSpec().getTemplate();
                }
                case CronJob job -> job.getSpec().getJobTemplate().getSpec().getTemplate();
                default -> null;
            };
            if (pod == null) {
                continue;
            }
            podLabels.add(pod.getMetadata() == null || pod.getMetadata().getLabels() == null ? Map.of()
                    : pod.getMetadata().getLabels());
            List<Container> containers = new ArrayList<>(pod.getSpec().getContainers());
            containers.addAll(pod.getSpec().getInitContainers());
            for (Container container : containers) {
                assertThat(container.getImage()).as(container.getName()).isNotBlank();
                container.getEnvFrom().forEach(from -> {
                    if (from.getConfigMapRef() != null) {
                        assertThat(configMaps).contains(from.getConfigMapRef().getName());
                    }
                    if (from.getSecretRef() != null) {
                        assertThat(secrets).contains(from.getSecretRef().getName());
                    }
                });
                container.getEnv().stream().filter(env -> env.getValueFrom() != null
                                && env.getValueFrom().getSecretKeyRef() != null)
                        .forEach(env -> assertThat(secrets).contains(env.getValueFrom().getSecretKeyRef().getName()));
            }
            pod.getSpec().getVolumes().forEach(volume -> {
                if (volume.getPersistentVolumeClaim() != null) {
                    assertThat(claims).as("claims").contains(volume.getPersistentVolumeClaim().getClaimName());
                }
                if (volume.getConfigMap() != null) {
                    assertThat(configMaps).contains(volume.getConfigMap().getName());
                }
            });
        }
        for (Service service : of(resources, Service.class)) {
            assertThat(podLabels).as("pods selected by Service " + service.getMetadata().getName())
                    .anySatisfy(labels -> assertThat(labels).containsAllEntriesOf(service.getSpec().getSelector()));
        }
        Deployment backend = of(resources, Deployment.class).stream()
                .filter(deployment -> deployment.getMetadata().getName().equals("eecs-backend")).findFirst().orElseThrow();
        assertThat(backend.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        Container eecs = backend.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(eecs.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(eecs.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
    }

    @Test
    void theComposeFile_hasImagesAndRefersOnlyToWhatItDefines() throws IOException {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(DEPLOY.resolve("compose.yaml"))) {
            compose = new Yaml().load(reader);
        }
        Map<String, Map<String, Object>> services = map(compose.get("services"));
        Set<String> volumes = map(compose.get("volumes")).keySet();
        assertThat(services).containsKeys("eecs", "load-balancer", "postgres-primary", "postgres-standby",
                "postgres-backup", "keycloak", "ollama", "whisper");
        services.forEach((name, service) -> {
            assertThat(service.get("image")).as(name + " image").isInstanceOf(String.class);
            Object dependsOn = service.get("depends_on");
            Collection<?> needed = dependsOn instanceof Map<?, ?> conditions ? conditions.keySet()
                    : dependsOn instanceof Collection<?> list ? list : List.of();
            assertThat(services.keySet()).as(name + " depends on").containsAll(needed.stream().map(String::valueOf)
                    .toList());
            for (Object mount : service.get("volumes") instanceof List<?> list ? list : List.of()) {
                String source = String.valueOf(mount).split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(DEPLOY.resolve(source).normalize()).as(name + " mounts").exists();
                } else {
                    assertThat(volumes).as(name + " mounts").contains(source);
                }
            }
        });
        assertThat(map(map(services.get("eecs")).get("deploy")).get("replicas")).isEqualTo(2);
    }

    private static List<Object> manifests() throws IOException {
        List<Object> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    for (Object document : new Yaml().loadAll(reader)) {
                        Map<String, Object> manifest = map(document);
                        String kind = manifest.get("apiVersion") + "/" + manifest.get("kind");
                        assertThat(KINDS).as(file.getFileName() + ": a kind of the Kubernetes API").containsKey(kind);
                        resources.add(KUBERNETES.convertValue(manifest, KINDS.get(kind)));
                    }
                }
            }
        }
        return resources;
    }

    /** Fields the model does not know land in its additional properties, at any depth: there must be none. */
    private static void unknownFields(Object node, String path, List<Object> seen) {
        if (node == null || seen.stream().anyMatch(visited -> visited == node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> unknownFields(value, path + "." + key, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        seen.add(node);
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                assertThat((Map<?, ?>) value).as("fields the Kubernetes API does not know at " + path).isEmpty();
            } else {
                unknownFields(value, path + "." + getter.getName().substring(3), seen);
            }
        }
    }

    private static <T> List<T> of(List<Object> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Set<String> names(List<Object> resources, Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> type) {
        Set<String> names = new HashSet<>();
        of(resources, type).forEach(resource -> names.add(resource.getMetadata().getName()));
        return names;
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object yaml) {
        return yaml == null ? new HashMap<>() : (Map<String, V>) yaml;
    }
}
