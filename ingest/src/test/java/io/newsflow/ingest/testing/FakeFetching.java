package io.newsflow.ingest.testing;

import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.feed.FeedItem;
import io.newsflow.ingest.feed.ParsedFeed;
import io.newsflow.ingest.fetch.Fetching;
import io.newsflow.ingest.fetch.Validators;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Feeds and pages by URL, answered from memory; counts every fetch. */
public final class FakeFetching implements Fetching {
    private final Map<String, FeedResponse> feeds = new ConcurrentHashMap<>();
    private final Map<String, PageResponse> pages = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private final Map<String, Validators> validatorsSeen = new ConcurrentHashMap<>();
    private final Map<String, FeedSpec> specsSeen = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.CountDownLatch> stalls = new ConcurrentHashMap<>();

    /** The feed's fetch blocks until {@link #release} (a server that sends nothing). */
    public FakeFetching stall(String url) {
        stalls.put(url, new java.util.concurrent.CountDownLatch(1));
        return this;
    }

    public void release(String url) {
        stalls.remove(url).countDown();
    }

    public FeedSpec specSeen(String url) {
        return specsSeen.get(url);
    }

    public FakeFetching feed(String url, FeedItem... entries) {
        feeds.put(url, new FeedFetched(feed(entries), Validators.NONE, 100));
        return this;
    }

    public FakeFetching feedResponse(String url, FeedResponse response) {
        feeds.put(url, response);
        return this;
    }

    public FakeFetching page(String url, String html) {
        pages.put(url, new PageFetched(url, 200, "text/html", "UTF-8", html.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    public FakeFetching pageFails(String url, String reason) {
        pages.put(url, new PageFailed(reason, url + " failed"));
        return this;
    }

    public int fetchesOf(String url) {
        AtomicInteger count = fetches.get(url);
        return count == null ? 0 : count.get();
    }

    public Validators validatorsSentTo(String url) {
        return validatorsSeen.get(url);
    }

    @Override
    public FeedResponse fetchFeed(FeedSpec feed, Validators validators) {
        count(feed.url());
        validatorsSeen.put(feed.url(), validators);
        specsSeen.put(feed.url(), feed);
        java.util.concurrent.CountDownLatch stall = stalls.get(feed.url());
        if (stall != null) {
            try {
                stall.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new FeedFailed("INTERRUPTED", "stopped");
            }
        }
        return feeds.getOrDefault(feed.url(), new FeedFailed("HTTP_ERROR", "404 for " + feed.url()));
    }

    @Override
    public PageResponse fetchPage(FeedSpec feed, String url) {
        count(url);
        return pages.getOrDefault(url, new PageFailed("HTTP_ERROR", "404 for " + url));
    }

    private void count(String url) {
        fetches.computeIfAbsent(url, u -> new AtomicInteger()).incrementAndGet();
    }

    public static FeedItem item(String guid, String link, String title) {
        return new FeedItem(guid, link, title, null, null, null, "summary of " + title, null, List.of());
    }

    /** A parsed RSS 2.0 feed of these items. */
    public static ParsedFeed feed(FeedItem... items) {
        return new ParsedFeed("test", null, Optional.empty(), List.of(items), "rss_2.0", "UTF-8", List.of());
    }
}
