package io.newsflow.enrich.statements;

import io.newsflow.enrich.core.ArticleBody;
import io.newsflow.enrich.core.Statement;
import java.util.List;

/** TEMPORARY STAND-IN until the tagger branch lands the real tagger under this name; deleted then. Finds nothing. */
public final class StatementTagger {
    public List<Statement> tag(ArticleBody body, String language) {
        return List.of();
    }
}
