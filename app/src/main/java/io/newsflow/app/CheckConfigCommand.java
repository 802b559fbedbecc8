package io.newsflow.app;

import io.newsflow.common.config.ConfigProblem;
import io.newsflow.common.config.ConfigSource;
import io.newsflow.ingest.config.FeedSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newsflow check-config [FILE]}: binds every section and reads every feed source, then lists every problem
 * at once, each with its file and line. Exit code 0 when valid, 1 when not.
 */
@Command(
        name = "check-config",
        description = "Validate the configuration and every feed source; list every problem with file and line.")
public final class CheckConfigCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The file to check (default: --config).")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (file != null) {
            config.file = file;
        }
        ConfigSource source = config.load();
        PipelineSettings settings = PipelineSettings.bind(source, config.file());
        FeedSet feeds = settings.feedSources().load();
        PrintWriter out = spec.commandLine().getOut();
        List<ConfigProblem> problems = new java.util.ArrayList<>(source.problems());
        problems.addAll(feeds.problems());
        String name = source.name();
        for (ConfigProblem warning : feeds.warnings()) {
            out.println("warning: " + warning);
        }
        if (problems.isEmpty()) {
            out.println(name + ": valid; " + feeds.feeds().size() + (feeds.feeds().size() == 1 ? " feed" : " feeds"));
            return 0;
        }
        out.println(name + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        problems.forEach(problem -> out.println("  - " + problem));
        return 1;
    }
}
