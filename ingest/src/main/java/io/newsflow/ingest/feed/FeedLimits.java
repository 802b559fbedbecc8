package io.newsflow.ingest.feed;

import io.newsflow.common.config.ConfigNode;
import io.newsflow.common.config.Setting;
import io.newsflow.common.config.SettingsSection;

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

    public static final Setting<Integer> MAX_FEED_BYTES = Setting.integer("maxFeedBytes", 16 * 1024 * 1024, 1024,
            Integer.MAX_VALUE, "largest feed document parsed");
    public static final Setting<Integer> MAX_ITEMS = Setting.integer("maxItems", 1000, 1, 100_000,
            "items kept (the first ones, which feeds list newest first); the rest are dropped");
    public static final Setting<Integer> MAX_TITLE_CHARS = Setting.integer("maxTitleChars", 1000, 16, 1 << 20,
            "titles, authors, categories and ids are cut here");
    public static final Setting<Integer> MAX_SUMMARY_CHARS = Setting.integer("maxSummaryChars", 64 * 1024, 16,
            1 << 24, "summaries are cut here");
    public static final Setting<Integer> MAX_CONTENT_CHARS = Setting.integer("maxContentChars", 1024 * 1024, 16,
            1 << 28, "full content is cut here");
    public static final Setting<Integer> MAX_LINK_CHARS = Setting.integer("maxLinkChars", 4096, 64, 1 << 16,
            "longer links are dropped (a cut link is a wrong link)");
    public static final Setting<Integer> MAX_CATEGORIES = Setting.integer("maxCategories", 50, 0, 10_000,
            "categories kept per item");
    public static final Setting<Integer> MAX_ENTITY_VALUE_CHARS = Setting.integer("maxEntityValueChars", 1024, 0,
            1 << 16, "longest value of an internal entity declared in a DOCTYPE that is still accepted");
    public static final Setting<Integer> MAX_ENTITY_EXPANSION = Setting.integer("maxEntityExpansion", 1024 * 1024,
            0, 1 << 26, "total characters entity references may expand to in one document");
    public static final SettingsSection SECTION = SettingsSection.of("ingest.feedLimits", MAX_FEED_BYTES, MAX_ITEMS,
            MAX_TITLE_CHARS, MAX_SUMMARY_CHARS, MAX_CONTENT_CHARS, MAX_LINK_CHARS, MAX_CATEGORIES,
            MAX_ENTITY_VALUE_CHARS, MAX_ENTITY_EXPANSION);

    public static final FeedLimits DEFAULTS = new FeedLimits(MAX_FEED_BYTES.defaultValue(), MAX_ITEMS.defaultValue(),
            MAX_TITLE_CHARS.defaultValue(), MAX_SUMMARY_CHARS.defaultValue(), MAX_CONTENT_CHARS.defaultValue(),
            MAX_LINK_CHARS.defaultValue(), MAX_CATEGORIES.defaultValue(), MAX_ENTITY_VALUE_CHARS.defaultValue(),
            MAX_ENTITY_EXPANSION.defaultValue());

    public FeedLimits {
        if (maxFeedBytes < 1 || maxItems < 1 || maxTitleChars < 1 || maxSummaryChars < 1 || maxContentChars < 1
                || maxLinkChars < 1 || maxCategories < 0 || maxEntityValueChars < 0 || maxEntityExpansion < 0) {
            throw new IllegalArgumentException("feed limits must be positive: " + this);
        }
    }

    /** Binds {@code ingest.feedLimits}; every key is optional. */
    public static FeedLimits from(ConfigNode root) {
        ConfigNode node = SECTION.node(root);
        return new FeedLimits(MAX_FEED_BYTES.read(node), MAX_ITEMS.read(node), MAX_TITLE_CHARS.read(node),
                MAX_SUMMARY_CHARS.read(node), MAX_CONTENT_CHARS.read(node), MAX_LINK_CHARS.read(node),
                MAX_CATEGORIES.read(node), MAX_ENTITY_VALUE_CHARS.read(node), MAX_ENTITY_EXPANSION.read(node));
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
