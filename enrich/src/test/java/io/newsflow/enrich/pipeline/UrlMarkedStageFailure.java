package io.newsflow.enrich.pipeline;

import io.newsflow.enrich.core.ArticleInput;
import io.newsflow.enrich.core.Stage;

/**
 * The enrich tests' {@link StageHook}, registered in {@code META-INF/services}: stage X throws for an input whose URL
 * contains {@code newsflow-test-fail=X}; every other input passes untouched.
 */
public final class UrlMarkedStageFailure implements StageHook {
    public static final String MARK = "newsflow-test-fail=";

    @Override
    public void beforeStage(Stage stage, ArticleInput input) {
        if (input.url().contains(MARK + stage.name())) {
            throw new IllegalStateException("test hook: stage " + stage + " fails for this input");
        }
    }
}
