package io.newsflow.enrich.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * Which enricher made a clean article: the code version (the Maven project version baked in at build time) and a
 * hash of the spam rules and lexicons in force. Enrich's dedup keys on it, so the same raw article enriched by a
 * newer enricher gives a new clean article.
 *
 * <p>The rules part is {@link io.newsflow.enrich.rules.RuleSet#fingerprint()} of the rule set in force (built-in
 * rules and lexicons with the user's files laid over them), read per article since enrich reloads changed files.
 */
public record EnricherVersion(String code, String rules) {
    private static final String PROPERTIES = "enricher.properties";

    public EnricherVersion {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(rules, "rules");
    }

    /** The version for this code and a rules fingerprint computed elsewhere. */
    public static EnricherVersion of(String code, String rulesFingerprint) {
        return new EnricherVersion(code, rulesFingerprint);
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

}
