package io.newsflow.ingest.publish;

import io.newsflow.avro.BodySource;
import io.newsflow.avro.RawArticle;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.group.FeedKeys;
import io.newsflow.ingest.fetch.Fetching;
import io.newsflow.ingest.feed.FeedItem;
import io.newsflow.ingest.feed.ParsedFeed;
import io.newsflow.ingest.fetch.Fetching.PageFailed;
import io.newsflow.ingest.fetch.Fetching.PageFetched;
import io.newsflow.ingest.fetch.Fetching.PageResponse;
import io.newsflow.ingest.url.ArticleId;
import io.newsflow.ingest.url.CanonicalUrl;
import io.newsflow.ingest.url.Urls;
import io.newsflow.schemas.Hashes;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the items of one feed document into published raw articles, each at most once per version:
 *
 * <ol>
 *   <li>an item whose feed-level fingerprint (guid, link, dates, title, content) was seen is skipped before any
 *       fetch;
 *   <li>otherwise its page is fetched; when that fails the feed's own content (else summary) stands in and the
 *       failure is said in {@code fetchError}; with neither, the item is refused;
 *   <li>an article whose id and content hash are in the ledger is not sent again; otherwise it is sent together
 *       with its ledger entries, as one unit (a Kafka transaction): both are stored or neither, and the in-memory
 *       ledger takes the entries once they are.
 * </ol>
 *
 * An item published from feed content is fetched again at the next polls (up to {@code pageAttempts}), so that a
 * page that was only briefly unreachable still arrives, as a new version.
 */
public final class ItemPipeline {
    private static final Logger log = LoggerFactory.getLogger(ItemPipeline.class);

    private final Fetching fetching;
    private final PublishedLedger ledger;
    private final ArticlePublisher publisher;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final int itemConcurrency;
    private final int pageAttempts;
    private final Map<String, Integer> pageFailures = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public ItemPipeline(Fetching fetching, PublishedLedger ledger, ArticlePublisher publisher, IngestMetrics metrics,
            Clock clock, int itemConcurrency, int pageAttempts) {
        this.fetching = fetching;
        this.ledger = ledger;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.itemConcurrency = itemConcurrency;
        this.pageAttempts = pageAttempts;
    }

    /** Handles every item, at most {@code itemConcurrency} at a time, and returns when all are done. */
    public ItemCounts process(FeedSpec feed, ParsedFeed document) throws InterruptedException {
        List<URI> notArticles = notArticles(feed, document);
        Map<String, FeedItem> unique = new LinkedHashMap<>();
        List<ItemResult> results = new ArrayList<>();
        for (FeedItem entry : document.items()) {
            String key = itemKey(entry);
            if (key == null) {
                results.add(refuse(feed, entry, "NO_LINK_NO_CONTENT", "the item has no link, guid, title or content"));
            } else {
                unique.putIfAbsent(key, entry);
            }
        }
        Semaphore permits = new Semaphore(itemConcurrency);
        List<Future<ItemResult>> pending = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Map.Entry<String, FeedItem> item : unique.entrySet()) {
                permits.acquire();
                pending.add(executor.submit(() -> {
                    try {
                        return handle(feed, notArticles, item.getKey(), item.getValue());
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Future<ItemResult> future : pending) {
                results.add(resultOf(feed, future));
            }
        }
        ledger.sweep(FeedKeys.hostKey(feed), feedRef(feed), unique.keySet(), clock.instant());
        return ItemCounts.of(results);
    }

    private static String feedRef(FeedSpec feed) {
        return PublishedLedger.feedRef(feed.identity());
    }

    private ItemResult resultOf(FeedSpec feed, Future<ItemResult> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException) {
                // stopping while the item waited for its transaction: nothing was stored, the next start tries it
                return ItemResult.FAILED;
            }
            log.error("feed {}: an item failed unexpectedly; it is tried again at the next poll", feed.url(), e.getCause());
            return ItemResult.FAILED;
        }
    }

    ItemResult handle(FeedSpec feed, List<URI> notArticles, String itemKey, FeedItem entry)
            throws InterruptedException {
        String fingerprint = fingerprint(entry);
        if (ledger.sawItem(itemKey, fingerprint)) {
            metrics.item("unchanged");
            return ItemResult.UNCHANGED;
        }
        String link = httpLink(entry.link());
        String feedContent = firstNonBlank(entry.contentHtml(), entry.summary());
        if (link == null && feedContent == null) {
            ledger.recordItem(FeedKeys.hostKey(feed), feedRef(feed), itemKey, fingerprint, null);
            return refuse(feed, entry, "NO_LINK_NO_CONTENT", "the item has no link and no content");
        }
        Body body = link == null
                ? fromFeed(entry, "NO_LINK", "the item has no link")
                : fetchPage(feed, link, entry, notArticles);
        // Settled: nothing better will come (the page, or no link to try); else the page is tried again next poll.
        boolean settled = body.source() == BodySource.PAGE || link == null
                || pageFailures.merge(itemKey, 1, Integer::sum) >= pageAttempts;
        if (body.bytes() == null) {
            if (settled) {
                ledger.recordItem(FeedKeys.hostKey(feed), feedRef(feed), itemKey, fingerprint, null);
                pageFailures.remove(itemKey);
            }
            return refuse(feed, entry, "NO_CONTENT", "the page failed (" + body.fetchError() + ") and the feed gives no content");
        }
        String canonical = body.canonicalUrl() != null ? body.canonicalUrl() : syntheticUrl(feed, entry);
        String id = ArticleId.of(canonical);
        String hash = Hashes.contentHash(body.bytes());
        if (ledger.isPublished(id, hash)) {
            if (settled) {
                ledger.recordItem(FeedKeys.hostKey(feed), feedRef(feed), itemKey, fingerprint, id);
                pageFailures.remove(itemKey);
            }
            metrics.item("unchanged");
            return ItemResult.UNCHANGED;
        }
        List<LedgerEntry> entries = new ArrayList<>(2);
        entries.add(PublishedLedger.articleEntry(FeedKeys.hostKey(feed), id, hash));
        if (settled) {
            entries.add(PublishedLedger.itemEntry(FeedKeys.hostKey(feed), feedRef(feed), itemKey, fingerprint, id));
        }
        ItemResult result = publishOnce(feed, entry, link, canonical, id, hash, body, entries);
        if (result != ItemResult.FAILED && settled) {
            pageFailures.remove(itemKey);
        }
        return result;
    }

    /**
     * Sends the article and its ledger entries as one unit and waits until they are stored: only then does the
     * in-memory ledger take them, so an article whose unit failed is tried again at the next poll.
     */
    private ItemResult publishOnce(FeedSpec feed, FeedItem entry, String link, String canonical, String id,
            String hash, Body body, List<LedgerEntry> entries) throws InterruptedException {
        if (!inFlight.add(id)) {
            // Another feed is publishing the same article right now; this item is looked at again next poll.
            return ItemResult.UNCHANGED;
        }
        try {
            boolean known = ledger.knows(id);
            RawArticle article = article(feed, entry, link, canonical, id, hash, body);
            publisher.publish(article, entries).get();
            ledger.remember(entries);
            if (body.source() != BodySource.PAGE) {
                metrics.fallback(body.source().name(), body.reason());
            }
            metrics.item(known ? "changed" : "new");
            return known ? ItemResult.CHANGED : ItemResult.NEW;
        } catch (ExecutionException e) {
            metrics.publishFailure();
            log.warn("feed {}: sending article {} failed ({}); it is tried again at the next poll",
                    feed.url(), id, Objects.requireNonNullElse(e.getCause(), e).toString());
            return ItemResult.FAILED;
        } finally {
            inFlight.remove(id);
        }
    }

    /** What stands as the article's body, and where it came from. */
    private record Body(BodySource source, byte[] bytes, String canonicalUrl, Integer status, String contentType,
            String charset, String reason, String fetchError) {}

    private Body fetchPage(FeedSpec feed, String link, FeedItem entry, List<URI> notArticles) {
        long started = System.nanoTime();
        PageResponse response = fetching.fetchPage(feed, link);
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        if (response instanceof PageFetched page) {
            metrics.pageFetched("fetched", latency);
            metrics.bytes("page", page.body().length);
            return new Body(BodySource.PAGE, page.body(), canonicalUrl(link, page, notArticles), page.status(),
                    page.contentType(), page.charset(), null, null);
        }
        PageFailed failed = (PageFailed) response;
        metrics.pageFetched("failed", latency);
        log.info("feed {}: page {} not fetched ({}: {}); using the feed's own content", feed.url(), link,
                failed.reason(), failed.detail());
        Body fallback = fromFeed(entry, failed.reason(), failed.reason() + ": " + failed.detail());
        return new Body(fallback.source(), fallback.bytes(), canonicalUrl(link), null, fallback.contentType(),
                fallback.charset(), fallback.reason(), fallback.fetchError());
    }

    /** The feed's content:encoded, else its summary (null bytes when it has neither); HTML, as feeds carry it. */
    private static Body fromFeed(FeedItem entry, String reason, String fetchError) {
        BodySource source = isBlank(entry.contentHtml()) ? BodySource.FEED_SUMMARY : BodySource.FEED_CONTENT;
        String text = firstNonBlank(entry.contentHtml(), entry.summary());
        byte[] bytes = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        return new Body(source, bytes, null, null, "text/html", "UTF-8", reason, fetchError);
    }

    private RawArticle article(FeedSpec feed, FeedItem entry, String link, String canonical, String id, String hash,
            Body body) {
        return RawArticle.newBuilder()
                .setId(id)
                .setUrl(link != null ? link : canonical)
                .setCanonicalUrl(canonical)
                .setFeedUrl(feed.url())
                .setFeedName(feed.name())
                .setItem(io.newsflow.avro.FeedItem.newBuilder()
                        .setTitle(entry.title())
                        .setAuthor(entry.author())
                        .setPublishedAt(entry.publishedAt())
                        .setSummary(entry.summary())
                        .setCategories(entry.categories())
                        .setGuid(entry.guid())
                        .build())
                .setLanguageHint(feed.languageHint())
                .setTags(feed.tags())
                .setFetchedAt(clock.instant())
                .setHttpStatus(body.status())
                .setContentType(body.contentType())
                .setCharset(body.charset())
                .setBodySource(body.source())
                .setFetchError(body.fetchError())
                .setBody(ByteBuffer.wrap(body.bytes()))
                .setContentHash(hash)
                .build();
    }

    private ItemResult refuse(FeedSpec feed, FeedItem entry, String reason, String detail) {
        metrics.refusal(reason);
        log.warn("feed {}: item refused ({}): {}; guid={}", feed.url(), reason, detail, entry.guid());
        return ItemResult.REFUSED;
    }

    /** Identifies an item within its feed over time: its guid, else its link, else its title and date. */
    static String itemKey(FeedItem entry) {
        String stable = firstNonBlank(entry.guid(), entry.link());
        if (stable == null) {
            String title = firstNonBlank(entry.title(), entry.contentHtml(), entry.summary());
            if (title == null) {
                return null;
            }
            stable = title + "|" + entry.publishedAt();
        }
        return Hashes.sha256Hex(stable);
    }

    /**
     * What the feed says about the item (guid, link, title, dates, summary, content); a change may mean a new page.
     * The updated date counts: publishers bump it on an edit that leaves everything else in the feed as it was.
     */
    static String fingerprint(FeedItem entry) {
        return Hashes.sha256Hex(Stream.of(entry.guid(), entry.link(), entry.title(),
                        String.valueOf(entry.publishedAt()), String.valueOf(entry.updatedAt()), entry.summary(),
                        entry.contentHtml())
                .map(field -> field == null ? "" : field)
                .reduce((a, b) -> a + "\u0000" + b)
                .orElse(""));
    }

    /**
     * The page's rel=canonical when it is trusted (same site, not the site's root nor the feed's home page), else
     * its final URL, normalised (tracking parameters dropped).
     */
    private static String canonicalUrl(String link, PageFetched page, List<URI> notArticles) {
        URI finalUrl = Urls.parse(page.finalUrl()).or(() -> Urls.parse(link)).orElseThrow();
        return CanonicalUrl.of(page.body(), page.charset(), finalUrl, notArticles).toString();
    }

    /** What no article of this feed may take as its canonical: the feed's home page (its link) and the feed. */
    private static List<URI> notArticles(FeedSpec feed, ParsedFeed document) {
        return Stream.of(document.link(), feed.url())
                .filter(Objects::nonNull)
                .flatMap(url -> Urls.parse(url).stream())
                .filter(url -> url.getHost() != null)
                .toList();
    }

    /** The item's link normalised, for an article whose page was not fetched. */
    private static String canonicalUrl(String link) {
        return Urls.parse(link).map(CanonicalUrl::normalize).map(URI::toString).orElse(link);
    }

    /** An item without a link still needs a URL: its guid when that is one, else the feed URL and the guid. */
    private static String syntheticUrl(FeedSpec feed, FeedItem entry) {
        String guidUrl = httpLink(entry.guid());
        if (guidUrl != null) {
            return guidUrl;
        }
        String anchor = entry.guid() != null ? entry.guid() : itemKey(entry);
        return feed.url() + "#" + URLEncoder.encode(anchor, StandardCharsets.UTF_8);
    }

    private static String httpLink(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        // Never file: (nor any other scheme), even with fetch.allowFileScheme: that flag lets a feed *file* from the
        // local config be read, not a link inside a feed, which anyone who writes the feed controls.
        String lower = trimmed.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? trimmed : null;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (!isBlank(value)) {
                return value;
            }
        }
        return null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
