package io.newsflow.enrich.pipeline;

import io.newsflow.enrich.core.ArticleBody;
import io.newsflow.enrich.core.ArticleInput;
import io.newsflow.enrich.core.Block;
import io.newsflow.enrich.core.BlockKind;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.enrich.core.CleanedArticle;
import io.newsflow.enrich.core.Degradation;
import io.newsflow.enrich.core.RejectReason;
import io.newsflow.enrich.core.Section;
import io.newsflow.enrich.core.Stage;
import io.newsflow.enrich.core.Statement;
import io.newsflow.enrich.core.TimeBudget;
import io.newsflow.enrich.core.Words;
import io.newsflow.enrich.core.decode.DecodedPage;
import io.newsflow.enrich.core.decode.PageDecoder;
import io.newsflow.enrich.core.extract.ExtractedBlock;
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
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jsoup.nodes.Document;

/**
 * The one entry point from page bytes to a cleaned article: decode, extract (HTML or plain text, chosen by
 * content), strip spam, segment, tell the language, tag statements. Expected bad input comes back as a
 * {@link CleanResult.Rejected} with a reason. Decoding and extraction are required: an exception there means no
 * article can be made and is the caller's to report. The later stages are optional: one that throws, or that the
 * article's time budget leaves no time for, is skipped, and the article comes back without that stage's output
 * and with a {@link Degradation} naming it. Pages over the {@link CleaningLimits} are cut, and say so the same way.
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
    private final CleaningLimits limits;
    private final List<StageHook> hooks;
    private final LongSupplier ticker;

    public ArticleCleaner(SpamRules rules, LanguageGuesser languages, StatementTagger tagger, int minWords) {
        this(rules, languages, tagger, minWords, CleaningLimits.defaults());
    }

    /** With the stage hooks on the class path ({@link StageHook#installed()}), none in production. */
    public ArticleCleaner(SpamRules rules, LanguageGuesser languages, StatementTagger tagger, int minWords,
            CleaningLimits limits) {
        this(rules, languages, tagger, minWords, limits, StageHook.installed(), System::nanoTime);
    }

    /**
     * @param hooks called before every stage (tests)
     * @param ticker the monotonic clock of the time budget, in nanoseconds ({@code System::nanoTime})
     */
    public ArticleCleaner(SpamRules rules, LanguageGuesser languages, StatementTagger tagger, int minWords,
            CleaningLimits limits, List<StageHook> hooks, LongSupplier ticker) {
        this.stripper = new SpamStripper(Objects.requireNonNull(rules, "rules"));
        this.languages = Objects.requireNonNull(languages, "languages");
        this.tagger = Objects.requireNonNull(tagger, "tagger");
        this.minWords = minWords;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.hooks = List.copyOf(hooks);
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** Built-in spam rules, the default language candidates, the default word minimum and limits. */
    public static ArticleCleaner defaults() {
        return new ArticleCleaner(SpamRules.defaults(), LanguageGuesser.defaults(), StatementTagger.withDefaults(), DEFAULT_MIN_WORDS);
    }

    public CleanResult clean(ArticleInput input) {
        TimeBudget budget = TimeBudget.start(limits.timeBudget(), ticker);
        List<Degradation> degraded = new ArrayList<>();
        byte[] bytes = input.body();
        if (bytes.length > limits.maxPageBytes()) {
            degraded.add(new Degradation(Stage.EXTRACTION, Degradation.Cause.INPUT_LIMIT, "page of " + bytes.length
                    + " bytes cut to its first " + limits.maxPageBytes() + " (enrich.maxPageBytes)"));
            bytes = Arrays.copyOf(bytes, (int) limits.maxPageBytes());
        }
        beforeStage(Stage.DECODE, input);
        DecodedPage decoded;
        try {
            decoded = decoder.decode(bytes, input.contentType(), input.charset());
        } catch (PageDecoder.DecodeException e) {
            RejectReason reason = switch (e.failure()) {
                case EMPTY -> RejectReason.EMPTY_BODY;
                case BINARY -> RejectReason.BINARY_CONTENT;
                case UNDECODABLE -> RejectReason.UNDECODABLE_CHARSET;
            };
            return new CleanResult.Rejected(reason, e.getMessage());
        }
        beforeStage(Stage.EXTRACTION, input);
        ExtractedPage page = decoded.html() ? extractHtml(decoded.text(), input, degraded) : textExtractor.extract(decoded.text());
        return clean(page, input, budget, degraded);
    }

    /** The stages after extraction, for a page some other extractor produced. */
    public CleanResult clean(ExtractedPage page, ArticleInput input) {
        return clean(page, input, TimeBudget.start(limits.timeBudget(), ticker), new ArrayList<>());
    }

    private ExtractedPage extractHtml(String html, ArticleInput input, List<Degradation> degraded) {
        Document document = HtmlExtractor.parse(html, input.canonicalUrl() != null ? input.canonicalUrl() : input.url());
        int elements = HtmlExtractor.keepFirstElements(document, limits.maxElements());
        if (elements > limits.maxElements()) {
            degraded.add(new Degradation(Stage.EXTRACTION, Degradation.Cause.INPUT_LIMIT, "page of " + elements
                    + " elements cut to its first " + limits.maxElements() + " (enrich.maxElements)"));
        }
        return htmlExtractor.extract(document);
    }

    private CleanResult clean(ExtractedPage page, ArticleInput input, TimeBudget budget, List<Degradation> degraded) {
        StrippedPage stripped = optional(Stage.SPAM, input, budget, degraded,
                () -> stripper.strip(page), () -> new StrippedPage(page, List.of()));
        Segmentation segmentation = optional(Stage.SEGMENTATION, input, budget, degraded,
                () -> segmenter.segment(stripped.page()), () -> unsegmented(stripped.page()));
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
        String titled = body.title() == null ? text : body.title() + "\n" + text;
        String language = optional(Stage.LANGUAGE, input, budget, degraded,
                () -> languages.guess(titled, declared), () -> null);
        ArticleBody tagged = body;
        List<Statement> statements = optional(Stage.STATEMENTS, input, budget, degraded,
                () -> tagger.tag(tagged, language, budget), List::of);
        String byline = segmentation.byline() != null ? segmentation.byline() : input.feedAuthor();
        String credit = segmentation.credit() == null ? null : segmentation.credit().agency();
        Instant publishedAt = page.publishedAt() != null ? page.publishedAt() : input.publishedAt();
        return new CleanResult.Cleaned(new CleanedArticle(
                body, byline, publishedAt, language, credit, statements, stripped.removals(), text, words, degraded));
    }

    /**
     * Runs an optional stage; when the budget is already spent, the budget runs out inside it, or it throws, the
     * article goes on with {@code without} and the reason is recorded. Only exceptions and stack overflows are
     * caught: an out-of-memory error or another {@link Error} is the JVM's, not the article's.
     */
    private <T> T optional(Stage stage, ArticleInput input, TimeBudget budget, List<Degradation> degraded,
            Supplier<T> run, Supplier<T> without) {
        if (budget.exceeded()) {
            degraded.add(Degradation.timeBudget(stage, budget));
            return without.get();
        }
        try {
            beforeStage(stage, input);
            return run.get();
        } catch (TimeBudget.Exceeded e) {
            degraded.add(Degradation.timeBudget(stage, budget));
        } catch (RuntimeException | StackOverflowError e) {
            degraded.add(Degradation.failed(stage, e));
        }
        return without.get();
    }

    private void beforeStage(Stage stage, ArticleInput input) {
        for (StageHook hook : hooks) {
            hook.beforeStage(stage, input);
        }
    }

    /** Without segmentation: the page's title, every extracted block a lead block (headings as paragraphs). */
    private static Segmentation unsegmented(ExtractedPage page) {
        List<Block> lead = new ArrayList<>(page.blocks().size());
        for (ExtractedBlock block : page.blocks()) {
            BlockKind kind = switch (block.kind()) {
                case HEADING, PARAGRAPH -> BlockKind.PARAGRAPH;
                case ITEM -> BlockKind.ITEM;
                case QUOTE -> BlockKind.QUOTE;
            };
            lead.add(new Block(kind, block.text()));
        }
        String title = page.title() == null || page.title().isBlank() ? null : page.title().strip();
        return new Segmentation(new ArticleBody(title, lead, List.of()), page.byline(), null);
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
