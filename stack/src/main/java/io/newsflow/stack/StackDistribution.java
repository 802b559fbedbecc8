package io.newsflow.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the server distributions are on disk. The stack module's build resolves them from Maven and puts them in
 * {@code stack/target/dist/}: the broker's jars (with their own classpath, so they never reach a module's
 * classpath), the unpacked Apicurio Registry and the unpacked Elasticsearch. It records that folder in the
 * {@code stack-dist.properties} resource; {@code -Dnewsflow.stack.dist} or {@code NEWSFLOW_STACK_DIST} points
 * elsewhere.
 */
public record StackDistribution(Path directory, String kafkaVersion, String apicurioVersion,
        String elasticsearchVersion) {

    /** The command that (re)creates the distribution folder. */
    public static final String BUILD_COMMAND = "./mvnw -B -q -pl stack -am install -DskipTests";
    public static final String DIRECTORY_PROPERTY = "newsflow.stack.dist";
    public static final String DIRECTORY_ENV = "NEWSFLOW_STACK_DIST";
    private static final String RESOURCE = "stack-dist.properties";

    /** The distribution the build of this stack module prepared (or the one the override names). */
    public static StackDistribution fromBuild() {
        Properties properties = new Properties();
        try (InputStream in = StackDistribution.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new StackException("The stack module was built without its " + RESOURCE
                        + " resource; rebuild it with: " + BUILD_COMMAND);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String override = System.getProperty(DIRECTORY_PROPERTY, System.getenv(DIRECTORY_ENV));
        String directory = override == null || override.isBlank() ? properties.getProperty("dist.dir") : override;
        return new StackDistribution(Path.of(directory).toAbsolutePath(), properties.getProperty("kafka.version"),
                properties.getProperty("apicurio.version"), properties.getProperty("elasticsearch.version"));
    }

    /** The folder of the broker's jars, for {@code java -cp '<dir>/*' kafka.Kafka}. */
    public Path kafkaLibs() {
        Path libs = directory.resolve("kafka-libs");
        require(libs.resolve("kafka_2.13-" + kafkaVersion + ".jar"), "the Kafka " + kafkaVersion + " broker jars");
        return libs;
    }

    public Path registryJar() {
        return require(directory.resolve("apicurio-registry-" + apicurioVersion)
                        .resolve("apicurio-registry-app-" + apicurioVersion + "-runner.jar"),
                "Apicurio Registry " + apicurioVersion);
    }

    public Path elasticsearchHome() {
        Path home = directory.resolve("elasticsearch-" + elasticsearchVersion);
        require(home.resolve("bin").resolve("elasticsearch"), "Elasticsearch " + elasticsearchVersion);
        return home;
    }

    private Path require(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new StackException("Cannot start the stack: " + what + " not found (" + file + " is missing). "
                    + "The stack module's build puts the servers in " + directory + "; run `" + BUILD_COMMAND
                    + "` in the checkout (or point -D" + DIRECTORY_PROPERTY + " / " + DIRECTORY_ENV
                    + " at a folder that has them).");
        }
        return file;
    }
}
