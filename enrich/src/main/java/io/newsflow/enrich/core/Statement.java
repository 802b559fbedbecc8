package io.newsflow.enrich.core;

import java.util.List;

/**
 * An attributed statement found in one block.
 *
 * @param section index into the article's sections, or {@link #LEAD} for the lead
 * @param block index of the block within its section (or the lead)
 * @param start offset of {@code text} in the block's text, inclusive
 * @param end offset of {@code text} in the block's text, exclusive
 * @param speaker null when the statement is reported but its speaker could not be told
 * @param via the agency or outlet the statement was relayed through, or null
 */
public record Statement(
        int section,
        int block,
        String text,
        Speaker speaker,
        SpeechAct act,
        List<String> quotes,
        String via,
        int start,
        int end,
        double confidence) {

    public static final int LEAD = -1;

    public Statement {
        quotes = List.copyOf(quotes);
    }
}
