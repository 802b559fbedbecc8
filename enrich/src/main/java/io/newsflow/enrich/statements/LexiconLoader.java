package io.newsflow.enrich.statements;

import io.newsflow.enrich.core.SpeechAct;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads lexicon files (YAML, format in docs/statements.md) into drafts, file after file: a later file adds entries
 * and overrides the same surface word, phrase or id; its {@code disable} section removes entries. Every problem is
 * reported with its file and line.
 */
final class LexiconLoader {
    private static final Set<String> TOP_KEYS = Set.of("language", "extends", "cues", "act_rules", "via", "words",
            "disable", "places", "organisations", "agencies", "media_words", "first_names");
    private static final Set<String> CUE_KEYS = Set.of("act", "class", "root", "forms", "phrase", "form", "verb",
            "past", "participle", "s", "ing", "reportive");
    private static final Set<String> RULE_KEYS = Set.of("id", "classes", "to", "window", "any", "and_any");
    private static final Set<String> VIA_KEYS = Set.of("phrase", "outlet");
    private static final Set<String> DISABLE_KEYS = Set.of("cues", "act_rules", "via", "words", "places",
            "organisations", "agencies");
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

    final Map<String, LanguageDraft> languages = new LinkedHashMap<>();
    final NamesDraft names = new NamesDraft();
    private String source;

    void read(String sourceName, String text) {
        this.source = sourceName;
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new LexiconFormatException(sourceName, line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new LexiconFormatException(sourceName, 0, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            return;
        }
        Map<String, Node> top = mapping(root, "a lexicon file");
        for (Map.Entry<String, Node> e : top.entrySet()) {
            if (!TOP_KEYS.contains(e.getKey())) {
                throw fail(e.getValue(), "unknown section '" + e.getKey() + "' (expected one of "
                        + String.join(", ", new java.util.TreeSet<>(TOP_KEYS)) + ")");
            }
        }
        String language = top.containsKey("language") ? scalar(top.get("language")).toLowerCase(Locale.ROOT) : null;
        LanguageDraft draft = null;
        if (language != null) {
            if (!language.matches("[a-z]{2,3}")) {
                throw fail(top.get("language"), "language must be an ISO 639-1 code such as 'id' or 'en', not '"
                        + language + "'");
            }
            draft = languages.computeIfAbsent(language, LanguageDraft::new);
            if (top.containsKey("extends")) {
                draft.extendsLanguage = scalar(top.get("extends")).toLowerCase(Locale.ROOT);
            }
        }
        for (String section : List.of("cues", "act_rules", "via", "words")) {
            if (top.containsKey(section) && draft == null) {
                throw fail(top.get(section), "section '" + section + "' needs a 'language' at the top of the file");
            }
        }
        if (top.containsKey("cues")) {
            for (Node entry : sequence(top.get("cues"), "cues")) {
                readCue(draft, entry);
            }
        }
        if (top.containsKey("act_rules")) {
            for (Node entry : sequence(top.get("act_rules"), "act_rules")) {
                readRule(draft, entry);
            }
        }
        if (top.containsKey("via")) {
            for (Node entry : sequence(top.get("via"), "via")) {
                readVia(draft, entry);
            }
        }
        if (top.containsKey("words")) {
            readWords(draft, top.get("words"));
        }
        for (String list : NAME_LISTS) {
            if (top.containsKey(list)) {
                for (Node n : sequence(top.get(list), list)) {
                    names.lists.get(list).add(scalar(n));
                }
            }
        }
        if (top.containsKey("agencies")) {
            readAgencies(top.get("agencies"));
        }
        if (top.containsKey("first_names")) {
            Map<String, Node> byGender = mapping(top.get("first_names"), "first_names");
            for (Map.Entry<String, Node> e : byGender.entrySet()) {
                Set<String> target = switch (e.getKey()) {
                    case "female" -> names.female;
                    case "male" -> names.male;
                    default -> throw fail(e.getValue(), "first_names takes 'female' and 'male', not '" + e.getKey()
                            + "'");
                };
                for (Node n : sequence(e.getValue(), "first_names." + e.getKey())) {
                    target.add(scalar(n).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (top.containsKey("disable")) {
            readDisable(draft, top.get("disable"));
        }
    }

    private void readCue(LanguageDraft draft, Node node) {
        Map<String, Node> entry = mapping(node, "a cue");
        checkKeys(entry, CUE_KEYS, "cue");
        String origin = source + ":" + line(node);
        if (!entry.containsKey("act")) {
            throw fail(node, "cue needs an 'act' (one of " + actNames() + ", or NONE to block a phrase)");
        }
        String actName = scalar(entry.get("act")).toUpperCase(Locale.ROOT);
        SpeechAct act = null;
        if (!actName.equals("NONE")) {
            try {
                act = SpeechAct.valueOf(actName);
            } catch (IllegalArgumentException e) {
                throw fail(entry.get("act"), "unknown act '" + scalar(entry.get("act")) + "' (expected one of "
                        + actNames() + ", or NONE)");
            }
        }
        CueClass cueClass = CueClass.SAY;
        if (entry.containsKey("class")) {
            try {
                cueClass = CueClass.valueOf(scalar(entry.get("class")).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw fail(entry.get("class"), "unknown class '" + scalar(entry.get("class"))
                        + "' (expected say, add, insist, weak or tell)");
            }
        }
        boolean reportive = entry.containsKey("reportive") && Boolean.parseBoolean(scalar(entry.get("reportive")));
        int ways = (entry.containsKey("root") ? 1 : 0) + (entry.containsKey("phrase") ? 1 : 0)
                + (entry.containsKey("verb") ? 1 : 0);
        if (ways != 1) {
            throw fail(node, "cue needs exactly one of 'root' (with 'forms'), 'verb' or 'phrase'");
        }
        Map<String, EnumSet<FormType>> forms = new LinkedHashMap<>();
        String root;
        if (entry.containsKey("root")) {
            root = word(entry.get("root"));
            if (!entry.containsKey("forms")) {
                throw fail(node, "cue with a 'root' needs 'forms', e.g. [meN-kan, di-kan, root, -nya]");
            }
            for (Node f : sequence(entry.get("forms"), "forms")) {
                try {
                    Morphology.indonesian(root, scalar(f))
                            .forEach((w, t) -> forms.computeIfAbsent(w, k -> EnumSet.noneOf(FormType.class)).add(t));
                } catch (IllegalArgumentException e) {
                    throw fail(f, e.getMessage());
                }
            }
        } else if (entry.containsKey("verb")) {
            root = word(entry.get("verb"));
            forms.putAll(Morphology.english(root, optionalWord(entry, "past"), optionalWord(entry, "participle"),
                    optionalWord(entry, "s"), optionalWord(entry, "ing")));
        } else {
            root = scalar(entry.get("phrase")).toLowerCase(Locale.ROOT).strip();
            FormType type = FormType.ACTIVE;
            if (entry.containsKey("form")) {
                try {
                    type = FormType.valueOf(scalar(entry.get("form")).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw fail(entry.get("form"), "unknown form '" + scalar(entry.get("form"))
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

    private void readRule(LanguageDraft draft, Node node) {
        Map<String, Node> entry = mapping(node, "an act rule");
        checkKeys(entry, RULE_KEYS, "act rule");
        for (String key : List.of("id", "classes", "to", "any")) {
            if (!entry.containsKey(key)) {
                throw fail(node, "act rule needs '" + key + "'");
            }
        }
        Set<CueClass> classes = EnumSet.noneOf(CueClass.class);
        for (Node c : sequence(entry.get("classes"), "classes")) {
            try {
                classes.add(CueClass.valueOf(scalar(c).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw fail(c, "unknown class '" + scalar(c) + "' (expected say, add, insist, weak or tell)");
            }
        }
        SpeechAct to;
        try {
            to = SpeechAct.valueOf(scalar(entry.get("to")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw fail(entry.get("to"), "unknown act '" + scalar(entry.get("to")) + "' (expected one of "
                    + actNames() + ")");
        }
        int window = 12;
        if (entry.containsKey("window")) {
            try {
                window = Integer.parseInt(scalar(entry.get("window")));
            } catch (NumberFormatException e) {
                throw fail(entry.get("window"), "window must be a whole number of tokens");
            }
            if (window < 1 || window > 60) {
                throw fail(entry.get("window"), "window must be between 1 and 60 tokens");
            }
        }
        List<String> markers = new ArrayList<>();
        for (Node m : sequence(entry.get("any"), "any")) {
            markers.add(scalar(m));
        }
        List<String> also = new ArrayList<>();
        if (entry.containsKey("and_any")) {
            for (Node m : sequence(entry.get("and_any"), "and_any")) {
                also.add(scalar(m));
            }
        }
        String id = scalar(entry.get("id"));
        draft.rules.put(id, new RuleDraft(id, classes, to, window, markers, also, source + ":" + line(node)));
    }

    private void readVia(LanguageDraft draft, Node node) {
        Map<String, Node> entry = mapping(node, "a via pattern");
        checkKeys(entry, VIA_KEYS, "via pattern");
        if (!entry.containsKey("phrase")) {
            throw fail(node, "via pattern needs a 'phrase'");
        }
        String outlet = entry.containsKey("outlet") ? scalar(entry.get("outlet")) : "known";
        if (!outlet.equals("known") && !outlet.equals("any")) {
            throw fail(entry.get("outlet"), "outlet must be 'known' or 'any', not '" + outlet + "'");
        }
        String phrase = String.join(" ", Tokenizer.keys(scalar(entry.get("phrase"))));
        draft.via.put(phrase, new ViaPattern(phrase, outlet.equals("any")));
    }

    private void readWords(LanguageDraft draft, Node node) {
        for (Map.Entry<String, Node> e : mapping(node, "words").entrySet()) {
            String category = e.getKey();
            if (category.equals("pronouns")) {
                for (Map.Entry<String, Node> p : mapping(e.getValue(), "pronouns").entrySet()) {
                    String kind = scalar(p.getValue());
                    if (!LanguageLexicon.PRONOUN_KINDS.contains(kind)) {
                        throw fail(p.getValue(), "pronoun kind must be one of "
                                + String.join(", ", LanguageLexicon.PRONOUN_KINDS) + ", not '" + kind + "'");
                    }
                    draft.pronouns.put(p.getKey().toLowerCase(Locale.ROOT), kind);
                }
                continue;
            }
            LinkedHashSet<String> target = draft.words.get(category);
            if (target == null) {
                throw fail(e.getValue(), "unknown word category '" + category + "' (expected pronouns, "
                        + String.join(", ", LanguageLexicon.WORD_CATEGORIES) + ")");
            }
            for (Node w : sequence(e.getValue(), category)) {
                target.add(String.join(" ", Tokenizer.keys(scalar(w))));
            }
        }
    }

    private void readAgencies(Node node) {
        for (Node a : sequence(node, "agencies")) {
            List<String> all = new ArrayList<>();
            String name;
            if (a instanceof ScalarNode) {
                name = scalar(a);
            } else {
                Map<String, Node> entry = mapping(a, "an agency");
                checkKeys(entry, Set.of("name", "aliases"), "agency");
                if (!entry.containsKey("name")) {
                    throw fail(a, "agency needs a 'name'");
                }
                name = scalar(entry.get("name"));
                if (entry.containsKey("aliases")) {
                    for (Node alias : sequence(entry.get("aliases"), "aliases")) {
                        all.add(scalar(alias));
                    }
                }
            }
            all.add(0, name);
            names.agencies.put(name, all);
        }
    }

    private void readDisable(LanguageDraft draft, Node node) {
        Map<String, Node> sections = mapping(node, "disable");
        checkKeys(sections, DISABLE_KEYS, "disable");
        for (Map.Entry<String, Node> e : sections.entrySet()) {
            String section = e.getKey();
            if ((section.equals("cues") || section.equals("act_rules") || section.equals("via")
                    || section.equals("words")) && draft == null) {
                throw fail(e.getValue(), "disabling " + section + " needs a 'language' at the top of the file");
            }
            if (section.equals("words")) {
                for (Map.Entry<String, Node> w : mapping(e.getValue(), "disable.words").entrySet()) {
                    LinkedHashSet<String> target = draft.words.get(w.getKey());
                    if (target == null) {
                        throw fail(w.getValue(), "unknown word category '" + w.getKey() + "'");
                    }
                    for (Node x : sequence(w.getValue(), w.getKey())) {
                        target.remove(String.join(" ", Tokenizer.keys(scalar(x))));
                    }
                }
                continue;
            }
            for (Node x : sequence(e.getValue(), "disable." + section)) {
                String value = scalar(x);
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
    }

    // --- YAML node helpers: every error names the file and line ---

    private Map<String, Node> mapping(Node node, String what) {
        if (!(node instanceof MappingNode m)) {
            throw fail(node, what + " must be a mapping (key: value)");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode());
            if (out.put(key, t.getValueNode()) != null) {
                throw fail(t.getKeyNode(), "'" + key + "' appears twice");
            }
        }
        return out;
    }

    private List<Node> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode s)) {
            throw fail(node, what + " must be a list");
        }
        return s.getValue();
    }

    private String scalar(Node node) {
        if (!(node instanceof ScalarNode s)) {
            throw fail(node, "expected a single value here, not a list or mapping");
        }
        String v = s.getValue().strip();
        if (v.isEmpty()) {
            throw fail(node, "empty value");
        }
        return v;
    }

    private String word(Node node) {
        String w = scalar(node).toLowerCase(Locale.ROOT);
        if (w.contains(" ")) {
            throw fail(node, "'" + w + "' must be a single word (use 'phrase' for several words)");
        }
        return w;
    }

    private String optionalWord(Map<String, Node> entry, String key) {
        return entry.containsKey(key) ? word(entry.get(key)) : null;
    }

    private void checkKeys(Map<String, Node> entry, Set<String> allowed, String what) {
        for (Map.Entry<String, Node> e : entry.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw fail(e.getValue(), "unknown key '" + e.getKey() + "' in " + what + " (expected "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private LexiconFormatException fail(Node node, String message) {
        return new LexiconFormatException(source, line(node), message);
    }

    private static String actNames() {
        return String.join(", ", Arrays.stream(SpeechAct.values()).map(Enum::name).toList());
    }
}
