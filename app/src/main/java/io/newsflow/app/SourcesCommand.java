package io.newsflow.app;

import io.newsflow.app.sources.SourceHealthReader;
import io.newsflow.app.sources.SourceTable;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsflow sources}: every source's health (CLEAN, SUSPECT, COMPROMISED, RECOVERED), from sources.health. */
@Command(name = "sources", mixinStandardHelpOptions = true,
        description = "Lists the sources with their health: state, since when, why, and for a source that is not"
                + " CLEAN the first spam article and sample spam lines with their rule. Read from topics.health"
                + " (default sources.health), which the enrich service writes (docs/sources.md).")
public final class SourcesCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--samples", defaultValue = "2", paramLabel = "N",
            description = "Sample spam lines shown per source (default: ${DEFAULT-VALUE}; 0 shows only the state).")
    int samples;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long Kafka may take to answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<PipelineSettings> loaded = PipelineSettings.load(config, err, "sources: ");
        if (loaded.isEmpty()) {
            return 1;
        }
        PipelineSettings settings = loaded.get();
        try {
            SourceTable table = SourceHealthReader.read(settings.kafka(), settings.registry(),
                    settings.topics().health().name(), Duration.ofSeconds(timeoutSeconds));
            if (table.isEmpty()) {
                out.println("No source has a health state yet: " + settings.topics().health().name()
                        + " is empty (every source starts CLEAN and is listed once it changes).");
                return 0;
            }
            out.print(table.render(samples > 0, samples));
            return 0;
        } catch (IllegalStateException e) {
            err.println("sources: " + e.getMessage());
            return 1;
        }
    }
}
