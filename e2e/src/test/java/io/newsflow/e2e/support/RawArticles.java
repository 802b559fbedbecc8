package io.newsflow.e2e.support;

import io.newsflow.avro.BodySource;
import io.newsflow.avro.FeedItem;
import io.newsflow.avro.RawArticle;
import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.enrich.streams.ArticleMapping;
import io.newsflow.schemas.Hashes;
import io.newsflow.schemas.testdata.TestRecords;
import io.newsflow.stack.junit.SharedFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Realistic raw articles, made without ingest: the real news pages of the extraction fixtures (scrapinghub and
 * Readability test pages, 51 sites in ten languages), the seed as text and as a page, each wrapped in a
 * {@link RawArticle} under a URL of its own, as ingest would publish it.
 */
public final class RawArticles {

    /** A page as a site serves it. */
    public record Page(String name, String contentType, byte[] body) {}

    private RawArticles() {}

    /** The fixture pages and the seed (text and HTML with its spam footer). */
    public static List<Page> realisticPages() {
        List<Page> pages = new ArrayList<>();
        pages.add(new Page("geneva-talks.id.txt", "text/plain", SeedPage.text().getBytes(StandardCharsets.UTF_8)));
        pages.add(new Page("geneva-talks.html", "text/html",
                SeedPage.html(SeedFacts.load()).getBytes(StandardCharsets.UTF_8)));
        Path extraction = SharedFolder.fixtures("extraction");
        try (Stream<Path> files = Files.walk(extraction)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                boolean scrapinghub = name.endsWith(".html") && file.getParent().getFileName().toString().equals("html");
                if (scrapinghub || name.equals("source.html")) {
                    pages.add(new Page(extraction.relativize(file).toString(), "text/html", Files.readAllBytes(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the extraction fixtures in " + extraction, e);
        }
        return pages;
    }

    /**
     * The pages the enricher's default cleaner turns into articles (the others would be dead-lettered, which a test
     * about articles.clean must not count on).
     */
    public static List<Page> articles(List<Page> pages) {
        ArticleCleaner cleaner = ArticleCleaner.defaults();
        return pages.stream()
                .filter(page -> cleaner.clean(ArticleMapping.toInput(raw(page, "https://example.org/" + page.name())))
                        instanceof CleanResult.Cleaned)
                .toList();
    }

    /**
     * {@code count} raw articles cycling through the pages, each under its own URL
     * ({@code https://<site>/<run>/<n>/<page name>}) and so with its own id.
     */
    public static List<RawArticle> batch(List<Page> pages, int count, String site, String run) {
        List<RawArticle> batch = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            Page page = pages.get(n % pages.size());
            batch.add(raw(page, "https://" + site + "/" + run + "/" + n + "/" + page.name().replace('/', '-')));
        }
        return batch;
    }

    /** The raw article ingest would publish for this page at this URL. */
    public static RawArticle raw(Page page, String url) {
        return TestRecords.rawArticle()
                .setId(id(url))
                .setUrl(url)
                .setCanonicalUrl(url)
                .setFeedUrl("https://" + URI.create(url).getHost() + "/feed.xml")
                .setItem(FeedItem.newBuilder().setGuid(url).build())
                .setLanguageHint(null)
                .setTags(List.of())
                .setFetchedAt(Instant.now())
                .setContentType(page.contentType())
                .setCharset(null)
                .setBodySource(BodySource.PAGE)
                .setBody(ByteBuffer.wrap(page.body()))
                .setContentHash(Hashes.contentHash(page.body()))
                .build();
    }

    /** As ingest makes it: the first 32 hex characters of the SHA-256 of the canonical URL. */
    public static String id(String canonicalUrl) {
        return Hashes.articleId(canonicalUrl);
    }
}
