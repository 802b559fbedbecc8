package io.newsflow.common.config;

/**
 * Topic names, overridable so that several pipelines can share a cluster.
 *
 * @param raw {@code topics.raw}
 * @param clean {@code topics.clean}
 * @param deadLetter {@code topics.deadLetter}
 */
public record TopicSettings(String raw, String clean, String deadLetter) {
    public static TopicSettings from(ConfigNode root) {
        ConfigNode topics = root.section("topics");
        return new TopicSettings(
                topicName(topics, "raw", "articles.raw"),
                topicName(topics, "clean", "articles.clean"),
                topicName(topics, "deadLetter", "articles.dlq"));
    }

    static String topicName(ConfigNode section, String key, String defaultName) {
        String name = section.string(key, defaultName);
        // Kafka's own rule for legal topic names.
        if (!name.matches("[a-zA-Z0-9._-]{1,249}") || name.equals(".") || name.equals("..")) {
            section.problem(key, "'" + name + "' is not a legal Kafka topic name (letters, digits, '.', '_', '-')");
            return defaultName;
        }
        return name;
    }
}
