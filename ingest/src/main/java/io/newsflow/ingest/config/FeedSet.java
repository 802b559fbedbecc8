package io.newsflow.ingest.config;

import io.newsflow.common.config.ConfigProblem;
import java.util.List;

/**
 * Every feed from every source, merged by URL.
 *
 * @param feeds the feeds to poll, each once
 * @param problems what was wrong in the sources; the files' other feeds are still in {@link #feeds}
 * @param warnings what is suspicious but harmless (a feed declared twice, a file kept from its last good read)
 */
public record FeedSet(List<FeedSpec> feeds, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
    public FeedSet {
        feeds = List.copyOf(feeds);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }
}
