package io.newsflow.enrich.statements;

/**
 * A phrase after which the outlet a statement was relayed through is named ("seperti dikutip AP", "told Reuters").
 *
 * @param anyOutlet true: any capitalised name after the phrase is an outlet; false: only a known agency or outlet
 *     ("told reporters", "kepada wartawan" are not outlets)
 */
record ViaPattern(String phrase, boolean anyOutlet) {}
