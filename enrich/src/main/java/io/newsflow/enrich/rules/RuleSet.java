package io.newsflow.enrich.rules;

import io.newsflow.enrich.core.spam.InvalidSpamRulesException;
import io.newsflow.enrich.core.spam.SpamRules;
import io.newsflow.enrich.statements.LexiconFormatException;
import io.newsflow.enrich.statements.Lexicons;
import io.newsflow.common.yaml.YamlBinding;
import io.newsflow.schemas.Hashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The spam rules and statement lexicons in force, built-in files plus the user files of {@code enrich.rules} and
 * {@code enrich.lexicons}, read once into one immutable value with its {@link #fingerprint()}. A cleaner holds one
 * rule set at a time, so that an article is cleaned by one set from start to end.
 */
public final class RuleSet {
    /** Hex digits of the fingerprint: 64 bits of SHA-256, plenty to tell rule sets apart. */
    public static final int FINGERPRINT_LENGTH = 16;

    private final SpamRules spamRules;
    private final Lexicons lexicons;
    private final String fingerprint;
    private final UserFiles files;

    /** The paths a rule set was read from, in the order they are laid over the built-in files. */
    public record UserFiles(List<Path> rules, List<Path> lexicons) {
        public static final UserFiles NONE = new UserFiles(List.of(), List.of());

        public UserFiles {
            rules = List.copyOf(rules);
            lexicons = List.copyOf(lexicons);
        }
    }

    private RuleSet(SpamRules spamRules, Lexicons lexicons, String fingerprint, UserFiles files) {
        this.spamRules = spamRules;
        this.lexicons = lexicons;
        this.fingerprint = fingerprint;
        this.files = files;
    }

    /** The built-in rules and lexicons alone. */
    public static RuleSet builtIn() {
        return load(UserFiles.NONE);
    }

    /**
     * Reads the built-in files and the user files laid over them.
     *
     * @throws InvalidRulesException naming every problem found, each with its file and line
     */
    public static RuleSet load(UserFiles files) {
        List<String> problems = new ArrayList<>();
        List<SpamRules.RuleFile> ruleFiles = new ArrayList<>();
        for (Path p : files.rules()) {
            read(p, "spam rule", problems).ifPresent(text -> ruleFiles.add(new SpamRules.RuleFile(p.toString(), text)));
        }
        List<Lexicons.Source> lexiconFiles = new ArrayList<>(Lexicons.DEFAULT_RESOURCES.stream()
                .map(Lexicons.Source::resource).toList());
        int builtInLexicons = lexiconFiles.size();
        for (Path p : files.lexicons()) {
            read(p, "lexicon", problems).ifPresent(text -> lexiconFiles.add(new Lexicons.Source(p.toString(), text)));
        }
        SpamRules spam = null;
        try {
            spam = SpamRules.withUserFiles(ruleFiles);
        } catch (InvalidSpamRulesException e) {
            problems.addAll(e.problems());
        }
        Lexicons lexicons = null;
        try {
            lexicons = Lexicons.load(lexiconFiles);
        } catch (LexiconFormatException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new InvalidRulesException(problems);
        }
        List<String> canonical = new ArrayList<>();
        canonical.add("spam rules");
        canonical.add(YamlBinding.canonical(SpamRules.builtIn().yaml()));
        // A file of comments only adds nothing, so the set is the same as without it.
        ruleFiles.stream().map(f -> YamlBinding.canonical(f.yaml())).filter(c -> !c.isEmpty()).forEach(canonical::add);
        canonical.add("lexicons");
        for (int i = 0; i < lexiconFiles.size(); i++) {
            String content = YamlBinding.canonical(lexiconFiles.get(i).text());
            if (!content.isEmpty()) {
                canonical.add((i < builtInLexicons ? "built-in " : "user ") + content);
            }
        }
        return new RuleSet(spam, lexicons, fingerprintOf(canonical), files);
    }

    private static Optional<String> read(Path file, String what, List<String> problems) {
        try {
            return Optional.of(java.nio.file.Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            problems.add(file + ": cannot read the " + what + " file (" + e + ")");
            return Optional.empty();
        }
    }

    /** SHA-256 over the canonical content, in order, each part ended by a NUL. */
    static String fingerprintOf(List<String> canonicalParts) {
        StringBuilder content = new StringBuilder();
        for (String part : canonicalParts) {
            content.append(part).append('\0');
        }
        return Hashes.sha256Hex(content.toString()).substring(0, FINGERPRINT_LENGTH);
    }

    public SpamRules spamRules() {
        return spamRules;
    }

    public Lexicons lexicons() {
        return lexicons;
    }

    /**
     * A short hex fingerprint (16 digits of SHA-256) of the rules and lexicons in force: the canonical content of the
     * built-in files and of every user file, in order. It changes with any rule, term, lexicon entry or their order,
     * not with comments, whitespace, quoting, key order or the paths of the files.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** The user files this set was read from. */
    public UserFiles files() {
        return files;
    }

    @Override
    public String toString() {
        return "rules " + fingerprint + " (" + files.rules().size() + " user rule files, " + files.lexicons().size()
                + " user lexicon files)";
    }
}
