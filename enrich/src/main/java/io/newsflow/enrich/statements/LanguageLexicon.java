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
    /** First words of every cue: an unclosed quotation stops before ", <one of these>". */
    final Set<String> attributionWords;

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
        cues.forEach((words0, cue) -> {
            if (!cue.blocker()) {
                first.add(words0.get(0));
            }
        });
        first.addAll(pronouns.keySet());
        this.attributionWords = Set.copyOf(first);
    }

    /** Function words of this language in a text, to choose a lexicon when the article's language is unknown. */
    int functionWordHits(String text) {
        int hits = 0;
        int i = 0;
        int n = text.length();
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
