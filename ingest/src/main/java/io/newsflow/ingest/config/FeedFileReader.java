package io.newsflow.ingest.config;

import io.newsflow.common.config.ConfigNode;
import io.newsflow.common.config.ConfigSource;
import java.util.List;
import java.util.Map;

/** A {@code feeds.d/*.yml} file: a {@code feeds:} list, written as in the main config's {@code ingest.feeds}. */
public final class FeedFileReader {
    private FeedFileReader() {}

    public static SourceFile read(String name, String yaml, boolean allowFileUrls) {
        // No environment: NEWSFLOW_* variables override the main config, not drop files.
        ConfigSource source = ConfigSource.parse(yaml, name, Map.of());
        ConfigNode root = source.root();
        boolean parsed = source.isValid();
        if (parsed && !root.has("feeds")) {
            root.problem("a feeds file needs a 'feeds:' list");
        }
        List<FeedSpec> feeds = FeedBinder.bindList(root, allowFileUrls);
        source.reportUnknownKeys();
        return new SourceFile(name, feeds, source.problems(), !parsed);
    }
}
