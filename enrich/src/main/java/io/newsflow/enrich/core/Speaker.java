package io.newsflow.enrich.core;

/** Who made a statement: a canonical full name (person or organisation) and the role as written, if any. */
public record Speaker(String name, String role) {}
