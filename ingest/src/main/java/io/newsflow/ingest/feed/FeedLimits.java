package io.newsflow.ingest.feed;

import io.newsflow.common.config.ConfigNode;

/**
 * Bounds applied while parsing (the fetcher already bounds the bytes on the wire).
 *
 * @param maxFeedBytes        largest document parsed
 * @param maxItems            items kept (the first ones, which feeds list newest first); the rest are dropped
 * @param maxTitleChars       titles, authors, categories and ids are cut here
 * @param maxSummaryChars     summaries are cut here
 * @param maxContentChars     full content is cut here
 * @param maxLinkChars        longer links are dropped (a cut link is a wrong link)
 * @param maxCategories       categories kept per item
 * @param maxEntityValueChars longest value of an internal entity declared in a DOCTYPE that is still accepted
 * @param maxEntityExpansion  total characters entity references may expand to in one document
 */
public record FeedLimits(
        int maxFeedBytes,
        int maxItems,
        int maxTitleChars,
        int maxSummaryChars,
        int maxContentChars,
        int maxLinkChars,
        int maxCategories,
        int maxEntityValueChars,
        int maxEntityExpansion) {

    public static final FeedLimits DEFAULTS = new FeedLimits(16 * 1024 * 1024, 1000, 1000, 64 * 1024,
            1024 * 1024, 4096, 50, 1024, 1024 * 1024);

    public FeedLimits {
        if (maxFeedBytes < 1 || maxItems < 1 || maxTitleChars < 1 || maxSummaryChars < 1 || maxContentChars < 1
                || maxLinkChars < 1 || maxCategories < 0 || maxEntityValueChars < 0 || maxEntityExpansion < 0) {
            throw new IllegalArgumentException("feed limits must be positive: " + this);
        }
    }

    /** Binds {@code ingest.feedLimits}; every key is optional (defaults in {@link #DEFAULTS}). */
    public static FeedLimits from(ConfigNode root) {
        ConfigNode node = root.section("ingest").section("feedLimits");
        FeedLimits d = DEFAULTS;
        return new FeedLimits(
                node.integer("maxFeedBytes", d.maxFeedBytes(), 1024, Integer.MAX_VALUE),
                node.integer("maxItems", d.maxItems(), 1, 100_000),
                node.integer("maxTitleChars", d.maxTitleChars(), 16, 1 << 20),
                node.integer("maxSummaryChars", d.maxSummaryChars(), 16, 1 << 24),
                node.integer("maxContentChars", d.maxContentChars(), 16, 1 << 28),
                node.integer("maxLinkChars", d.maxLinkChars(), 64, 1 << 16),
                node.integer("maxCategories", d.maxCategories(), 0, 10_000),
                node.integer("maxEntityValueChars", d.maxEntityValueChars(), 0, 1 << 16),
                node.integer("maxEntityExpansion", d.maxEntityExpansion(), 0, 1 << 26));
    }

    public FeedLimits withMaxItems(int value) {
        return new FeedLimits(maxFeedBytes, value, maxTitleChars, maxSummaryChars, maxContentChars, maxLinkChars,
                maxCategories, maxEntityValueChars, maxEntityExpansion);
    }

    public FeedLimits withMaxFeedBytes(int value) {
        return new FeedLimits(value, maxItems, maxTitleChars, maxSummaryChars, maxContentChars, maxLinkChars,
                maxCategories, maxEntityValueChars, maxEntityExpansion);
    }

    public FeedLimits withMaxContentChars(int value) {
        return new FeedLimits(maxFeedBytes, maxItems, maxTitleChars, maxSummaryChars, value, maxLinkChars,
                maxCategories, maxEntityValueChars, maxEntityExpansion);
    }
}
