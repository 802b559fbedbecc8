package io.newsflow.enrich.pipeline;

import io.newsflow.enrich.statements.Lexicons;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Which enricher made a clean article: the code version (the Maven project version baked in at build time) and a
 * hash of the spam rules and lexicons in force. Enrich's dedup keys on it, so the same raw article enriched by a
 * newer enricher gives a new clean article.
 *
 * <p>The rules hash is computed in one place, {@link #rulesHash(List)}, from the texts the cleaner actually loaded
 * (built-in resources first, then user files, in the order they are laid over each other). A loader that holds its
 * rule set in another form (a hot-reloaded set) passes its own content here, or its own fingerprint through
 * {@link #of(String, String)}.
 */
public record EnricherVersion(String code, String rules) {
    /** Built-in spam rules, relative to the class path root. */
    static final String DEFAULT_SPAM_RULES = "io/newsflow/enrich/core/spam/default-rules.yml";
    private static final String PROPERTIES = "enricher.properties";

    public EnricherVersion {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(rules, "rules");
    }

    /** One rule or lexicon file as loaded: its name (resource or path) and its text. */
    public record RuleText(String name, String text) {
        public RuleText {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The version for this code and a rules fingerprint computed elsewhere. */
    public static EnricherVersion of(String code, String rulesFingerprint) {
        return new EnricherVersion(code, rulesFingerprint);
    }

    /** This build's code version with the hash of the built-in rules and lexicons plus the given user files. */
    public static EnricherVersion current(List<Path> userSpamRules, List<Path> userLexicons) {
        List<RuleText> texts = new ArrayList<>();
        texts.add(resource(DEFAULT_SPAM_RULES));
        userSpamRules.forEach(p -> texts.add(file(p)));
        Lexicons.DEFAULT_RESOURCES.forEach(r -> texts.add(resource(r)));
        userLexicons.forEach(p -> texts.add(file(p)));
        return new EnricherVersion(codeVersion(), rulesHash(texts));
    }

    /**
     * The rules hash: the first 16 hex digits of SHA-256 over every file's text, in order, each length-prefixed so
     * no two different sets hash alike by concatenation (names are left out: moving a file changes nothing). The one
     * place the hash is made.
     */
    public static String rulesHash(List<RuleText> inForce) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        for (RuleText each : inForce) {
            byte[] bytes = each.text().getBytes(StandardCharsets.UTF_8);
            sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    /** The Maven project version this class was built from, or {@code development} outside a Maven build. */
    public static String codeVersion() {
        try (InputStream in = EnricherVersion.class.getResourceAsStream(PROPERTIES)) {
            if (in == null) {
                return "development";
            }
            Properties props = new Properties();
            props.load(in);
            String code = props.getProperty("code", "");
            return code.isBlank() || code.startsWith("${") ? "development" : code;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PROPERTIES, e);
        }
    }

    /** {@code <code>+rules.<hash>}: the single string of the schema's {@code enricherVersion} and the dedup key. */
    public String label() {
        return code + "+rules." + rules;
    }

    @Override
    public String toString() {
        return label();
    }

    private static RuleText resource(String name) {
        Lexicons.Source source = Lexicons.Source.resource(name);
        return new RuleText(source.name(), source.text());
    }

    private static RuleText file(Path path) {
        Lexicons.Source source = Lexicons.Source.file(path);
        return new RuleText(source.name(), source.text());
    }
}
