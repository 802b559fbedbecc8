package io.newsflow.enrich.core.segment;

import io.newsflow.enrich.core.ArticleBody;

/** A segmented article: its body (title, lead, sections), its byline and its credit line, either may be null. */
public record Segmentation(ArticleBody body, String byline, Credit credit) {}
