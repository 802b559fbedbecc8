package io.newsflow.enrich.statements;

import io.newsflow.enrich.core.ArticleBody;
import io.newsflow.enrich.core.Statement;
import java.util.List;

/**
 * TEMPORARY STAND-IN, with the public API of the tagger branch's class of this name, until that branch lands on
 * main; deleted then. Finds nothing.
 */
public final class StatementTagger {
    private StatementTagger() {}

    public static StatementTagger withDefaults() {
        return new StatementTagger();
    }

    public static StatementTagger load(Lexicons lexicons) {
        return new StatementTagger();
    }

    public List<Statement> tag(ArticleBody body, String language) {
        return List.of();
    }
}
