package io.newsflow.enrich.core.extract;

import java.util.List;

/**
 * The main content of a page, before spam stripping and segmentation.
 *
 * @param title the article's title (from the page's headline, og:title or title element), or null
 * @param byline the author line, or null
 * @param htmlLanguage the page's declared language (html lang, content-language meta), or null
 * @param blocks the article's headings, paragraphs, list items and quotations, in reading order
 * @param hiddenTexts text of elements a reader cannot see that were dropped (display:none, aria-hidden, ...);
 *     kept so that spam stripping can record hidden spam link blocks with their rule
 */
public record ExtractedPage(
        String title, String byline, String htmlLanguage, List<ExtractedBlock> blocks, List<String> hiddenTexts) {
    public ExtractedPage {
        blocks = List.copyOf(blocks);
        hiddenTexts = List.copyOf(hiddenTexts);
    }
}
