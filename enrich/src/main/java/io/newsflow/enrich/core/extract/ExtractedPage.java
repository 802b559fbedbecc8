package io.newsflow.enrich.core.extract;

import java.time.Instant;
import java.util.List;

/**
 * The main content of a page, before spam stripping and segmentation.
 *
 * @param title the article's title (from the page's headline, og:title or title element), or null
 * @param byline the author line, or null
 * @param htmlLanguage the page's declared language (html lang, content-language meta), or null
 * @param blocks the article's headings, paragraphs, list items and quotations, in reading order
 * @param hiddenTexts text of elements a reader cannot see that were dropped (display:none, aria-hidden, ...);
 *     kept so that spam stripping can record hidden spam link blocks with their rule; one string per hidden
 *     element, its blocks joined by {@code '\n'}
 * @param siteName the site's name (og:site_name), or null
 * @param publishedAt when the page says it was published (article:published_time and similar metas, JSON-LD
 *     datePublished), or null; a date without a time is midnight UTC
 */
public record ExtractedPage(
        String title,
        String byline,
        String htmlLanguage,
        List<ExtractedBlock> blocks,
        List<String> hiddenTexts,
        String siteName,
        Instant publishedAt) {
    public ExtractedPage {
        blocks = List.copyOf(blocks);
        hiddenTexts = List.copyOf(hiddenTexts);
    }

    /** A page without site name and publication time (plain text, tests). */
    public ExtractedPage(
            String title, String byline, String htmlLanguage, List<ExtractedBlock> blocks, List<String> hiddenTexts) {
        this(title, byline, htmlLanguage, blocks, hiddenTexts, null, null);
    }
}
