package io.newsflow.enrich.pipeline;

import io.newsflow.enrich.core.ArticleBody;
import io.newsflow.enrich.core.ArticleInput;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.enrich.core.CleanedArticle;
import io.newsflow.enrich.core.RejectReason;
import io.newsflow.enrich.core.Section;
import io.newsflow.enrich.core.Statement;
import io.newsflow.enrich.core.Words;
import io.newsflow.enrich.core.decode.DecodedPage;
import io.newsflow.enrich.core.decode.PageDecoder;
import io.newsflow.enrich.core.extract.ExtractedPage;
import io.newsflow.enrich.core.extract.HtmlExtractor;
import io.newsflow.enrich.core.lang.LanguageGuesser;
import io.newsflow.enrich.core.segment.Segmentation;
import io.newsflow.enrich.core.segment.Segmenter;
import io.newsflow.enrich.core.spam.SpamRules;
import io.newsflow.enrich.core.spam.SpamStripper;
import io.newsflow.enrich.core.spam.StrippedPage;
import io.newsflow.enrich.core.text.PlainTextExtractor;
import io.newsflow.enrich.statements.StatementTagger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one entry point from page bytes to a cleaned article: decode, extract (HTML or plain text, chosen by
 * content), strip spam, segment, tell the language, tag statements. Expected bad input comes back as a
 * {@link CleanResult.Rejected} with a reason; an exception means a bug or a page that broke a stage.
 *
 * <p>Thread-safe and meant to be built once: the language models it holds are large.
 */
public final class ArticleCleaner {
    /** Fewest words a cleaned body may have and still be called an article. */
    public static final int DEFAULT_MIN_WORDS = 25;

    private final PageDecoder decoder = new PageDecoder();
    private final HtmlExtractor htmlExtractor = new HtmlExtractor();
    private final PlainTextExtractor textExtractor = new PlainTextExtractor();
    private final Segmenter segmenter = new Segmenter();
    private final SpamStripper stripper;
    private final LanguageGuesser languages;
    private final StatementTagger tagger;
    private final int minWords;

    public ArticleCleaner(SpamRules rules, LanguageGuesser languages, StatementTagger tagger, int minWords) {
        this.stripper = new SpamStripper(Objects.requireNonNull(rules, "rules"));
        this.languages = Objects.requireNonNull(languages, "languages");
        this.tagger = Objects.requireNonNull(tagger, "tagger");
        this.minWords = minWords;
    }

    /** Built-in spam rules, the default language candidates, the default word minimum. */
    public static ArticleCleaner defaults() {
        return new ArticleCleaner(SpamRules.defaults(), LanguageGuesser.defaults(), StatementTagger.withDefaults(), DEFAULT_MIN_WORDS);
    }

    public CleanResult clean(ArticleInput input) {
        DecodedPage decoded;
        try {
            decoded = decoder.decode(input.body(), input.contentType(), input.charset());
        } catch (PageDecoder.DecodeException e) {
            RejectReason reason = switch (e.failure()) {
                case EMPTY -> RejectReason.EMPTY_BODY;
                case BINARY -> RejectReason.BINARY_CONTENT;
                case UNDECODABLE -> RejectReason.UNDECODABLE_CHARSET;
            };
            return new CleanResult.Rejected(reason, e.getMessage());
        }
        ExtractedPage page = decoded.html()
                ? htmlExtractor.extract(decoded.text(), input.canonicalUrl() != null ? input.canonicalUrl() : input.url())
                : textExtractor.extract(decoded.text());
        return clean(page, input);
    }

    /** The stages after extraction, for a page some other extractor produced. */
    public CleanResult clean(ExtractedPage page, ArticleInput input) {
        StrippedPage stripped = stripper.strip(page);
        Segmentation segmentation = segmenter.segment(stripped.page());
        ArticleBody body = segmentation.body();
        if (body.title() == null && input.feedTitle() != null) {
            body = new ArticleBody(input.feedTitle(), body.lead(), body.sections());
        }
        String text = plainText(body);
        int words = Words.count(text);
        if (words < minWords) {
            return new CleanResult.Rejected(RejectReason.NOT_AN_ARTICLE,
                    "only " + words + (words == 1 ? " word" : " words") + " of text after cleaning (an article has at least "
                            + minWords + ")");
        }
        String declared = page.htmlLanguage() != null ? page.htmlLanguage() : input.languageHint();
        String language = languages.guess(body.title() == null ? text : body.title() + "\n" + text, declared);
        List<Statement> statements = tagger.tag(body, language);
        String byline = segmentation.byline() != null ? segmentation.byline() : input.feedAuthor();
        String credit = segmentation.credit() == null ? null : segmentation.credit().agency();
        Instant publishedAt = page.publishedAt() != null ? page.publishedAt() : input.publishedAt();
        return new CleanResult.Cleaned(new CleanedArticle(
                body, byline, publishedAt, language, credit, statements, stripped.removals(), text, words));
    }

    /** Lead and sections, headings included, blocks separated by blank lines. */
    public static String plainText(ArticleBody body) {
        List<String> parts = new ArrayList<>();
        body.lead().forEach(b -> parts.add(b.text()));
        for (Section section : body.sections()) {
            parts.add(section.heading());
            section.blocks().forEach(b -> parts.add(b.text()));
        }
        return String.join("\n\n", parts);
    }
}
