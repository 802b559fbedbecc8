package io.newsflow.enrich.core.spam;

/** Where in a page a rule looks. */
public enum RulePosition {
    /** Any visible line of the body, the trailing part included. */
    ANYWHERE,
    /** Visible lines after the article's last prose paragraph: where injected footers sit. */
    TRAILING,
    /** Text a reader could not see, which extraction already dropped. */
    HIDDEN
}
