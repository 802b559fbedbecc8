package io.newsflow.enrich.statements;

import io.newsflow.enrich.core.SpeechAct;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.newsflow.common.yaml.YamlBinding;
import io.newsflow.common.yaml.YamlBinding.Located;

/**
 * Reads lexicon files (YAML, format in docs/statements.md) into drafts, file after file: a later file adds entries
 * and overrides the same surface word, phrase or id; its {@code disable} section removes entries. Jackson binds a
 * file onto the records below ({@link YamlBinding}: unknown keys, wrong types and YAML syntax are its problems);
 * this class checks what the records hold. Every problem is reported with its file, line and path.
 */
final class LexiconLoader {
    private static final List<String> NAME_LISTS = List.of("places", "organisations", "media_words");

    /** Everything one language accumulates from the files. */
    static final class LanguageDraft {
        final String language;
        String extendsLanguage;
        final LinkedHashMap<String, Cue> cues = new LinkedHashMap<>();
        final LinkedHashMap<String, RuleDraft> rules = new LinkedHashMap<>();
        final LinkedHashMap<String, ViaPattern> via = new LinkedHashMap<>();
        final LinkedHashMap<String, String> pronouns = new LinkedHashMap<>();
        final Map<String, LinkedHashSet<String>> words = new HashMap<>();

        LanguageDraft(String language) {
            this.language = language;
            for (String category : LanguageLexicon.WORD_CATEGORIES) {
                words.put(category, new LinkedHashSet<>());
            }
        }
    }

    record RuleDraft(String id, Set<CueClass> classes, SpeechAct to, int window, List<String> markers,
                     List<String> alsoMarkers, String origin) {}

    /** The language-independent names. */
    static final class NamesDraft {
        final Map<String, LinkedHashSet<String>> lists = new HashMap<>();
        final LinkedHashMap<String, List<String>> agencies = new LinkedHashMap<>();
        final LinkedHashSet<String> female = new LinkedHashSet<>();
        final LinkedHashSet<String> male = new LinkedHashSet<>();

        NamesDraft() {
            for (String list : NAME_LISTS) {
                lists.put(list, new LinkedHashSet<>());
            }
        }
    }

    /** A lexicon file as written; every key is optional. */
    record LexiconFile(Located<String> language, @JsonProperty("extends") Located<String> extendsLanguage,
                       List<Located<CueDoc>> cues, @JsonProperty("act_rules") List<Located<RuleDoc>> actRules,
                       List<Located<ViaDoc>> via, Map<String, Located<Object>> words, Located<DisableDoc> disable,
                       List<Located<String>> places, List<Located<String>> organisations,
                       @JsonProperty("media_words") List<Located<String>> mediaWords,
                       List<Located<AgencyDoc>> agencies, @JsonProperty("first_names") FirstNamesDoc firstNames) {}

    record CueDoc(Located<String> act, @JsonProperty("class") Located<String> cueClass, Located<String> root,
                  List<Located<String>> forms, Located<String> phrase, Located<String> form, Located<String> verb,
                  Located<String> past, Located<String> participle, Located<String> s, Located<String> ing,
                  Boolean reportive) {}

    record RuleDoc(Located<String> id, List<Located<String>> classes, Located<String> to, Located<Integer> window,
                   List<Located<String>> any, @JsonProperty("and_any") List<Located<String>> andAny) {}

    record ViaDoc(Located<String> phrase, Located<String> outlet) {}

    /** An agency is its name, or a mapping of its name and aliases. */
    record AgencyDoc(Located<String> name, List<Located<String>> aliases) {
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        AgencyDoc(@JsonProperty("name") Located<String> name,
                  @JsonProperty("aliases") List<Located<String>> aliases) {
            this.name = name;
            this.aliases = aliases;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static AgencyDoc named(String name) {
            return new AgencyDoc(new Located<>(name, 0, ""), null);
        }
    }

    record FirstNamesDoc(List<Located<String>> female, List<Located<String>> male) {}

    record DisableDoc(List<Located<String>> cues, @JsonProperty("act_rules") List<Located<String>> actRules,
                      List<Located<String>> via, Map<String, Located<List<Located<String>>>> words,
                      List<Located<String>> places, List<Located<String>> organisations,
                      List<Located<String>> agencies) {}

    final Map<String, LanguageDraft> languages = new LinkedHashMap<>();
    final NamesDraft names = new NamesDraft();
    private String source;

    void read(String sourceName, String text) {
        this.source = sourceName;
        YamlBinding.Bound<LexiconFile> bound = YamlBinding.bind(sourceName, text, LexiconFile.class);
        if (!bound.problems().isEmpty()) {
            YamlBinding.Problem first = bound.problems().get(0);
            throw new LexiconFormatException(sourceName, first.line(), at(first.path(), first.message()));
        }
        LexiconFile file = bound.value();
        if (file == null) {
            return;
        }
        LanguageDraft draft = null;
        if (file.language() != null) {
            String language = text(file.language()).toLowerCase(Locale.ROOT);
            if (!language.matches("[a-z]{2,3}")) {
                throw fail(file.language(), "language must be an ISO 639-1 code such as 'id' or 'en', not '"
                        + language + "'");
            }
            draft = languages.computeIfAbsent(language, LanguageDraft::new);
            if (file.extendsLanguage() != null) {
                draft.extendsLanguage = text(file.extendsLanguage()).toLowerCase(Locale.ROOT);
            }
        }
        needsLanguage(draft, "cues", file.cues());
        needsLanguage(draft, "act_rules", file.actRules());
        needsLanguage(draft, "via", file.via());
        needsLanguage(draft, "words", file.words() == null ? null : file.words().values());
        for (Located<CueDoc> cue : list(file.cues())) {
            readCue(draft, cue);
        }
        for (Located<RuleDoc> rule : list(file.actRules())) {
            readRule(draft, rule);
        }
        for (Located<ViaDoc> via : list(file.via())) {
            readVia(draft, via);
        }
        if (file.words() != null) {
            readWords(draft, file.words());
        }
        addAll(names.lists.get("places"), file.places());
        addAll(names.lists.get("organisations"), file.organisations());
        addAll(names.lists.get("media_words"), file.mediaWords());
        for (Located<AgencyDoc> agency : list(file.agencies())) {
            readAgency(agency);
        }
        if (file.firstNames() != null) {
            for (Located<String> name : list(file.firstNames().female())) {
                names.female.add(text(name).toLowerCase(Locale.ROOT));
            }
            for (Located<String> name : list(file.firstNames().male())) {
                names.male.add(text(name).toLowerCase(Locale.ROOT));
            }
        }
        if (file.disable() != null) {
            readDisable(draft, file.disable());
        }
    }

    private void needsLanguage(LanguageDraft draft, String section, java.util.Collection<? extends Located<?>> entries) {
        if (draft == null && entries != null && !entries.isEmpty()) {
            throw fail(entries.iterator().next(), "section '" + section + "' needs a 'language' at the top of the file");
        }
    }

    private void readCue(LanguageDraft draft, Located<CueDoc> node) {
        CueDoc entry = present(node, "a cue");
        String origin = source + ":" + node.line();
        if (entry.act() == null) {
            throw fail(node, "cue needs an 'act' (one of " + actNames() + ", or NONE to block a phrase)");
        }
        String actName = text(entry.act()).toUpperCase(Locale.ROOT);
        SpeechAct act = null;
        if (!actName.equals("NONE")) {
            try {
                act = SpeechAct.valueOf(actName);
            } catch (IllegalArgumentException e) {
                throw fail(entry.act(), "unknown act '" + text(entry.act()) + "' (expected one of " + actNames()
                        + ", or NONE)");
            }
        }
        CueClass cueClass = CueClass.SAY;
        if (entry.cueClass() != null) {
            cueClass = cueClass(entry.cueClass());
        }
        boolean reportive = Boolean.TRUE.equals(entry.reportive());
        int ways = (entry.root() != null ? 1 : 0) + (entry.phrase() != null ? 1 : 0) + (entry.verb() != null ? 1 : 0);
        if (ways != 1) {
            throw fail(node, "cue needs exactly one of 'root' (with 'forms'), 'verb' or 'phrase'");
        }
        Map<String, EnumSet<FormType>> forms = new LinkedHashMap<>();
        String root;
        if (entry.root() != null) {
            root = word(entry.root());
            if (entry.forms() == null) {
                throw fail(node, "cue with a 'root' needs 'forms', e.g. [meN-kan, di-kan, root, -nya]");
            }
            for (Located<String> f : entry.forms()) {
                try {
                    Morphology.indonesian(root, text(f))
                            .forEach((w, t) -> forms.computeIfAbsent(w, k -> EnumSet.noneOf(FormType.class)).add(t));
                } catch (IllegalArgumentException e) {
                    throw fail(f, e.getMessage());
                }
            }
        } else if (entry.verb() != null) {
            root = word(entry.verb());
            forms.putAll(Morphology.english(root, optionalWord(entry.past()), optionalWord(entry.participle()),
                    optionalWord(entry.s()), optionalWord(entry.ing())));
        } else {
            root = text(entry.phrase()).toLowerCase(Locale.ROOT).strip();
            FormType type = FormType.ACTIVE;
            if (entry.form() != null) {
                try {
                    type = FormType.valueOf(text(entry.form()).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw fail(entry.form(), "unknown form '" + text(entry.form())
                            + "' (expected active, passive, root, nya, prep or participle)");
                }
            }
            forms.put(root, EnumSet.of(type));
        }
        for (Map.Entry<String, EnumSet<FormType>> f : forms.entrySet()) {
            String surface = String.join(" ", Tokenizer.keys(f.getKey()));
            draft.cues.put(surface, new Cue(surface, act, cueClass, Set.copyOf(f.getValue()), reportive, root,
                    origin));
        }
    }

    private CueClass cueClass(Located<String> name) {
        try {
            return CueClass.valueOf(text(name).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw fail(name, "unknown class '" + text(name) + "' (expected say, add, insist, weak or tell)");
        }
    }

    private void readRule(LanguageDraft draft, Located<RuleDoc> node) {
        RuleDoc entry = present(node, "an act rule");
        Map<String, Object> required = new LinkedHashMap<>();
        required.put("id", entry.id());
        required.put("classes", entry.classes());
        required.put("to", entry.to());
        required.put("any", entry.any());
        required.forEach((key, value) -> {
            if (value == null) {
                throw fail(node, "act rule needs '" + key + "'");
            }
        });
        Set<CueClass> classes = EnumSet.noneOf(CueClass.class);
        for (Located<String> c : entry.classes()) {
            classes.add(cueClass(c));
        }
        SpeechAct to;
        try {
            to = SpeechAct.valueOf(text(entry.to()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw fail(entry.to(), "unknown act '" + text(entry.to()) + "' (expected one of " + actNames() + ")");
        }
        int window = 12;
        if (entry.window() != null) {
            window = Objects.requireNonNullElse(entry.window().value(), 0);
            if (window < 1 || window > 60) {
                throw fail(entry.window(), "window must be between 1 and 60 tokens");
            }
        }
        List<String> markers = texts(entry.any());
        List<String> also = texts(list(entry.andAny()));
        String id = text(entry.id());
        draft.rules.put(id, new RuleDraft(id, classes, to, window, markers, also, source + ":" + node.line()));
    }

    private void readVia(LanguageDraft draft, Located<ViaDoc> node) {
        ViaDoc entry = present(node, "a via pattern");
        if (entry.phrase() == null) {
            throw fail(node, "via pattern needs a 'phrase'");
        }
        String outlet = entry.outlet() != null ? text(entry.outlet()) : "known";
        if (!outlet.equals("known") && !outlet.equals("any")) {
            throw fail(entry.outlet(), "outlet must be 'known' or 'any', not '" + outlet + "'");
        }
        String phrase = String.join(" ", Tokenizer.keys(text(entry.phrase())));
        draft.via.put(phrase, new ViaPattern(phrase, outlet.equals("any")));
    }

    private void readWords(LanguageDraft draft, Map<String, Located<Object>> words) {
        for (Map.Entry<String, Located<Object>> e : words.entrySet()) {
            String category = e.getKey();
            Located<Object> value = e.getValue();
            if (category.equals("pronouns")) {
                if (!(value.value() instanceof Map<?, ?> pronouns)) {
                    throw fail(value, "pronouns must be a mapping (pronoun: kind)");
                }
                for (Map.Entry<?, ?> p : pronouns.entrySet()) {
                    String kind = String.valueOf(p.getValue()).strip();
                    if (!LanguageLexicon.PRONOUN_KINDS.contains(kind)) {
                        throw fail(value, "pronoun kind must be one of "
                                + String.join(", ", LanguageLexicon.PRONOUN_KINDS) + ", not '" + kind + "'");
                    }
                    draft.pronouns.put(String.valueOf(p.getKey()).toLowerCase(Locale.ROOT), kind);
                }
                continue;
            }
            LinkedHashSet<String> target = draft.words.get(category);
            if (target == null) {
                throw fail(value, "unknown word category '" + category + "' (expected pronouns, "
                        + String.join(", ", LanguageLexicon.WORD_CATEGORIES) + ")");
            }
            if (!(value.value() instanceof List<?> list)) {
                throw fail(value, category + " must be a list");
            }
            for (Object w : list) {
                if (w instanceof Map<?, ?> || w instanceof List<?> || w == null || String.valueOf(w).isBlank()) {
                    throw fail(value, "expected single words or phrases in " + category);
                }
                target.add(String.join(" ", Tokenizer.keys(String.valueOf(w).strip())));
            }
        }
    }

    private void readAgency(Located<AgencyDoc> node) {
        AgencyDoc entry = present(node, "an agency");
        if (entry.name() == null) {
            throw fail(node, "agency needs a 'name'");
        }
        String name = entry.name().line() == 0 ? text(new Located<>(entry.name().value(), node.line(), node.path()))
                : text(entry.name());
        List<String> all = new ArrayList<>();
        all.add(name);
        all.addAll(texts(list(entry.aliases())));
        names.agencies.put(name, all);
    }

    private void readDisable(LanguageDraft draft, Located<DisableDoc> node) {
        DisableDoc disable = present(node, "disable");
        boolean languageSections = disable.cues() != null || disable.actRules() != null || disable.via() != null
                || disable.words() != null;
        if (languageSections && draft == null) {
            throw fail(node, "disabling cues, act_rules, via or words needs a 'language' at the top of the file");
        }
        if (disable.words() != null) {
            for (Map.Entry<String, Located<List<Located<String>>>> w : disable.words().entrySet()) {
                LinkedHashSet<String> target = draft.words.get(w.getKey());
                if (target == null) {
                    throw fail(w.getValue(), "unknown word category '" + w.getKey() + "'");
                }
                for (Located<String> x : list(w.getValue().value())) {
                    target.remove(String.join(" ", Tokenizer.keys(text(x))));
                }
            }
        }
        disableAll(draft, "cues", disable.cues());
        disableAll(draft, "act_rules", disable.actRules());
        disableAll(draft, "via", disable.via());
        disableAll(draft, "places", disable.places());
        disableAll(draft, "organisations", disable.organisations());
        disableAll(draft, "agencies", disable.agencies());
    }

    private void disableAll(LanguageDraft draft, String section, List<Located<String>> entries) {
        for (Located<String> x : list(entries)) {
            String value = text(x);
            String key = String.join(" ", Tokenizer.keys(value));
            boolean removed = switch (section) {
                case "cues" -> draft.cues.values().removeIf(c -> c.surface().equals(key) || c.root().equals(key));
                case "act_rules" -> draft.rules.remove(value) != null;
                case "via" -> draft.via.remove(key) != null;
                case "agencies" -> names.agencies.remove(value) != null;
                default -> names.lists.get(section).remove(value);
            };
            if (!removed) {
                throw fail(x, "cannot disable '" + value + "': no such entry in " + section
                        + (draft != null ? " for language '" + draft.language + "'" : ""));
            }
        }
    }

    // --- checks on bound values: every error names the file, line and path ---

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }

    private void addAll(Set<String> target, List<Located<String>> values) {
        target.addAll(texts(list(values)));
    }

    private List<String> texts(List<Located<String>> values) {
        return values.stream().map(this::text).toList();
    }

    private <T> T present(Located<T> node, String what) {
        if (node.value() == null) {
            throw fail(node, what + " must not be empty");
        }
        return node.value();
    }

    private String text(Located<String> node) {
        String v = node.value() == null ? "" : node.value().strip();
        if (v.isEmpty()) {
            throw fail(node, "empty value");
        }
        return v;
    }

    private String word(Located<String> node) {
        String w = text(node).toLowerCase(Locale.ROOT);
        if (w.contains(" ")) {
            throw fail(node, "'" + w + "' must be a single word (use 'phrase' for several words)");
        }
        return w;
    }

    private String optionalWord(Located<String> node) {
        return node == null ? null : word(node);
    }

    private static String at(String path, String message) {
        return path.isEmpty() ? message : path + ": " + message;
    }

    private LexiconFormatException fail(Located<?> node, String message) {
        return new LexiconFormatException(source, node.line(), at(node.path(), message));
    }

    private static String actNames() {
        return String.join(", ", Arrays.stream(SpeechAct.values()).map(Enum::name).toList());
    }
}
