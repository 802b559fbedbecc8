package io.newsflow.enrich.statements;

import io.newsflow.enrich.core.ArticleBody;
import io.newsflow.enrich.core.Block;
import io.newsflow.enrich.core.Section;
import io.newsflow.enrich.core.Statement;
import java.util.List;

/** Writes a body and its statements in the CleanArticle JSON shape, for the shared checking script. */
final class StatementJson {
    private StatementJson() {}

    static String write(ArticleBody body, String language, List<Statement> statements) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"title\": ").append(str(body.title())).append(",\n");
        sb.append("  \"language\": ").append(str(language)).append(",\n");
        sb.append("  \"lead\": ").append(blocks(body.lead())).append(",\n");
        sb.append("  \"sections\": [");
        for (int i = 0; i < body.sections().size(); i++) {
            Section s = body.sections().get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"heading\": ").append(str(s.heading()))
                    .append(", \"blocks\": ").append(blocks(s.blocks())).append('}');
        }
        sb.append("\n  ],\n  \"statements\": [");
        for (int i = 0; i < statements.size(); i++) {
            Statement st = statements.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"section\": ").append(st.section())
                    .append(", \"block\": ").append(st.block())
                    .append(", \"text\": ").append(str(st.text()))
                    .append(", \"speaker\": ").append(st.speaker() == null ? "null"
                            : "{\"name\": " + str(st.speaker().name()) + ", \"role\": " + str(st.speaker().role()) + "}")
                    .append(", \"act\": ").append(str(st.act().name()))
                    .append(", \"quotes\": [");
            for (int q = 0; q < st.quotes().size(); q++) {
                sb.append(q == 0 ? "" : ", ").append(str(st.quotes().get(q)));
            }
            sb.append("], \"via\": ").append(str(st.via()))
                    .append(", \"start\": ").append(st.start()).append(", \"end\": ").append(st.end())
                    .append(", \"confidence\": ").append(st.confidence()).append('}');
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    private static String blocks(List<Block> blocks) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < blocks.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append("{\"kind\": ").append(str(blocks.get(i).kind().name()))
                    .append(", \"text\": ").append(str(blocks.get(i).text())).append('}');
        }
        return sb.append(']').toString();
    }

    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
