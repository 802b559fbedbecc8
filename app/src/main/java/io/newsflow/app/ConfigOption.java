package io.newsflow.app;

import io.newsflow.common.config.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --config} option of every command that reads the configuration (a picocli mixin). */
public final class ConfigOption {
    static final String DEFAULT_FILE = "config/newsflow.yml";

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            defaultValue = "${env:NEWSFLOW_CONFIG:-" + DEFAULT_FILE + "}",
            description = "Configuration file (default: ${DEFAULT-VALUE}; NEWSFLOW_CONFIG sets it too). "
                    + "Without a file, settings come from NEWSFLOW_* environment variables alone.")
    Path file;

    /** Loads the file with the process environment applied; no file at the default path means environment only. */
    public ConfigSource load() {
        return load(System.getenv());
    }

    ConfigSource load(Map<String, String> env) {
        if (!Files.exists(file) && file.toString().equals(DEFAULT_FILE)) {
            return ConfigSource.environmentOnly(env);
        }
        return ConfigSource.load(file, env);
    }

    public Path file() {
        return file;
    }
}
