package io.newsflow.ingest.config;

import io.newsflow.common.config.ConfigProblem;
import java.util.List;

/**
 * What one feed source file gave.
 *
 * @param name the file as messages show it ({@code feeds.d/tech.opml})
 * @param feeds its valid feeds
 * @param problems what was wrong, each with file and line
 * @param unreadable true when the file could not be read or parsed at all (as opposed to some bad entries)
 */
public record SourceFile(String name, List<FeedSpec> feeds, List<ConfigProblem> problems, boolean unreadable) {
    public SourceFile {
        feeds = List.copyOf(feeds);
        problems = List.copyOf(problems);
    }

    static SourceFile unreadable(String name, String location, String message) {
        return new SourceFile(name, List.of(), List.of(new ConfigProblem(location, "", message)), true);
    }
}
