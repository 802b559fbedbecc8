package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The normal-user path: Elasticsearch started directly, without the unprivileged system user. When these tests
 * run as root (CI), the stack runs in a JVM of its own as the user {@code nobody}, with copies of the test
 * classpath it can read and the world-readable Elasticsearch copy the root path made.
 */
class NonRootStackIT {

    private static final String NORMAL_USER = "nobody";

    @Test
    void shouldStartElasticsearchDirectlyAsThatUser() throws Exception {
        boolean root = UnprivilegedUser.runningAsRoot();
        Path work = Files.createTempDirectory(Path.of("/tmp"), "newsflow-nonroot-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path runDir = Files.createDirectories(work.resolve("run"));
        List<String> command = new ArrayList<>();
        if (root) {
            Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwxrwxrwx"));
            command.addAll(List.of(UnprivilegedUser.executable("setpriv", "util-linux"), "--reuid=" + NORMAL_USER,
                    "--regid=nogroup", "--clear-groups"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + StackDistribution.DIRECTORY_PROPERTY + "=" + readableDistribution(work),
                "-cp", readableClasspath(work), StackRunner.class.getName(), runDir.toString(), "elasticsearch"));
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            await().atMost(Duration.ofMinutes(4)).until(() -> {
                String line = out.readLine();
                if (line != null) {
                    lines.add(line);
                }
                return line == null || line.startsWith("READY");
            });
            assertThat(lines).as("runner output").last().asString().startsWith("READY");

            long pid = Long.parseLong(Files.readString(runDir.resolve("pids/elasticsearch.pid")).strip());
            String expectedUser = root ? NORMAL_USER : System.getProperty("user.name");
            assertThat(ProcessHandle.of(pid).orElseThrow().info().user()).hasValue(expectedUser);
            assertThat(clusterHealth(StackEndpoints.readFrom(runDir.resolve(Stack.ENDPOINTS_FILE)))).isEqualTo(200);

            jvm.getOutputStream().close(); // the runner stops its stack when its input closes
            assertThat(jvm.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(jvm.exitValue()).isZero();
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(runDir.resolve("pids")).isEmptyDirectory();
        } finally {
            jvm.destroyForcibly().waitFor();
            Directories.deleteRecursively(work);
        }
    }

    private static int clusterHealth(StackEndpoints endpoints) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(endpoints.elasticsearchUrl() + "/_cluster/health"))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** Root's Maven repository and checkout may be unreadable for that user: copy the classpath. */
    private static String readableClasspath(Path work) throws Exception {
        Path copies = Files.createDirectories(work.resolve("classpath"));
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path copy = copies.resolve((index++) + "-" + source.getFileName());
            Directories.copyReadable(source, copy);
            entries.add(copy.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The stack's distribution, with Elasticsearch from the world-readable copy the root path keeps. */
    private static Path readableDistribution(Path work) throws Exception {
        StackDistribution built = StackDistribution.fromBuild();
        if (!UnprivilegedUser.runningAsRoot()) {
            return built.directory();
        }
        Path distribution = Files.createDirectories(work.resolve("dist"));
        Path readable = ElasticsearchLayout.readableCopy(built.elasticsearchHome(),
                ElasticsearchLayout.SHARED_ROOT.resolve("elasticsearch-" + built.elasticsearchVersion()));
        Files.createSymbolicLink(distribution.resolve("elasticsearch-" + built.elasticsearchVersion()), readable);
        return distribution;
    }
}
