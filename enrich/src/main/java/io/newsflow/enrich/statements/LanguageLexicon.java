package io.newsflow.enrich.statements;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** One language's compiled lexicon: tries and word sets, immutable once built, shared by all threads. */
final class LanguageLexicon {
    enum Nominal { ANONYMOUS, COLLECTIVE, INSTITUTION }

    final String language;
    final PhraseTrie<Cue> cues;
    final List<ActRule> rules;
    final PhraseTrie<ViaPattern> via;
    final PhraseTrie<Nominal> nominals;
    final NameGazetteer names;
    final Map<String, String> pronouns;
    final Set<String> determiners;
    final Set<String> demonstratives;
    final Set<String> roles;
    final Set<String> roleModifiers;
    final Set<String> connectors;
    final Set<String> organisationHeads;
    final Set<String> honorifics;
    final Set<String> nameParticles;
    final Set<String> adverbs;
    final Set<String> negators;
    final Set<String> clauseOpeners;
    final Set<String> complementizers;
    final Set<String> participleMarkers;
    final Set<String> passiveAgents;
    final Set<String> passiveAux;
    final Set<String> function;
    final Set<String> abbreviations;
    final Set<String> relatives;
    // Bits of wordBits: every single-word category a token can fall in, found with one lookup.
    static final int W_PRONOUN = 1;
    static final int W_ROLE = 1 << 1;
    static final int W_ORGHEAD = 1 << 2;
    static final int W_ROLEMOD = 1 << 3;
    static final int W_HONORIFIC = 1 << 4;
    static final int W_DETERMINER = 1 << 5;
    static final int W_DEMONSTRATIVE = 1 << 6;
    static final int W_PARTICLE = 1 << 7;
    static final int W_CONNECTOR = 1 << 8;
    static final int W_FUNCTION = 1 << 9;
    /** Lower-case word → bit set of its categories. */
    final Map<String, Integer> wordBits;
    /** First words of every cue: an unclosed quotation stops before ", <one of these>". */
    final Set<String> attributionWords;
    /** Cues built from roots with affixes (Indonesian, Malay): the affixes also tell common nouns from names. */
    final boolean affixMorphology;

    LanguageLexicon(String language, PhraseTrie<Cue> cues, List<ActRule> rules, PhraseTrie<ViaPattern> via,
            PhraseTrie<Nominal> nominals, NameGazetteer names, Map<String, String> pronouns,
            Map<String, Set<String>> words) {
        this.language = language;
        this.cues = cues;
        this.rules = List.copyOf(rules);
        this.via = via;
        this.nominals = nominals;
        this.names = names;
        this.pronouns = Map.copyOf(pronouns);
        this.determiners = words.get("determiners");
        this.demonstratives = words.get("demonstratives");
        this.roles = words.get("roles");
        this.roleModifiers = words.get("role_modifiers");
        this.connectors = words.get("connectors");
        this.organisationHeads = words.get("organisation_heads");
        this.honorifics = words.get("honorifics");
        this.nameParticles = words.get("name_particles");
        this.adverbs = words.get("adverbs");
        this.negators = words.get("negators");
        this.clauseOpeners = words.get("clause_openers");
        this.complementizers = words.get("complementizers");
        this.participleMarkers = words.get("participle_markers");
        this.passiveAgents = words.get("passive_agents");
        this.passiveAux = words.get("passive_aux");
        this.function = words.get("function");
        this.abbreviations = words.get("abbreviations");
        this.relatives = words.get("relatives");
        Set<String> first = new java.util.HashSet<>();
        boolean[] affixes = {false};
        cues.forEach((words0, cue) -> {
            affixes[0] |= cue.forms().contains(FormType.NYA);
            if (!cue.blocker()) {
                first.add(words0.get(0));
            }
        });
        first.addAll(pronouns.keySet());
        this.attributionWords = Set.copyOf(first);
        this.affixMorphology = affixes[0];
        Map<String, Integer> bits = new java.util.HashMap<>();
        addBits(bits, pronouns.keySet(), W_PRONOUN);
        addBits(bits, roles, W_ROLE);
        addBits(bits, organisationHeads, W_ORGHEAD);
        addBits(bits, roleModifiers, W_ROLEMOD);
        addBits(bits, honorifics, W_HONORIFIC);
        addBits(bits, determiners, W_DETERMINER);
        addBits(bits, demonstratives, W_DEMONSTRATIVE);
        addBits(bits, nameParticles, W_PARTICLE);
        addBits(bits, connectors, W_CONNECTOR);
        addBits(bits, function, W_FUNCTION);
        this.wordBits = bits;
    }

    private static void addBits(Map<String, Integer> bits, Set<String> words, int bit) {
        for (String w : words) {
            bits.merge(w, bit, (a, b) -> a | b);
        }
    }

    /** Categories of a lower-case word, 0 when it is in none. */
    int bitsOf(String key) {
        Integer b = wordBits.get(key);
        return b == null ? 0 : b;
    }

    /**
     * Function words of this language in the first {@code limit} characters of a text, to choose a lexicon when
     * the article's language is unknown.
     */
    int functionWordHits(String text, int limit) {
        int hits = 0;
        int i = 0;
        int n = Math.min(text.length(), limit);
        while (i < n) {
            while (i < n && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i > start && function.contains(text.substring(start, i).toLowerCase(java.util.Locale.ROOT))) {
                hits++;
            }
        }
        return hits;
    }

    /** Word categories a lexicon file may give under {@code words}, besides {@code pronouns}. */
    static final List<String> WORD_CATEGORIES = List.of(
            "determiners", "demonstratives", "roles", "role_modifiers", "connectors", "organisation_heads",
            "institutions", "anonymous", "collective", "honorifics", "name_particles", "adverbs", "negators",
            "clause_openers", "complementizers", "participle_markers", "passive_agents", "passive_aux", "function",
            "abbreviations", "relatives");

    /** Categories matched as phrases (several words) rather than one token at a time. */
    static final List<String> PHRASE_CATEGORIES = List.of("institutions", "anonymous", "collective");

    static final List<String> PRONOUN_KINDS = List.of("person", "male", "female", "group", "organisation");
}
