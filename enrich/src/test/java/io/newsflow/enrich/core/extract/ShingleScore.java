package io.newsflow.enrich.core.extract;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scrapinghub article-extraction-benchmark metric, reproduced: texts are split into Python-{@code \w+} tokens
 * (letters, digits and underscore of any script, case kept), compared as multisets of 4-token shingles (one shingle
 * of all tokens when a text has fewer than four), and true/false positives/negatives are normalised per page so
 * long pages weigh no more than short ones. The corpus score is the F1 of the mean precision and the mean recall.
 */
public record ShingleScore(double truePositives, double falsePositives, double falseNegatives) {
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final int SHINGLE = 4;

    public static ShingleScore of(String expected, String predicted) {
        Map<String, Integer> truth = shingles(expected);
        Map<String, Integer> guess = shingles(predicted);
        Set<String> keys = new HashSet<>(truth.keySet());
        keys.addAll(guess.keySet());
        double tp = 0;
        double fp = 0;
        double fn = 0;
        for (String key : keys) {
            int t = truth.getOrDefault(key, 0);
            int p = guess.getOrDefault(key, 0);
            tp += Math.min(t, p);
            fp += Math.max(0, p - t);
            fn += Math.max(0, t - p);
        }
        double sum = tp + fp + fn;
        return sum > 0 ? new ShingleScore(tp / sum, fp / sum, fn / sum) : new ShingleScore(0, 0, 0);
    }

    public double precision() {
        if (falsePositives == 0 && falseNegatives == 0) {
            return 1;
        }
        if (truePositives == 0 && falsePositives == 0) {
            return 0;
        }
        return truePositives / (truePositives + falsePositives);
    }

    public double recall() {
        if (falsePositives == 0 && falseNegatives == 0) {
            return 1;
        }
        if (truePositives == 0 && falseNegatives == 0) {
            return 0;
        }
        return truePositives / (truePositives + falseNegatives);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Corpus precision, recall and F1 as the benchmark's evaluate.py computes them. */
    public record Corpus(double precision, double recall, double f1, double meanPageF1) {
        public static Corpus of(List<ShingleScore> pages) {
            double precision = pages.stream()
                    .filter(s -> s.truePositives + s.falsePositives > 0)
                    .mapToDouble(ShingleScore::precision).average().orElse(0);
            double recall = pages.stream()
                    .filter(s -> s.truePositives + s.falseNegatives > 0)
                    .mapToDouble(ShingleScore::recall).average().orElse(0);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            double meanPageF1 = pages.stream().mapToDouble(ShingleScore::f1).average().orElse(0);
            return new Corpus(precision, recall, f1, meanPageF1);
        }
    }

    static List<String> tokens(String text) {
        Matcher matcher = TOKEN.matcher(text == null ? "" : text);
        List<String> tokens = new java.util.ArrayList<>();
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    private static Map<String, Integer> shingles(String text) {
        List<String> tokens = tokens(text);
        Map<String, Integer> counts = new HashMap<>();
        int count = Math.max(1, tokens.size() - SHINGLE + 1);
        for (int i = 0; i < count; i++) {
            List<String> shingle = tokens.subList(i, Math.min(tokens.size(), i + SHINGLE));
            if (!shingle.isEmpty()) {
                counts.merge(String.join("\u0001", shingle), 1, Integer::sum);
            }
        }
        return counts;
    }
}
