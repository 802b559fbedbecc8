package io.newsflow.enrich.statements;

import java.util.HashSet;

/** Debug aid: prints the mentions and cues of one sentence. */
final class MentionDump {
    public static void main(String[] args) {
        Lexicons lexicons = Lexicons.defaults();
        LanguageLexicon lex = lexicons.language(args[0]);
        BlockAnalysis b = new BlockAnalysis(0, 0, 0, args[1], lex);
        HashSet<String> lower = new HashSet<>();
        b.collectLowerCase(lower);
        b.analyse(lex, lower);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.tokens.size(); i++) {
            sb.append(b.tokens.get(i).text).append('/').append(b.cls[i]).append(' ');
        }
        System.out.println(sb);
        b.mentions.forEach(System.out::println);
        b.cues.forEach(c -> System.out.println(c.cue().surface() + " " + c.cue().forms()));
    }
}
