package io.newsflow.enrich.core.extract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

public class DebugProbe {
    public static void main(String[] args) throws Exception {
        Document doc = Jsoup.parse(Files.readString(Path.of(args[0])), "");
        ContentAnalysis a = new ContentAnalysis(true, true, new ClassHints(), e -> { });
        a.run(doc.body());
        var article = a.selectArticle();
        for (NodeStats n : article) {
            System.out.println("ROOT " + describe(n));
        }
        for (int i = 1; i < args.length; i++) {
            Element hit = doc.body().getElementsContainingOwnText(args[i]).first();
            System.out.println("== " + args[i]);
            for (Element e = hit; e != null; e = e.parent()) {
                NodeStats n = a.stats.get(e);
                System.out.println("  " + e.normalName() + "." + e.className() + " " + (n == null ? "NOSTATS" : describe(n)));
            }
        }
    }

    static String describe(NodeStats n) {
        return n.element.normalName() + "." + n.element.className() + " text=" + n.textChars + " link=" + (int) n.linkChars
                + " prose=" + n.proseChars + " p=" + n.paragraphs + " score=" + (int) n.score + " w=" + n.classWeight
                + " flags=" + n.classFlags;
    }
}
