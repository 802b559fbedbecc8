package io.newsflow.enrich.core.spam;

import io.newsflow.common.yaml.YamlBinding;
import io.newsflow.common.yaml.YamlBinding.Located;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules in force: the built-in set ({@code default-rules.yml}) plus, optionally, user files read after it, each
 * of which adds terms, adds rules, replaces rules (same id) and disables rules ({@code disable: [id]}, or a rule
 * entry with {@code enabled: false}). The files are bound with Jackson's YAML module onto {@link FileDoc}; every
 * problem of every file is reported at once with its file, line and path. Immutable once loaded.
 */
public final class SpamRules {
    static final String DEFAULT_RESOURCE = "default-rules.yml";

    private final Lexicon lexicon;
    private final List<SpamRule> rules;
    private final List<SpamRule> hiddenFirst;
    private final List<SpamRule.Inline> inline;

    private SpamRules(Lexicon lexicon, List<SpamRule> rules) {
        this.lexicon = lexicon;
        this.rules = List.copyOf(rules);
        this.inline = rules.stream().filter(SpamRule.Inline.class::isInstance).map(SpamRule.Inline.class::cast).toList();
        List<SpamRule> ordered = new ArrayList<>(rules.stream().filter(r -> r.position() == RulePosition.HIDDEN).toList());
        rules.stream().filter(r -> r.position() != RulePosition.HIDDEN).forEach(ordered::add);
        this.hiddenFirst = List.copyOf(ordered);
    }

    /** A rule file: its name in error messages and its YAML text. */
    public record RuleFile(String source, String yaml) {
        /** Reads a user file; an unreadable file is reported like any other problem of the rules. */
        public static RuleFile read(Path file) {
            try {
                return new RuleFile(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new InvalidSpamRulesException(List.of(file + ": cannot read the spam rules file: " + e));
            }
        }
    }

    /** The built-in rules alone. */
    public static SpamRules defaults() {
        return build(List.of(builtIn()));
    }

    /** The built-in rules with a user file laid over them; a null path means no user file. */
    public static SpamRules withUserFile(Path userFile) {
        return userFile == null ? defaults() : withUserFiles(List.of(RuleFile.read(userFile)));
    }

    /** The built-in rules with user rules given as YAML text (named {@code source} in error messages). */
    public static SpamRules withUserRules(String yaml, String source) {
        return withUserFiles(List.of(new RuleFile(source, yaml)));
    }

    /** The built-in rules with these user files laid over them, in order. */
    public static SpamRules withUserFiles(List<RuleFile> userFiles) {
        List<RuleFile> files = new ArrayList<>();
        files.add(builtIn());
        files.addAll(userFiles);
        return build(files);
    }

    public List<SpamRule> rules() {
        return rules;
    }

    /** The rules with those for hidden text first: hidden spam is recorded under the hidden rule when one fits. */
    List<SpamRule> hiddenFirst() {
        return hiddenFirst;
    }

    /** The rules that cut phrases out of lines, in file order. */
    List<SpamRule.Inline> inline() {
        return inline;
    }

    Lexicon lexicon() {
        return lexicon;
    }

    /** The rule with this id, if it is in force. */
    public Optional<SpamRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** What one rule file binds to. */
    record FileDoc(Integer version, Map<String, Located<List<String>>> terms, List<Located<RuleDoc>> rules,
                   List<Located<String>> disable) {}

    /** One rule entry as written; which fields apply depends on {@code kind}. */
    record RuleDoc(String id, Integer version, String kind, String category, String position, String description,
                   Boolean enabled, Integer minStrong, Integer minAction, Double minDensity, Double topicDensity,
                   Integer topicMinAction, Boolean nextToSpam,
                   List<String> patterns, Integer maxWords, List<String> prefixes, Integer maxHandleWords,
                   Integer minItems, Integer maxItemWords, Double minSpamItemShare, Integer minProseBefore,
                   List<String> unless) {}

    /** The built-in rule file from the classpath. */
    public static RuleFile builtIn() {
        try (InputStream in = SpamRules.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in spam rules " + DEFAULT_RESOURCE + " missing from the classpath");
            }
            return new RuleFile("built-in " + DEFAULT_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SpamRules build(List<RuleFile> files) {
        List<String> problems = new ArrayList<>();
        Map<SpamTier, Set<String>> terms = new EnumMap<>(SpamTier.class);
        Map<String, SpamRule> rules = new LinkedHashMap<>();
        for (RuleFile file : files) {
            YamlBinding.Bound<FileDoc> bound = YamlBinding.bind(file.source(), file.yaml(), FileDoc.class);
            bound.problems().forEach(p -> problems.add(p.toString()));
            FileDoc doc = bound.value();
            if (doc == null) {
                continue;
            }
            readTerms(file.source(), doc.terms(), terms, problems);
            if (doc.rules() != null) {
                for (Located<RuleDoc> entry : doc.rules()) {
                    readRule(file.source(), bound, entry, rules, problems);
                }
            }
            if (doc.disable() != null) {
                for (Located<String> id : doc.disable()) {
                    String where = file.source() + ":" + id.line() + ": " + id.path();
                    if (id.value() == null || id.value().isBlank()) {
                        problems.add(where + ": empty entry");
                    } else if (rules.remove(id.value()) == null) {
                        problems.add(where + ": no rule with id '" + id.value() + "' to disable");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpamRulesException(problems);
        }
        return new SpamRules(new Lexicon(terms), new ArrayList<>(rules.values()));
    }

    private static void readTerms(String source, Map<String, Located<List<String>>> node,
            Map<SpamTier, Set<String>> terms, List<String> problems) {
        if (node == null) {
            return;
        }
        for (Map.Entry<String, Located<List<String>>> e : node.entrySet()) {
            Located<List<String>> words = e.getValue();
            String where = words == null ? source + ": terms." + e.getKey()
                    : source + ":" + words.line() + ": " + words.path();
            SpamTier tier;
            try {
                tier = SpamTier.valueOf(e.getKey().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                problems.add(where + ": unknown tier '" + e.getKey() + "' (expected strong, context, action)");
                continue;
            }
            if (words == null || words.value() == null) {
                continue;
            }
            for (String word : words.value()) {
                if (word == null || word.isBlank()) {
                    problems.add(where + ": empty entry");
                } else {
                    terms.computeIfAbsent(tier, t -> new LinkedHashSet<>()).add(word);
                }
            }
        }
    }

    /** Adds, replaces ({@code id} already known) or disables ({@code enabled: false}) one rule. */
    private static void readRule(String source, YamlBinding.Bound<FileDoc> bound, Located<RuleDoc> entry,
            Map<String, SpamRule> rules, List<String> problems) {
        RuleDoc doc = entry.value();
        String where = source + ":" + entry.line() + ": " + entry.path();
        if (doc == null) {
            problems.add(where + ": expected a rule mapping");
            return;
        }
        if (doc.id() != null && !doc.id().isBlank()) {
            where = where + " (" + doc.id() + ")";
        }
        if (Boolean.FALSE.equals(doc.enabled())) {
            if (doc.id() == null || doc.id().isBlank()) {
                problems.add(where + ": 'id' is required to disable a rule");
            } else if (rules.remove(doc.id()) == null) {
                problems.add(where + ": no rule with id '" + doc.id() + "' to disable");
            }
            return;
        }
        String label = doc.id() == null || doc.id().isBlank() ? entry.path() : entry.path() + " (" + doc.id() + ")";
        SpamRule rule = new RuleChecker(key -> source + ":" + bound.lineOf(entry.path() + "." + key, entry.line())
                + ": " + label, doc, problems).rule();
        if (rule != null) {
            rules.remove(rule.id()); // a rule with a known id replaces it, and takes its own place in the order
            rules.put(rule.id(), rule);
        }
    }

    /** Checks one bound rule, collecting problems instead of stopping at the first. */
    private static final class RuleChecker {
        private final Function<String, String> at;
        private final RuleDoc doc;
        private final List<String> problems;

        /** {@code at} gives the file, line and rule of a key of the rule, for problems. */
        RuleChecker(Function<String, String> at, RuleDoc doc, List<String> problems) {
            this.at = at;
            this.doc = doc;
            this.problems = problems;
        }

        SpamRule rule() {
            int before = problems.size();
            String id = required("id", doc.id());
            int version = doc.version() == null ? -1 : doc.version();
            if (version < 1) {
                problems.add(at.apply("version") + ": version must be a whole number >= 1");
            }
            String kind = required("kind", doc.kind());
            RuleCategory category = choice("category", doc.category(), RuleCategory.class, RuleCategory.SPAM);
            RulePosition position = choice("position", doc.position(), RulePosition.class, RulePosition.ANYWHERE);
            String description = required("description", doc.description());
            if (kind == null) {
                return null;
            }
            // Read on past a bad header, so that one pass reports every problem of the rule.
            SpamRule.Header header = new SpamRule.Header(id, version, category, position,
                    description == null ? "" : description.strip());
            double minDensity = fraction("minDensity", doc.minDensity(), 0.5);
            SpamRule rule = switch (kind) {
                case "keywords" -> new SpamRule.Keywords(header, count("minStrong", doc.minStrong(), 1),
                        count("minAction", doc.minAction(), 0), minDensity,
                        fraction("topicDensity", doc.topicDensity(), minDensity),
                        count("topicMinAction", doc.topicMinAction(), 0), Boolean.TRUE.equals(doc.nextToSpam()),
                        folded(strings("unless", doc.unless())));
                case "pattern" -> new SpamRule.Patterns(header, patterns(0), count("maxWords", doc.maxWords(), 30));
                case "inline" -> new SpamRule.Inline(header, patterns(Pattern.CASE_INSENSITIVE));
                case "section" -> new SpamRule.Section(header, patterns(0), count("maxWords", doc.maxWords(), 6),
                        count("minProseBefore", doc.minProseBefore(), 2));
                case "handle" -> new SpamRule.Handle(header, strings("prefixes", doc.prefixes()),
                        count("maxHandleWords", doc.maxHandleWords(), 3));
                case "linkFarm" -> new SpamRule.LinkFarm(header, count("minItems", doc.minItems(), 3),
                        count("maxItemWords", doc.maxItemWords(), 6),
                        fraction("minSpamItemShare", doc.minSpamItemShare(), 0.6));
                default -> {
                    problems.add(at.apply("kind") + ": unknown kind '" + kind + "' (expected keywords, pattern, inline, section, handle, linkFarm)");
                    yield null;
                }
            };
            return problems.size() > before ? null : rule;
        }

        private String required(String key, String value) {
            if (value == null || value.isBlank()) {
                problems.add(at.apply(key) + ": '" + key + "' is required");
                return null;
            }
            return value;
        }

        private int count(String key, Integer value, int fallback) {
            if (value == null) {
                return fallback;
            }
            if (value < 0) {
                problems.add(at.apply(key) + ": '" + key + "' must be a whole number >= 0, not '" + value + "'");
                return fallback;
            }
            return value;
        }

        private double fraction(String key, Double value, double fallback) {
            if (value == null) {
                return fallback;
            }
            if (value < 0 || value > 1) {
                problems.add(at.apply(key) + ": '" + key + "' must be a number between 0 and 1, not '" + value + "'");
                return fallback;
            }
            return value;
        }

        private <E extends Enum<E>> E choice(String key, String value, Class<E> type, E fallback) {
            if (value == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(at.apply(key) + ": '" + key + "' must be one of "
                        + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", not '" + value + "'");
                return fallback;
            }
        }

        private List<String> strings(String key, List<String> values) {
            if (values == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String v : values) {
                if (v == null || v.isBlank()) {
                    problems.add(at.apply(key) + ": " + key + ": empty entry");
                } else {
                    out.add(v);
                }
            }
            return out;
        }

        /** Words as the line analysis sees them: folded, one token each (a phrase's tokens all count). */
        private static Set<String> folded(List<String> words) {
            Set<String> out = new java.util.HashSet<>();
            for (String word : words) {
                out.addAll(Lexicon.tokens(TextNormalizer.fold(word)));
            }
            return out;
        }

        private List<GuardedPattern> patterns(int flags) {
            List<GuardedPattern> out = new ArrayList<>();
            List<String> sources = strings("patterns", doc.patterns());
            if (sources.isEmpty()) {
                problems.add(at.apply("patterns") + ": a " + doc.kind() + " rule needs at least one entry under 'patterns'");
            }
            for (String p : sources) {
                try {
                    out.add(GuardedPattern.of(Pattern.compile(p, flags)));
                } catch (PatternSyntaxException e) {
                    problems.add(at.apply("patterns") + ": pattern '" + p + "' does not compile: " + e.getDescription());
                }
            }
            return out;
        }
    }
}
