package io.newsflow.enrich.pipeline;

import io.newsflow.enrich.core.ArticleInput;
import io.newsflow.enrich.core.Stage;
import java.util.List;

/**
 * A test seam: called before every stage of every article, so that a test can make a stage throw (or spend the
 * article's time budget) for an input it chose, and watch the article degrade or be dead-lettered as in production.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}, once per JVM, from
 * {@code META-INF/services/io.newsflow.enrich.pipeline.StageHook} on the class path. None ships in production;
 * a test puts its own on the class path (test classes and resources) and lets it act only on inputs it marked
 * (for instance by URL), since every cleaner of that JVM calls it. A hook that throws is that stage throwing:
 * for an optional stage the article is published without its output, for decoding or extraction it is
 * dead-lettered.
 */
public interface StageHook {

    void beforeStage(Stage stage, ArticleInput input);

    /** The hooks on the class path, loaded once; empty in production. */
    static List<StageHook> installed() {
        return InstalledStageHooks.HOOKS;
    }
}
