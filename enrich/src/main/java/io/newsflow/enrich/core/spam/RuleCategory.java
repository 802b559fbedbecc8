package io.newsflow.enrich.core.spam;

/** Why a line goes: injected spam, or the site's own boilerplate left in the text. */
public enum RuleCategory {
    SPAM,
    BOILERPLATE
}
