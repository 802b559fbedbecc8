package io.newsflow.enrich.statements;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compiled cue lexicons of every language plus the shared names, built once and shared by all threads.
 * {@link #defaults()} reads the built-in files under {@code statements/}; {@link #defaultsWith(Path...)} reads user
 * files after them, which add entries, override the same word, and disable entries (format: docs/statements.md).
 */
public final class Lexicons {
    /** The built-in files, in the order they are read. */
    public static final List<String> DEFAULT_RESOURCES = List.of(
            "statements/names.yaml", "statements/id.yaml", "statements/en.yaml");

    /** A lexicon file: its name (for error messages) and its YAML text. */
    public record Source(String name, String text) {
        public static Source resource(String name) {
            try (InputStream in = Lexicons.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no lexicon resource " + name + " on the class path");
                }
                return new Source(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read lexicon resource " + name, e);
            }
        }

        public static Source file(Path path) {
            try {
                return new Source(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read lexicon file " + path, e);
            }
        }
    }

    private final Map<String, LanguageLexicon> languages;

    private Lexicons(Map<String, LanguageLexicon> languages) {
        this.languages = Map.copyOf(languages);
    }

    public static Lexicons defaults() {
        return load(defaultSources());
    }

    /** The built-in lexicons extended by user files, read in the given order. */
    public static Lexicons defaultsWith(Path... userFiles) {
        List<Source> sources = new ArrayList<>(defaultSources());
        for (Path p : userFiles) {
            sources.add(Source.file(p));
        }
        return load(sources);
    }

    /** Builds lexicons from exactly these sources, read in order. */
    public static Lexicons load(List<Source> sources) {
        LexiconLoader loader = new LexiconLoader();
        for (Source s : sources) {
            loader.read(s.name(), s.text());
        }
        NameGazetteer names = compileNames(loader.names);
        Map<String, LanguageLexicon> out = new LinkedHashMap<>();
        for (LexiconLoader.LanguageDraft draft : loader.languages.values()) {
            out.put(draft.language, compile(effective(draft, loader.languages, new HashSet<>()), names));
        }
        return new Lexicons(out);
    }

    private static List<Source> defaultSources() {
        return DEFAULT_RESOURCES.stream().map(Source::resource).toList();
    }

    /** Languages with a cue lexicon, e.g. [en, id]. */
    public Set<String> languages() {
        return new TreeSet<>(languages.keySet());
    }

    LanguageLexicon language(String code) {
        return languages.get(code);
    }

    Iterable<LanguageLexicon> all() {
        return languages.values();
    }

    /** A draft with the language it extends folded in underneath it. */
    private static LexiconLoader.LanguageDraft effective(LexiconLoader.LanguageDraft draft,
            Map<String, LexiconLoader.LanguageDraft> all, Set<String> seen) {
        if (draft.extendsLanguage == null) {
            return draft;
        }
        LexiconLoader.LanguageDraft base = all.get(draft.extendsLanguage);
        if (base == null || !seen.add(draft.language)) {
            throw new LexiconFormatException("language " + draft.language, 0, "extends '" + draft.extendsLanguage
                    + "', which is " + (base == null ? "not defined by any lexicon file" : "part of a cycle"));
        }
        LexiconLoader.LanguageDraft merged = new LexiconLoader.LanguageDraft(draft.language);
        LexiconLoader.LanguageDraft from = effective(base, all, seen);
        for (LexiconLoader.LanguageDraft d : List.of(from, draft)) {
            merged.cues.putAll(d.cues);
            merged.rules.putAll(d.rules);
            merged.via.putAll(d.via);
            merged.pronouns.putAll(d.pronouns);
            d.words.forEach((k, v) -> merged.words.get(k).addAll(v));
        }
        return merged;
    }

    private static LanguageLexicon compile(LexiconLoader.LanguageDraft d, NameGazetteer names) {
        PhraseTrie<Cue> cues = new PhraseTrie<>();
        for (Cue c : d.cues.values()) {
            cues.put(List.of(c.surface().split(" ")), c);
        }
        List<ActRule> rules = new ArrayList<>();
        for (LexiconLoader.RuleDraft r : d.rules.values()) {
            rules.add(new ActRule(r.id(), r.classes(), r.to(), r.window(), markerTrie(r.markers()),
                    r.alsoMarkers().isEmpty() ? null : markerTrie(r.alsoMarkers()), r.origin()));
        }
        PhraseTrie<ViaPattern> via = new PhraseTrie<>();
        for (ViaPattern v : d.via.values()) {
            via.put(List.of(v.phrase().split(" ")), v);
        }
        PhraseTrie<LanguageLexicon.Nominal> nominals = new PhraseTrie<>();
        putAll(nominals, d.words.get("institutions"), LanguageLexicon.Nominal.INSTITUTION);
        putAll(nominals, d.words.get("anonymous"), LanguageLexicon.Nominal.ANONYMOUS);
        putAll(nominals, d.words.get("collective"), LanguageLexicon.Nominal.COLLECTIVE);
        Map<String, Set<String>> words = new HashMap<>();
        for (String category : LanguageLexicon.WORD_CATEGORIES) {
            Set<String> single = new HashSet<>();
            for (String entry : d.words.get(category)) {
                for (String w : entry.split(" ")) {
                    single.add(w);
                }
            }
            words.put(category, Set.copyOf(single));
        }
        return new LanguageLexicon(d.language, cues, rules, via, nominals, names, d.pronouns, words);
    }

    private static PhraseTrie<Boolean> markerTrie(List<String> phrases) {
        PhraseTrie<Boolean> trie = new PhraseTrie<>();
        for (String m : phrases) {
            trie.put(Tokenizer.keys(m), Boolean.TRUE);
        }
        return trie;
    }

    private static void putAll(PhraseTrie<LanguageLexicon.Nominal> trie, LinkedHashSet<String> phrases,
            LanguageLexicon.Nominal kind) {
        for (String p : phrases) {
            trie.put(List.of(p.split(" ")), kind);
        }
    }

    private static NameGazetteer compileNames(LexiconLoader.NamesDraft d) {
        PhraseTrie<NameGazetteer.Entry> trie = new PhraseTrie<>();
        for (String place : d.lists.get("places")) {
            putName(trie, place, NameGazetteer.Kind.PLACE, place);
        }
        for (String org : d.lists.get("organisations")) {
            putName(trie, org, NameGazetteer.Kind.ORGANISATION, org);
        }
        d.agencies.forEach((name, aliases) -> {
            for (String alias : aliases) {
                putName(trie, alias, NameGazetteer.Kind.AGENCY, name);
            }
        });
        Set<String> media = new HashSet<>();
        for (String w : d.lists.get("media_words")) {
            media.addAll(Tokenizer.keys(w));
        }
        return new NameGazetteer(trie, Set.copyOf(media), Set.copyOf(d.female), Set.copyOf(d.male));
    }

    private static void putName(PhraseTrie<NameGazetteer.Entry> trie, String written, NameGazetteer.Kind kind,
            String canonical) {
        List<Token> tokens = Tokenizer.tokenize(written, List.of());
        List<String> keys = tokens.stream().map(t -> t.key).toList();
        List<String> texts = tokens.stream().map(t -> t.text).toList();
        trie.put(keys, new NameGazetteer.Entry(kind, canonical, texts));
    }
}
