package io.newsflow.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.enrich.core.ArticleInput;
import io.newsflow.enrich.core.Block;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.enrich.core.CleanedArticle;
import io.newsflow.enrich.core.Section;
import io.newsflow.enrich.core.Statement;
import io.newsflow.enrich.core.lang.LanguageGuesser;
import io.newsflow.enrich.core.spam.InvalidSpamRulesException;
import io.newsflow.enrich.core.spam.SpamRules;
import io.newsflow.enrich.statements.LexiconFormatException;
import io.newsflow.enrich.statements.Lexicons;
import io.newsflow.enrich.statements.StatementTagger;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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
 * and prints each result as JSON with the CleanArticle field names. How a user debugs a page.
 */
@Command(
        name = "clean",
        mixinStandardHelpOptions = true,
        description = "Cleans local HTML or text files with the enrich core and prints each as JSON (CleanArticle"
                + " field names). A file that is not an article prints why on stderr; the exit code is then 1.")
public final class CleanCommand implements Callable<Integer> {
    /** Exit code when at least one file was rejected or unreadable. */
    static final int SOME_REJECTED = 1;

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
        try {
            cleaner = new ArticleCleaner(SpamRules.withUserFile(spamRules), LanguageGuesser.defaults(),
                    StatementTagger.load(Lexicons.defaultsWith(lexicons.toArray(Path[]::new))), minWords);
        } catch (InvalidSpamRulesException | LexiconFormatException e) {
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
            CleanResult result = cleaner.clean(ArticleInput.ofBytes(file.toString(), null, bytes, Instant.now()));
            switch (result) {
                case CleanResult.Cleaned cleaned -> out.println(write(json, toJson(file, bytes, cleaned.article())));
                case CleanResult.Rejected rejected -> {
                    err.println(file + ": rejected: " + rejected.reason() + ": " + rejected.message());
                    exit = SOME_REJECTED;
                }
            }
            out.flush();
        }
        return exit;
    }

    private Map<String, Object> toJson(Path file, byte[] bytes, CleanedArticle article) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (format.jsonl) {
            json.put("source", file.toString());
        }
        json.put("url", file.toString());
        json.put("title", article.title());
        json.put("byline", article.byline());
        json.put("publishedAt", article.publishedAt() == null ? null : article.publishedAt().toString());
        json.put("language", article.language());
        json.put("credit", article.credit());
        json.put("lead", article.body().lead().stream().map(CleanCommand::block).toList());
        json.put("sections", article.body().sections().stream().map(CleanCommand::section).toList());
        json.put("statements", article.statements().stream().map(CleanCommand::statement).toList());
        json.put("spamRemoved", article.spamRemoved().stream()
                .map(r -> Map.of("text", r.text(), "rule", r.rule(), "ruleVersion", r.ruleVersion())).toList());
        json.put("text", article.text());
        json.put("wordCount", article.wordCount());
        json.put("contentHash", sha256(bytes));
        return json;
    }

    private static Map<String, Object> block(Block block) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", block.kind().name());
        json.put("text", block.text());
        return json;
    }

    private static Map<String, Object> section(Section section) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("heading", section.heading());
        json.put("blocks", section.blocks().stream().map(CleanCommand::block).toList());
        return json;
    }

    private static Map<String, Object> statement(Statement s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("section", s.section());
        json.put("block", s.block());
        json.put("text", s.text());
        if (s.speaker() == null) {
            json.put("speaker", null);
        } else {
            Map<String, Object> speaker = new LinkedHashMap<>();
            speaker.put("name", s.speaker().name());
            speaker.put("role", s.speaker().role());
            json.put("speaker", speaker);
        }
        json.put("act", s.act().name());
        json.put("quotes", s.quotes());
        json.put("via", s.via());
        json.put("start", s.start());
        json.put("end", s.end());
        json.put("confidence", s.confidence());
        return json;
    }

    private static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
