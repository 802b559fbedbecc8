package io.newsflow.schemas;

/** Subject names under the TopicNameStrategy: {@code <topic>-key} and {@code <topic>-value}. */
public final class Subjects {
    private Subjects() {}

    public static String forTopic(String topic, boolean isKey) {
        return isKey ? key(topic) : value(topic);
    }

    public static String key(String topic) {
        return topic + "-key";
    }

    public static String value(String topic) {
        return topic + "-value";
    }
}
