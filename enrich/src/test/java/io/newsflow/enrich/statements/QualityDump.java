package io.newsflow.enrich.statements;

/** Prints the quality table and every miss (a development aid; the test asserts the floors). */
final class QualityDump {
    public static void main(String[] args) {
        TaggingQuality q = TaggingQuality.measure(StatementTagger.withDefaults(),
                args.length > 0 ? GoldenSet.load(args[0]) : GoldenSet.load());
        System.out.println(q.table());
        q.misses.forEach(System.out::println);
    }
}
