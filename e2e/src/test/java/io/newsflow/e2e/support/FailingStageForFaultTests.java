package io.newsflow.e2e.support;

import io.newsflow.enrich.core.ArticleInput;
import io.newsflow.enrich.core.Stage;
import io.newsflow.enrich.pipeline.StageHook;

/**
 * The e2e tests' failing stage, found by enrich's {@link StageHook} seam through
 * {@code META-INF/services/io.newsflow.enrich.pipeline.StageHook} in the test resources, which the child service JVMs
 * have on their class path (they get the test JVM's): statement tagging throws for a page whose URL contains
 * {@link #MARK}; every other page passes untouched.
 */
public final class FailingStageForFaultTests implements StageHook {
    public static final String MARK = "newsflow-fault-test-stage-throws";
    public static final Stage FAILING = Stage.STATEMENTS;

    @Override
    public void beforeStage(Stage stage, ArticleInput input) {
        if (stage == FAILING && input.url() != null && input.url().contains(MARK)) {
            throw new IllegalStateException("fault test: stage " + stage + " throws for this page");
        }
    }
}
