package io.newsflow.enrich.statements;

import io.newsflow.enrich.core.ArticleBody;
import io.newsflow.enrich.core.Block;
import io.newsflow.enrich.core.Section;
import io.newsflow.enrich.core.Statement;
import io.newsflow.enrich.core.TimeBudget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Finds attributed statements in an article body: who said what (speaker with canonical name and role), how (speech
 * act), with which words (direct quotations) and through whom (via). Built once from lexicons and thread-safe: all
 * per-article state lives in the call.
 */
public final class StatementTagger {
    /** Characters read to choose a lexicon when the language is not given: a few paragraphs are plenty. */
    private static final int LANGUAGE_SAMPLE = 1200;

    private final Lexicons lexicons;

    private StatementTagger(Lexicons lexicons) {
        this.lexicons = Objects.requireNonNull(lexicons, "lexicons");
    }

    /** A tagger with the built-in Indonesian and English lexicons. */
    public static StatementTagger withDefaults() {
        return new StatementTagger(Lexicons.defaults());
    }

    public static StatementTagger load(Lexicons lexicons) {
        return new StatementTagger(lexicons);
    }

    /** Languages this tagger has cues for. */
    public Set<String> languages() {
        return lexicons.languages();
    }

    /**
     * Tags the body's lead and sections (the title and headings are not blocks, so carry no statement).
     *
     * @param language ISO 639-1 code of the article, or null to choose the lexicon by its function words; a language
     *     with no lexicon of its own falls back the same way (Malay reads with the Indonesian lexicon)
     */
    public List<Statement> tag(ArticleBody body, String language) {
        return tag(body, language, TimeBudget.unlimited());
    }

    /**
     * As {@link #tag(ArticleBody, String)}, checking {@code budget} before each block is read and before each is
     * tagged.
     *
     * @throws TimeBudget.Exceeded when the budget is spent before the last block is tagged
     */
    public List<Statement> tag(ArticleBody body, String language, TimeBudget budget) {
        LanguageLexicon lex = pick(language, body);
        if (lex == null) {
            return List.of();
        }
        List<BlockAnalysis> blocks = new ArrayList<>();
        int order = 0;
        for (int i = 0; i < body.lead().size(); i++) {
            budget.check();
            blocks.add(new BlockAnalysis(Statement.LEAD, i, order++, body.lead().get(i).text(), lex));
        }
        for (int s = 0; s < body.sections().size(); s++) {
            Section section = body.sections().get(s);
            for (int i = 0; i < section.blocks().size(); i++) {
                Block block = section.blocks().get(i);
                budget.check();
                blocks.add(new BlockAnalysis(s, i, order++, block.text(), lex));
            }
        }
        if (blocks.isEmpty()) {
            return List.of();
        }
        Set<String> lowerSeen = new HashSet<>();
        for (BlockAnalysis b : blocks) {
            b.collectLowerCase(lowerSeen);
        }
        for (BlockAnalysis b : blocks) {
            budget.check();
            b.analyse(lex, lowerSeen);
        }
        return List.copyOf(new ArticleTagger(lex, blocks, budget).run());
    }

    private LanguageLexicon pick(String language, ArticleBody body) {
        if (language != null) {
            String code = language.strip().toLowerCase(Locale.ROOT);
            int dash = code.indexOf('-');
            if (dash > 0) {
                code = code.substring(0, dash);
            }
            LanguageLexicon lex = lexicons.language(code);
            if (lex != null) {
                return lex;
            }
        }
        LanguageLexicon best = null;
        int bestHits = -1;
        for (LanguageLexicon lex : lexicons.all()) {
            int hits = 0;
            int budget = LANGUAGE_SAMPLE;
            List<Block> all = new ArrayList<>(body.lead());
            body.sections().forEach(s -> all.addAll(s.blocks()));
            for (int i = 0; i < all.size() && budget > 0; i++) {
                hits += lex.functionWordHits(all.get(i).text(), budget);
                budget -= all.get(i).text().length();
            }
            if (hits > bestHits) {
                best = lex;
                bestHits = hits;
            }
        }
        return best;
    }
}
