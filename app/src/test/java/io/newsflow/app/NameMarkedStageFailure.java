package io.newsflow.app;

import io.newsflow.enrich.core.ArticleInput;
import io.newsflow.enrich.core.Stage;
import io.newsflow.enrich.pipeline.StageHook;

/**
 * The app tests' {@link StageHook} (registered in {@code META-INF/services}): stage X throws for a file whose name
 * contains {@code fail-X}; every other input passes untouched.
 */
public final class NameMarkedStageFailure implements StageHook {
    @Override
    public void beforeStage(Stage stage, ArticleInput input) {
        if (input.url().contains("fail-" + stage.name())) {
            throw new IllegalStateException("test hook: stage " + stage + " fails for this file");
        }
    }
}
