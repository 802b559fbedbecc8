package io.newsflow.enrich.core;

/** A line taken out of an article, and the rule (id and version) that took it. */
public record SpamRemoval(String text, String rule, int ruleVersion) {}
