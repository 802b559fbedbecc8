package io.newsflow.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.newsflow.avro.BodySource;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.FeedItem;
import io.newsflow.avro.RawArticle;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.enrich.core.lang.LanguageGuesser;
import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.enrich.pipeline.EnricherVersion;
import io.newsflow.enrich.rules.InvalidRulesException;
import io.newsflow.enrich.rules.RuleSet;
import io.newsflow.enrich.statements.StatementTagger;
import io.newsflow.enrich.streams.ArticleMapping;
import io.newsflow.schemas.Hashes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newsflow clean FILE...}: runs the enrich core on local files (HTML or plain text, told apart by content)
 * and prints each result as the CleanArticle the enricher would publish (through {@link ArticleMapping}), in plain
 * JSON. How a user debugs a page. A file that cannot be read, is rejected or makes the cleaner throw is named on
 * stderr with the reason, and the others go on.
 */
@Command(
        name = "clean",
        mixinStandardHelpOptions = true,
        description = "Cleans local HTML or text files with the enrich core and prints each as the CleanArticle the"
                + " enricher would publish, in JSON. A file that is not an article, cannot be read or makes the cleaner"
                + " fail prints why on stderr, the others go on, and the exit code is then 1.")
public final class CleanCommand implements Callable<Integer> {
    /** Exit code when at least one file was rejected, unreadable or made the cleaner fail. */
    static final int SOME_REJECTED = 1;
    /** What {@code enricherVersion} says for articles cleaned here. */

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true)
    private Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "One pretty-printed object per file (the default).")
        boolean json;

        @Option(names = "--jsonl", description = "One line per file, with a \"source\" field naming the file.")
        boolean jsonl;
    }

    @Option(names = "--spam-rules", paramLabel = "FILE",
            description = "A user spam rule file laid over the built-in rules (adds terms and rules, disables by id).")
    private Path spamRules;

    @Option(names = "--lexicon", paramLabel = "FILE",
            description = "A user lexicon file for statement tagging, read after the built-in ones (repeatable).")
    private List<Path> lexicons = List.of();

    @Option(names = "--min-words", defaultValue = "" + ArticleCleaner.DEFAULT_MIN_WORDS, paramLabel = "N",
            description = "Fewest words an article may have (default: ${DEFAULT-VALUE}).")
    private int minWords;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "HTML or text files.")
    private List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ArticleCleaner cleaner;
        EnricherVersion version;
        try {
            RuleSet rules = RuleSet.load(new RuleSet.UserFiles(spamRules == null ? List.of() : List.of(spamRules),
                    lexicons));
            cleaner = new ArticleCleaner(rules.spamRules(), LanguageGuesser.defaults(),
                    StatementTagger.load(rules.lexicons()), minWords);
            version = EnricherVersion.of(EnricherVersion.codeVersion(), rules.fingerprint());
        } catch (InvalidRulesException e) {
            err.println(e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        ObjectMapper json = new ObjectMapper();
        if (!format.jsonl) {
            json.enable(SerializationFeature.INDENT_OUTPUT);
        }
        int exit = CommandLine.ExitCode.OK;
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                err.println(file + ": cannot read: " + e.getMessage());
                exit = SOME_REJECTED;
                continue;
            }
            RawArticle raw = rawArticle(file, bytes);
            CleanResult result;
            try {
                result = cleaner.clean(ArticleMapping.toInput(raw));
            } catch (RuntimeException | StackOverflowError e) {
                // decoding or extraction threw (later stages degrade instead): name the file, go on with the rest
                err.println(file + ": failed: " + e + where(e));
                exit = SOME_REJECTED;
                continue;
            }
            switch (result) {
                case CleanResult.Cleaned cleaned -> {
                    CleanArticle article = ArticleMapping.toCleanArticle(raw, cleaned.article(), Instant.now(), version);
                    for (var degraded : article.getDegraded()) {
                        err.println(file + ": degraded: " + degraded.getStage() + " " + degraded.getCause() + ": "
                                + degraded.getError());
                    }
                    out.println(write(json, toJson(file, article)));
                }
                case CleanResult.Rejected rejected -> {
                    err.println(file + ": rejected: " + rejected.reason() + ": " + rejected.message());
                    exit = SOME_REJECTED;
                }
            }
            out.flush();
        }
        return exit;
    }

    /** The file as ingest would have published it, its path standing for every URL. */
    private static RawArticle rawArticle(Path file, byte[] bytes) {
        String name = file.toString();
        return RawArticle.newBuilder()
                .setId(Hashes.articleId(name))
                .setUrl(name)
                .setCanonicalUrl(name)
                .setFeedUrl(name)
                .setItem(FeedItem.newBuilder().build())
                .setFetchedAt(Instant.now())
                .setBodySource(BodySource.PAGE)
                .setBody(ByteBuffer.wrap(bytes))
                .setContentHash(Hashes.contentHash(bytes))
                .build();
    }

    /** The CleanArticle as the topic carries it, in plain JSON; {@code source} first with --jsonl. */
    private Map<String, Object> toJson(Path file, CleanArticle article) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (format.jsonl) {
            json.put("source", file.toString());
        }
        json.putAll(AvroJson.toMap(article));
        return json;
    }

    /** The first newsflow frame of a failure, to tell where it happened without echoing content. */
    private static String where(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("io.newsflow.")) {
                return " (at " + frame + ")";
            }
        }
        return "";
    }

    private static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
