package io.newsflow.enrich.core.spam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The rules in force: the built-in set ({@code default-rules.yml}) plus, optionally, a user file that adds terms,
 * adds or replaces rules (by id) and disables rules (by id). Immutable once loaded.
 */
public final class SpamRules {
    static final String DEFAULT_RESOURCE = "default-rules.yml";

    private final Lexicon lexicon;
    private final List<SpamRule> rules;
    private final List<SpamRule> hiddenFirst;

    private SpamRules(Lexicon lexicon, List<SpamRule> rules) {
        this.lexicon = lexicon;
        this.rules = List.copyOf(rules);
        List<SpamRule> ordered = new ArrayList<>(rules.stream().filter(r -> r.position() == RulePosition.HIDDEN).toList());
        rules.stream().filter(r -> r.position() != RulePosition.HIDDEN).forEach(ordered::add);
        this.hiddenFirst = List.copyOf(ordered);
    }

    /** The built-in rules alone. */
    public static SpamRules defaults() {
        return build(List.of(readDefault()));
    }

    /** The built-in rules with a user file laid over them; a null path means no user file. */
    public static SpamRules withUserFile(Path userFile) {
        if (userFile == null) {
            return defaults();
        }
        String text;
        try {
            text = Files.readString(userFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidSpamRulesException(List.of(userFile + ": cannot read the spam rules file: " + e.getMessage()));
        }
        return withUserRules(text, userFile.toString());
    }

    /** The built-in rules with user rules given as YAML text (named {@code source} in error messages). */
    public static SpamRules withUserRules(String yaml, String source) {
        return build(List.of(readDefault(), new RuleFile(source, yaml)));
    }

    public List<SpamRule> rules() {
        return rules;
    }

    /** The rules with those for hidden text first: hidden spam is recorded under the hidden rule when one fits. */
    List<SpamRule> hiddenFirst() {
        return hiddenFirst;
    }

    Lexicon lexicon() {
        return lexicon;
    }

    /** The rule with this id, if it is in force. */
    public java.util.Optional<SpamRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    private record RuleFile(String source, String yaml) {}

    private static RuleFile readDefault() {
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
            Object root;
            try {
                root = new Yaml(new SafeConstructor(new LoaderOptions())).load(file.yaml());
            } catch (RuntimeException e) {
                problems.add(file.source() + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
                continue;
            }
            if (root == null) {
                continue;
            }
            if (!(root instanceof Map<?, ?> map)) {
                problems.add(file.source() + ": expected a mapping with terms, rules and disable");
                continue;
            }
            for (Object key : map.keySet()) {
                if (!Set.of("version", "terms", "rules", "disable").contains(String.valueOf(key))) {
                    problems.add(file.source() + ": unknown key '" + key + "' (expected version, terms, rules, disable)");
                }
            }
            readTerms(file.source(), map.get("terms"), terms, problems);
            readRules(file.source(), map.get("rules"), rules, problems);
            for (String id : strings(file.source() + ": disable", map.get("disable"), problems)) {
                if (rules.remove(id) == null) {
                    problems.add(file.source() + ": disable: no rule with id '" + id + "'");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpamRulesException(problems);
        }
        return new SpamRules(new Lexicon(terms), new ArrayList<>(rules.values()));
    }

    private static void readTerms(String source, Object node, Map<SpamTier, Set<String>> terms, List<String> problems) {
        if (node == null) {
            return;
        }
        if (!(node instanceof Map<?, ?> map)) {
            problems.add(source + ": terms: expected a mapping of strong/context/action to lists of words");
            return;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            SpamTier tier;
            try {
                tier = SpamTier.valueOf(String.valueOf(e.getKey()).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                problems.add(source + ": terms: unknown tier '" + e.getKey() + "' (expected strong, context, action)");
                continue;
            }
            terms.computeIfAbsent(tier, t -> new LinkedHashSet<>())
                    .addAll(strings(source + ": terms." + e.getKey(), e.getValue(), problems));
        }
    }

    private static void readRules(String source, Object node, Map<String, SpamRule> rules, List<String> problems) {
        if (node == null) {
            return;
        }
        if (!(node instanceof List<?> list)) {
            problems.add(source + ": rules: expected a list of rules");
            return;
        }
        int index = 0;
        for (Object item : list) {
            index++;
            String where = source + ": rules[" + index + "]";
            if (!(item instanceof Map<?, ?> raw)) {
                problems.add(where + ": expected a mapping");
                continue;
            }
            RuleReader r = new RuleReader(where, raw, problems);
            SpamRule rule = r.rule();
            if (rule != null) {
                rules.remove(rule.id()); // a rule with a known id replaces it, and takes its own place in the order
                rules.put(rule.id(), rule);
            }
        }
    }

    private static List<String> strings(String where, Object node, List<String> problems) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof Collection<?> values)) {
            problems.add(where + ": expected a list");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            if (v == null || String.valueOf(v).isBlank()) {
                problems.add(where + ": empty entry");
            } else {
                out.add(String.valueOf(v));
            }
        }
        return out;
    }

    /** Reads one rule mapping, collecting problems instead of stopping at the first. */
    private static final class RuleReader {
        private final Map<?, ?> raw;
        private final List<String> problems;
        private String where;

        RuleReader(String where, Map<?, ?> raw, List<String> problems) {
            this.where = where;
            this.raw = raw;
            this.problems = problems;
        }

        SpamRule rule() {
            int before = problems.size();
            String id = text("id", null);
            if (id != null) {
                where = where + " (" + id + ")";
            }
            int version = integer("version", -1);
            if (version < 1) {
                problems.add(where + ": version must be a whole number >= 1");
            }
            String kind = text("kind", null);
            RuleCategory category = choice("category", RuleCategory.class, RuleCategory.SPAM);
            RulePosition position = choice("position", RulePosition.class, RulePosition.ANYWHERE);
            String description = text("description", null);
            if (kind == null) {
                return null;
            }
            // Read on past a bad header, so that one pass reports every problem of the rule.
            SpamRule.Header header = new SpamRule.Header(id, version, category, position,
                    description == null ? "" : description.strip());
            SpamRule rule = switch (kind) {
                case "keywords" -> new SpamRule.Keywords(header, integer("minStrong", 1),
                        fraction("minDensity", 0.5), fraction("topicDensity", fraction("minDensity", 0.5)),
                        integer("topicMinAction", 0));
                case "pattern" -> new SpamRule.Patterns(header, patterns(), integer("maxWords", 30));
                case "handle" -> new SpamRule.Handle(header, strings(where + ": prefixes", raw.get("prefixes"), problems),
                        integer("maxHandleWords", 3));
                case "linkFarm" -> new SpamRule.LinkFarm(header, integer("minItems", 3), integer("maxItemWords", 6),
                        fraction("minSpamItemShare", 0.6));
                default -> {
                    problems.add(where + ": unknown kind '" + kind + "' (expected keywords, pattern, handle, linkFarm)");
                    yield null;
                }
            };
            return problems.size() > before ? null : rule;
        }

        private String text(String key, String fallback) {
            Object v = raw.get(key);
            if (v == null || String.valueOf(v).isBlank()) {
                if (fallback == null) {
                    problems.add(where + ": '" + key + "' is required");
                }
                return fallback;
            }
            return String.valueOf(v);
        }

        private int integer(String key, int fallback) {
            Object v = raw.get(key);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Integer i && i >= 0) {
                return i;
            }
            problems.add(where + ": '" + key + "' must be a whole number >= 0, not '" + v + "'");
            return fallback;
        }

        private double fraction(String key, double fallback) {
            Object v = raw.get(key);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1) {
                return n.doubleValue();
            }
            problems.add(where + ": '" + key + "' must be a number between 0 and 1, not '" + v + "'");
            return fallback;
        }

        private <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
            Object v = raw.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, String.valueOf(v).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": '" + key + "' must be one of "
                        + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", not '" + v + "'");
                return fallback;
            }
        }

        private List<Pattern> patterns() {
            List<Pattern> out = new ArrayList<>();
            List<String> sources = strings(where + ": patterns", raw.get("patterns"), problems);
            if (sources.isEmpty()) {
                problems.add(where + ": a pattern rule needs at least one entry under 'patterns'");
            }
            for (String p : sources) {
                try {
                    out.add(Pattern.compile(p));
                } catch (PatternSyntaxException e) {
                    problems.add(where + ": pattern '" + p + "' does not compile: " + e.getDescription());
                }
            }
            return out;
        }
    }
}
