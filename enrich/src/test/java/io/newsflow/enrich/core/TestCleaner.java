package io.newsflow.enrich.core;

import io.newsflow.enrich.core.lang.LanguageGuesser;
import io.newsflow.enrich.core.spam.SpamRules;
import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.enrich.pipeline.CleaningLimits;
import io.newsflow.enrich.pipeline.StageHook;
import io.newsflow.enrich.statements.StatementTagger;
import java.util.List;
import java.util.function.LongSupplier;

/** One cleaner for all tests of a JVM: the language models take seconds and hundreds of MB to load. */
public final class TestCleaner {
    private static final class Holder {
        static final LanguageGuesser LANGUAGES = LanguageGuesser.defaults();
        static final StatementTagger TAGGER = StatementTagger.withDefaults();
        static final ArticleCleaner CLEANER = new ArticleCleaner(SpamRules.defaults(), LANGUAGES, TAGGER,
                ArticleCleaner.DEFAULT_MIN_WORDS);
    }

    private TestCleaner() {}

    public static ArticleCleaner get() {
        return Holder.CLEANER;
    }

    /** A cleaner with its own limits, hooks and clock, sharing the language models and lexicons of {@link #get()}. */
    public static ArticleCleaner with(CleaningLimits limits, List<StageHook> hooks, LongSupplier ticker) {
        return with(ArticleCleaner.DEFAULT_MIN_WORDS, limits, hooks, ticker);
    }

    /** As {@link #with(CleaningLimits, List, LongSupplier)}, with its own word minimum. */
    public static ArticleCleaner with(int minWords, CleaningLimits limits, List<StageHook> hooks, LongSupplier ticker) {
        return new ArticleCleaner(SpamRules.defaults(), Holder.LANGUAGES, Holder.TAGGER, minWords, limits, hooks, ticker);
    }

    /** The statement tagger of {@link #get()}. */
    public static StatementTagger tagger() {
        return Holder.TAGGER;
    }
}
