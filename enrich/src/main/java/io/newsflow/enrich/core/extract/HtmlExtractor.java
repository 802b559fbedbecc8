package io.newsflow.enrich.core.extract;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * TEMPORARY STAND-IN until the extract branch lands the real extractor under this name; deleted then.
 * Takes headings, paragraphs, list items and blockquotes in document order, and hidden elements' text.
 */
public final class HtmlExtractor {
    public ExtractedPage extract(String html, String baseUri) {
        Document doc = Jsoup.parse(html, baseUri == null ? "" : baseUri);
        doc.select("script, style, nav, header, footer, aside, form, noscript").remove();
        List<String> hidden = new ArrayList<>();
        for (Element e : doc.select("[hidden], [aria-hidden=true], [style~=(?i)display:\\s*none|visibility:\\s*hidden]")) {
            String text = e.text().strip();
            if (!text.isEmpty()) {
                hidden.add(text);
            }
            e.remove();
        }
        List<ExtractedBlock> blocks = new ArrayList<>();
        for (Element e : doc.body() == null ? List.<Element>of() : doc.body().select("h1, h2, h3, h4, h5, h6, p, li, blockquote, div")) {
            if (e.is("div") && e.select("div, p, li, blockquote, h1, h2, h3, h4, h5, h6").size() > 1) {
                continue; // only leaf divs hold text of their own
            }
            if (e.parents().stream().anyMatch(p -> p.is("p, li, blockquote"))) {
                continue;
            }
            String text = e.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            ExtractedBlock.Kind kind = switch (e.tagName()) {
                case "li" -> ExtractedBlock.Kind.ITEM;
                case "blockquote" -> ExtractedBlock.Kind.QUOTE;
                case "p", "div" -> ExtractedBlock.Kind.PARAGRAPH;
                default -> ExtractedBlock.Kind.HEADING;
            };
            blocks.add(new ExtractedBlock(kind, text));
        }
        String title = doc.title().isBlank() ? null : doc.title().strip();
        String lang = doc.selectFirst("html") == null ? null : doc.selectFirst("html").attr("lang");
        return new ExtractedPage(title, null, lang == null || lang.isBlank() ? null : lang, blocks, hidden);
    }
}
