package io.newsflow.common.config;

/**
 * One thing wrong with a configuration.
 *
 * @param location where: {@code newsflow.yml:12}, {@code env NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS}, or a file name
 * @param setting the dotted path of the setting ({@code kafka.bootstrapServers}), or empty for the whole file
 * @param message what is wrong, in words a user can act on
 */
public record ConfigProblem(String location, String setting, String message) {
    @Override
    public String toString() {
        return setting.isEmpty() ? location + ": " + message : location + ": " + setting + ": " + message;
    }
}
