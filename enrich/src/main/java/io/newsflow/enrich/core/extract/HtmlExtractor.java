package io.newsflow.enrich.core.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Extracts an article's main text from an HTML page: title, byline, declared language, and the headings,
 * paragraphs, list items and quotations of the article in reading order. Navigation, boilerplate and anything a
 * reader cannot see are dropped; the text of hidden elements is reported separately in
 * {@link ExtractedPage#hiddenTexts()}.
 *
 * <p>Readability-style: one bottom-up pass measures every element and scores paragraphs into their ancestors; the
 * best-scoring container plus its worthy siblings is the article; a second walk over just the article writes the
 * blocks. When that yields too little text, the pass is repeated with fewer assumptions (unlikely-looking classes
 * kept, then class weights ignored, then no conditional cleaning) and the longest result wins.
 *
 * <p>Stateless and thread-safe: one instance can serve every thread.
 */
public final class HtmlExtractor {
    /** Below this many characters an attempt is considered a miss, as in Readability. */
    static final int MIN_ARTICLE_CHARS = 500;
    private static final double RETRY_GAIN = 1.5;
    private static final int RETRY_MIN_EXTRA_CHARS = 200;
    /** A block repeating an earlier one is dropped from this length on. */
    private static final int MIN_REPEAT_CHARS = 40;
    private static final int REPEAT_WINDOW = 2;
    private static final int BYLINE_PARAGRAPH_WINDOW = 3;
    /** "Re: ", "AW: ", "Balas: ": a reply's subject. */
    private static final Pattern REPLY_PREFIX = Pattern.compile("(?i:re|aw|sv|antw|balas)\\s*:\\s*");
    private static final int MAX_BYLINE_PARAGRAPH_CHARS = 100;

    /** Parses and extracts a page given as text. */
    public ExtractedPage extract(String html, String baseUri) {
        return extract(parse(html, baseUri));
    }

    /** Parses a page given as text with jsoup's HTML parser, as {@link #extract(String, String)} does. */
    public static Document parse(String html, String baseUri) {
        Objects.requireNonNull(html, "html");
        // A byte-order mark decoded into the text would otherwise push the head's elements into the body.
        String markup = !html.isEmpty() && html.charAt(0) == '\uFEFF' ? html.substring(1) : html;
        return Jsoup.parse(markup, baseUri == null ? "" : baseUri);
    }

    /**
     * Keeps the first {@code maxElements} elements of {@code document} in document order and removes the rest
     * (with their subtrees): the bound on how much of a huge page the extractor walks.
     *
     * @return how many elements the document had
     */
    public static int keepFirstElements(Document document, int maxElements) {
        var all = document.getAllElements();
        int count = all.size();
        for (int i = count - 1; i >= maxElements; i--) {
            all.get(i).remove();
        }
        return count;
    }

    /**
     * Parses and extracts a page given as bytes. A byte-order mark wins; then {@code charsetHint} (typically from the
     * HTTP Content-Type header) when it names a charset this JVM knows; otherwise jsoup sniffs the
     * {@code <meta charset>} and falls back to UTF-8.
     */
    public ExtractedPage extract(byte[] html, String charsetHint, String baseUri) {
        Objects.requireNonNull(html, "html");
        try {
            Document document = Jsoup.parse(new ByteArrayInputStream(html), supportedOrNull(charsetHint),
                    baseUri == null ? "" : baseUri);
            return extract(document);
        } catch (IOException e) {
            throw new UncheckedIOException("reading HTML from memory failed", e);
        }
    }

    /** Extracts from a document already parsed by jsoup's HTML parser. The document is not modified. */
    public ExtractedPage extract(Document document) {
        Objects.requireNonNull(document, "document");
        PageMetadata metadata = PageMetadata.read(document);
        Element body = document.body();
        ClassHints hints = new ClassHints();
        List<Element> hiddenElements = new ArrayList<>();

        ContentAnalysis analysis = new ContentAnalysis(true, true, hints, new ContentAnalysis.Sink() {
            @Override
            public void hidden(Element element) {
                hiddenElements.add(element);
            }

            @Override
            public void structuredData(Element element) {
                metadata.readStructuredData(element);
            }
        });
        analysis.run(body);
        String title = chooseTitle(metadata, analysis.headline);
        Predicate<String> namesPage = heading -> namesPage(metadata, title, heading);
        Attempt best = write(analysis, true, namesPage);
        if (best.chars < MIN_ARTICLE_CHARS) {
            best = retry(best, body, hints, false, true, true, namesPage);
        }
        if (best.chars < MIN_ARTICLE_CHARS) {
            best = retry(best, body, hints, false, false, true, namesPage);
        }
        if (best.chars < MIN_ARTICLE_CHARS) {
            best = retry(best, body, hints, false, false, false, namesPage);
        }

        List<ExtractedBlock> blocks = withoutRepeats(withoutTitleHeading(best.blocks, title));
        String byline = metadata.author;
        if (byline == null && analysis.byline != null) {
            byline = bylineText(analysis);
        }
        int bylineParagraph = bylineParagraph(blocks);
        if (bylineParagraph >= 0) {
            if (byline == null) {
                byline = PageMetadata.stripByPrefix(blocks.get(bylineParagraph).text());
            }
            blocks = new ArrayList<>(blocks);
            blocks.remove(bylineParagraph);
        }
        return new ExtractedPage(title, byline, metadata.language, blocks, hiddenTexts(hiddenElements),
                metadata.siteName, metadata.publishedAt());
    }

    private record Attempt(List<ExtractedBlock> blocks, int chars) {}

    private static Attempt retry(
            Attempt best, Element body, ClassHints hints, boolean stripUnlikely, boolean weightClasses,
            boolean cleanConditionally, Predicate<String> namesPage) {
        ContentAnalysis analysis = new ContentAnalysis(stripUnlikely, weightClasses, hints, hidden -> { });
        analysis.run(body);
        Attempt attempt = write(analysis, cleanConditionally, namesPage);
        // A looser attempt must find clearly more, not just the advert or comment that strict mode left out.
        return attempt.chars >= best.chars * RETRY_GAIN && attempt.chars >= best.chars + RETRY_MIN_EXTRA_CHARS
                ? attempt
                : best;
    }

    private static Attempt write(ContentAnalysis analysis, boolean cleanConditionally, Predicate<String> namesPage) {
        List<NodeStats> article = analysis.selectArticle(namesPage);
        Set<Element> roots = Collections.newSetFromMap(new IdentityHashMap<>());
        for (NodeStats node : article) {
            roots.add(node.element);
        }
        BlockWriter writer = new BlockWriter(new ArticleFilter(analysis, roots, cleanConditionally));
        for (NodeStats node : article) {
            writer.write(node.element);
        }
        List<ExtractedBlock> blocks = writer.finish();
        int chars = 0;
        for (ExtractedBlock block : blocks) {
            chars += block.text().length();
        }
        return new Attempt(blocks, chars);
    }

    /** The byline element's visible text without share buttons and the like, "By" removed. */
    private static String bylineText(ContentAnalysis analysis) {
        BlockWriter writer = new BlockWriter((element, role) -> {
            NodeStats node = analysis.stats.get(element);
            return node != null && (node.classFlags & ClassHints.SHARE) == 0;
        });
        writer.writeContent(analysis.byline.element);
        StringBuilder text = new StringBuilder();
        for (ExtractedBlock block : writer.finish()) {
            text.append(text.isEmpty() ? "" : " ").append(block.text().replace('\n', ' '));
        }
        return text.isEmpty() ? null : PageMetadata.stripByPrefix(text.toString());
    }

    /**
     * The page's headline when the head's title confirms it (contains it, and it is a good part of it, not the
     * site's logo), else the head's title without the site name.
     */
    private static String chooseTitle(PageMetadata metadata, NodeStats headline) {
        String headTitle = metadata.headTitle();
        if (headline != null) {
            String h1 = Text.normalize(headline.element.text());
            if (h1 != null && (headTitle == null || confirms(headTitle, h1)
                    || confirms(metadata.documentTitle, h1) || confirms(metadata.openGraphTitle, h1))) {
                return h1;
            }
        }
        return headTitle;
    }

    /** Whether a heading in the page is the page's title: the chosen title, or one of the head's titles holding it. */
    private static boolean namesPage(PageMetadata metadata, String title, String heading) {
        String text = Text.normalize(heading);
        return text != null && (text.equalsIgnoreCase(title) || confirms(metadata.headTitle(), text)
                || confirms(metadata.documentTitle, text) || confirms(metadata.openGraphTitle, text));
    }

    private static boolean confirms(String headTitle, String headline) {
        return headTitle != null && headline.length() >= headTitle.length() * 0.4
                && headTitle.toLowerCase(Locale.ROOT).contains(headline.toLowerCase(Locale.ROOT));
    }

    /**
     * A byline written as a plain paragraph ("By Tom Baker, Staff Writer") among the first blocks, before the text
     * starts: the page's byline, not a line of its text. -1 when there is none.
     */
    private static int bylineParagraph(List<ExtractedBlock> blocks) {
        for (int i = 0; i < Math.min(blocks.size(), BYLINE_PARAGRAPH_WINDOW); i++) {
            ExtractedBlock block = blocks.get(i);
            if (block.kind() != ExtractedBlock.Kind.PARAGRAPH) {
                continue;
            }
            if (block.text().length() <= MAX_BYLINE_PARAGRAPH_CHARS && BylineLine.matches(block.text())) {
                return i;
            }
            if (block.text().length() > MAX_BYLINE_PARAGRAPH_CHARS) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * The headline is reported as the title, so a heading repeating it near the top is not a block; nor is a reply's
     * heading anywhere ("Re: <title>" over each post of a forum thread).
     */
    private static List<ExtractedBlock> withoutTitleHeading(List<ExtractedBlock> blocks, String title) {
        if (title == null) {
            return blocks;
        }
        List<ExtractedBlock> rest = new ArrayList<>(blocks.size());
        boolean headlineSeen = false;
        for (int i = 0; i < blocks.size(); i++) {
            ExtractedBlock block = blocks.get(i);
            boolean heading = block.kind() == ExtractedBlock.Kind.HEADING;
            if (heading && !headlineSeen && i < 3 && block.text().equalsIgnoreCase(title)) {
                headlineSeen = true;
            } else if (!(heading && isReplyTo(block.text(), title))) {
                rest.add(block);
            }
        }
        return rest.size() == blocks.size() ? blocks : rest;
    }

    private static boolean isReplyTo(String heading, String title) {
        Matcher reply = REPLY_PREFIX.matcher(heading);
        return reply.lookingAt() && heading.substring(reply.end()).equalsIgnoreCase(title);
    }

    /**
     * A paragraph or quotation that repeats one of the two blocks before it word for word is the same text shown
     * twice: a caption written both over the image and under it, a teaser above its story. Short lines ("***") may
     * repeat, and so may text further apart (the same question put to each person of an interview).
     */
    private static List<ExtractedBlock> withoutRepeats(List<ExtractedBlock> blocks) {
        List<ExtractedBlock> kept = new ArrayList<>(blocks.size());
        for (ExtractedBlock block : blocks) {
            boolean repeat = block.text().length() >= MIN_REPEAT_CHARS
                    && (block.kind() == ExtractedBlock.Kind.PARAGRAPH || block.kind() == ExtractedBlock.Kind.QUOTE)
                    && repeatsOneOfLast(kept, block.text(), REPEAT_WINDOW);
            if (!repeat) {
                kept.add(block);
            }
        }
        return kept.size() == blocks.size() ? blocks : kept;
    }

    private static boolean repeatsOneOfLast(List<ExtractedBlock> kept, String text, int window) {
        for (int i = kept.size() - 1; i >= 0 && i >= kept.size() - window; i--) {
            if (kept.get(i).text().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> hiddenTexts(List<Element> hiddenElements) {
        List<String> texts = new ArrayList<>(hiddenElements.size());
        for (Element hidden : hiddenElements) {
            BlockWriter writer = new BlockWriter(BlockWriter.EVERYTHING_BUT_NOISE);
            writer.writeContent(hidden);
            StringBuilder text = new StringBuilder();
            for (ExtractedBlock block : writer.finish()) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(block.text());
            }
            if (!text.isEmpty()) {
                texts.add(text.toString());
            }
        }
        return texts;
    }

    private static String supportedOrNull(String charsetHint) {
        if (charsetHint == null || charsetHint.isBlank()) {
            return null;
        }
        try {
            String name = charsetHint.trim();
            return Charset.isSupported(name) ? name : null;
        } catch (IllegalCharsetNameException e) {
            return null;
        }
    }
}
