package io.newsflow.app;

import io.newsflow.sink.kibana.KibanaImporter;
import io.newsflow.sink.kibana.KibanaImporter.Credentials;
import io.newsflow.sink.kibana.KibanaImporter.KibanaImportException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsflow kibana import}: loads the data view and dashboard into Kibana. */
@Command(name = "kibana", description = "Kibana saved objects (data view, dashboard).",
        mixinStandardHelpOptions = true, subcommands = {KibanaCommand.Import.class})
public final class KibanaCommand {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Imports the newsflow data view, charts and dashboard through Kibana's saved-objects API"
                    + " (overwriting, so running it again is harmless).")
    static final class Import implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--url", required = true, paramLabel = "URL",
                description = "Kibana's base URL, e.g. http://localhost:5601 (add /s/<space> for a space).")
        URI url;

        @ArgGroup(exclusive = true)
        Login login;

        @Option(names = "--file", paramLabel = "NDJSON",
                description = "Saved objects to import (default: the bundled kibana/newsflow.ndjson).")
        Path file;

        @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
                description = "Connect and request timeout in seconds (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        static final class Login {
            @ArgGroup(exclusive = false)
            Basic basic;

            @Option(names = "--api-key", paramLabel = "KEY", description = "Encoded API key (Authorization: ApiKey).")
            String apiKey;
        }

        static final class Basic {
            @Option(names = "--user", required = true, paramLabel = "USER")
            String user;

            @Option(names = "--password", required = true, paramLabel = "PASSWORD", interactive = true,
                    arity = "0..1", description = "Password (prompted for when given without a value).")
            String password;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            byte[] ndjson;
            try {
                ndjson = file == null ? KibanaImporter.bundled() : Files.readAllBytes(file);
            } catch (IOException e) {
                err.println("Cannot read " + file + ": " + e.getMessage());
                return 2;
            }
            try {
                KibanaImporter.Result result = new KibanaImporter(Duration.ofSeconds(timeoutSeconds)).importObjects(url, credentials(), ndjson);
                if (result.success()) {
                    out.println("Imported " + result.successCount() + " saved objects into " + url);
                    return 0;
                }
                err.println("Kibana imported " + result.successCount() + " objects and refused "
                        + result.errors().size() + ":");
                result.errors().forEach(error -> err.println("  " + error));
                return 1;
            } catch (KibanaImportException e) {
                err.println(e.getMessage());
                return 2;
            }
        }

        private Credentials credentials() {
            if (login == null) {
                return new Credentials.None();
            }
            if (login.apiKey != null) {
                return new Credentials.ApiKey(login.apiKey);
            }
            return new Credentials.Basic(login.basic.user, login.basic.password == null ? "" : login.basic.password);
        }
    }
}
