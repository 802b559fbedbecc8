package io.newsflow.app;

import io.newsflow.app.up.TopicSetup;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsflow topics create}: the pipeline's topics, as a deployment's set-up step (the compose init job). */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "The pipeline's Kafka topics.",
        subcommands = {TopicsCommand.Create.class})
public final class TopicsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: try `topics create`");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates the topics that do not exist yet: topics.raw (kept forever: replaying it is how a"
                    + " better cleaner reaches old articles), topics.clean, topics.deadLetter (30 days),"
                    + " ingest.ledgerTopic, dlq.redrivenTopic and topics.health (compacted). Existing topics are left as"
                    + " they are.")
    static final class Create implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Option(names = "--partitions", defaultValue = "3", paramLabel = "N",
                description = "Partitions of the raw, clean, dead-letter and source-health topics (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--replication-factor", defaultValue = "1", paramLabel = "N",
                description = "Replicas of every topic: 1 on one broker, 3 on a production cluster"
                        + " (default: ${DEFAULT-VALUE}).")
        short replication;

        @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
                description = "How long Kafka may take to answer (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<PipelineSettings> loaded = PipelineSettings.load(config, err, "topics create: ");
            if (loaded.isEmpty()) {
                return 1;
            }
            PipelineSettings settings = loaded.get();
            if (partitions < 1 || replication < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--partitions and --replication-factor must be at least 1");
            }
            List<TopicSetup.TopicSpec> specs = TopicSetup.pipeline(settings.topics(), settings.ingest().ledgerTopic(),
                    settings.redrivenTopic(), partitions, replication);
            try {
                List<String> created = TopicSetup.create(settings.kafka(), specs, Duration.ofSeconds(timeoutSeconds));
                for (TopicSetup.TopicSpec topic : specs) {
                    out.printf("%-28s %s%n", topic.name(), created.contains(topic.name()) ? "created (" + topic.partitions()
                            + " partitions, replication " + topic.replicationFactor() + ", " + topic.configs() + ")"
                            : "exists, left as it is");
                }
                return 0;
            } catch (IllegalStateException e) {
                err.println("topics create: " + e.getMessage());
                return 1;
            }
        }
    }
}
