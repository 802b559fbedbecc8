package io.newsflow.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one command line. Each subcommand is its own class; this one only lists them. */
@Command(
        name = "newsflow",
        mixinStandardHelpOptions = true,
        versionProvider = Newsflow.Version.class,
        description = "Feed URLs to clean, structured, searchable articles, in real time, on Kafka.",
        subcommands = {
            CommandLine.HelpCommand.class,
            UpCommand.class,
            StackCommand.class,
            CheckConfigCommand.class,
            CleanCommand.class,
            IngestCommand.class,
            EnrichCommand.class,
            SourcesCommand.class,
            SinkCommand.class,
            KibanaCommand.class,
            TopicsCommand.class,
            DlqCommand.class,
            ReplayCommand.class
        })
public final class Newsflow {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by main and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Newsflow()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Newsflow.class.getPackage().getImplementationVersion();
            return new String[] {"newsflow " + (version == null ? "development build" : version)};
        }
    }
}
