package io.newsflow.enrich.statements;

import io.newsflow.enrich.core.ArticleBody;
import io.newsflow.enrich.core.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Debug aid: prints the seed's statements (run from the IDE or with exec:java). */
final class SeedDump {
    public static void main(String[] args) throws Exception {
        String text = args.length > 0 ? Files.readString(Path.of(args[0])) : SharedSamples.read("samples/geneva-talks.id.txt");
        ArticleBody body = PlainTextArticle.parse(text, args.length > 1 ? Integer.parseInt(args[1]) : 3);
        List<Statement> st = StatementTagger.withDefaults().tag(body, args.length > 2 ? args[2] : "id");
        Files.writeString(Path.of("target/seed-statements.json"), StatementJson.write(body, "id", st));
        for (Statement s : st) {
            System.out.println(s.section() + "/" + s.block() + " " + s.act() + " " + s.speaker() + " via=" + s.via()
                    + " q=" + s.quotes() + " c=" + s.confidence() + "\n   «" + s.text() + "»");
        }
    }
}
