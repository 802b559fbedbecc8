package io.newsflow.enrich.statements;

import static io.newsflow.enrich.statements.BlockAnalysis.PLACE;
import static io.newsflow.enrich.statements.BlockAnalysis.PRON;

import java.util.Set;

/**
 * Reads the outlet named after a via phrase: a known agency ("AP", "Associated Press"), or a capitalised name when
 * the phrase always names an outlet ("seperti dikutip ...") or a media word says so ("state broadcaster ERT",
 * "Metro TV"); "kepada wartawan" / "told reporters" name none.
 */
final class Outlets {
    private static final Set<String> OUTLET_FILLERS = Set.of("the", "kantor", "berita", "state", "news", "agency",
            "media", "stasiun", "televisi", "harian", "surat", "kabar", "broadcaster", "newspaper", "outlet",
            "pemerintah", "negara", "resmi", "official", "daily", "television", "tv", "radio", "program");
    private static final Set<String> MEDIA_FILLERS = Set.of("berita", "agency", "stasiun", "televisi", "harian",
            "kabar", "broadcaster", "newspaper", "outlet", "daily", "television", "radio");

    private Outlets() {}

    static String after(LanguageLexicon lex, BlockAnalysis b, int i, int ue, boolean anyOutlet) {
        int j = i;
        boolean mediaFiller = false;
        while (j < ue && j < i + 5 && b.tokens.get(j).isWord()
                && (OUTLET_FILLERS.contains(b.tokens.get(j).key) || b.cls[j] == PLACE)
                && b.agencyName[j] == null) {
            mediaFiller |= MEDIA_FILLERS.contains(b.tokens.get(j).key);
            j++;
        }
        if (j >= ue) {
            return null;
        }
        if (b.agencyName[j] != null && b.cls[j] == BlockAnalysis.AGENCY) {
            return b.agencyName[j];
        }
        Token t = b.tokens.get(j);
        if (!t.isWord() || !t.cap || b.cls[j] == PRON) {
            return null;
        }
        int k = j;
        boolean media = false;
        while (k < ue && b.tokens.get(k).isWord() && (b.tokens.get(k).cap || b.cls[k] == BlockAnalysis.PARTICLE)) {
            media |= lex.names.isMediaWord(b.tokens.get(k).key);
            k++;
        }
        if (anyOutlet || media || mediaFiller) {
            return b.span(j, k); // "told state broadcaster ERT": the word before says it is an outlet
        }
        return null;
    }
}
