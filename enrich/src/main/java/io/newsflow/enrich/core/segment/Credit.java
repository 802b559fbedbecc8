package io.newsflow.enrich.core.segment;

/**
 * The wire agency or outlet an article credits at its end, and the line that said so (taken out of the body).
 *
 * @param agency the agency's short name ("AFP", "Reuters", "AP"), or the line itself when it names no known agency
 *     ("Reporting by ...; Editing by ...")
 * @param line the credit line as it stood in the article
 */
public record Credit(String agency, String line) {}
