package io.newsflow.enrich.core;

import io.newsflow.enrich.pipeline.ArticleCleaner;

/** One cleaner for all tests of a JVM: the language models take seconds and hundreds of MB to load. */
public final class TestCleaner {
    private static final class Holder {
        static final ArticleCleaner CLEANER = ArticleCleaner.defaults();
    }

    private TestCleaner() {}

    public static ArticleCleaner get() {
        return Holder.CLEANER;
    }
}
