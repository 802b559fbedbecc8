package io.newsflow.ingest.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules of one robots.txt for one user-agent token (RFC 9309): the groups naming our token, else the
 * {@code *} groups; the longest matching Allow/Disallow wins, Allow on a tie; {@code *} and a final {@code $} are
 * wildcards.
 */
public final class RobotsRules {

    /** {@code glob} is the pattern as a whole-string match: a trailing "*" added unless it ended in "$". */
    private record Rule(boolean allow, String pattern, String glob) {
    }

    public static final RobotsRules ALLOW_ALL = new RobotsRules(List.of(), null);
    public static final RobotsRules DISALLOW_ALL = new RobotsRules(List.of(rule(false, "/")), null);

    private final List<Rule> rules;
    private final Duration crawlDelay;

    private RobotsRules(List<Rule> rules, Duration crawlDelay) {
        this.rules = rules;
        this.crawlDelay = crawlDelay;
    }

    /** Parses robots.txt text, keeping the rules that apply to {@code token} (case-insensitive). */
    public static RobotsRules parse(String text, String token) {
        String ourToken = token.toLowerCase(Locale.ROOT);
        List<Rule> ours = new ArrayList<>();
        List<Rule> star = new ArrayList<>();
        Duration ourDelay = null;
        Duration starDelay = null;
        boolean groupIsOurs = false;
        boolean groupIsStar = false;
        boolean inAgentLines = false;
        boolean sawOurGroup = false;
        for (String rawLine : text.split("\r\n|\r|\n")) {
            int hash = rawLine.indexOf('#');
            String line = (hash >= 0 ? rawLine.substring(0, hash) : rawLine).strip();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (field) {
                case "user-agent" -> {
                    if (!inAgentLines) {
                        groupIsOurs = false;
                        groupIsStar = false;
                    }
                    inAgentLines = true;
                    String agent = value.toLowerCase(Locale.ROOT);
                    int slash = agent.indexOf('/');
                    String product = slash >= 0 ? agent.substring(0, slash) : agent;
                    if (product.equals(ourToken)) {
                        groupIsOurs = true;
                        sawOurGroup = true;
                    } else if (product.equals("*")) {
                        groupIsStar = true;
                    }
                }
                case "allow", "disallow" -> {
                    inAgentLines = false;
                    if (value.isEmpty()) {
                        continue; // "Disallow:" with nothing means allow everything
                    }
                    Rule rule = rule(field.equals("allow"), value);
                    if (groupIsOurs) {
                        ours.add(rule);
                    }
                    if (groupIsStar) {
                        star.add(rule);
                    }
                }
                case "crawl-delay" -> {
                    inAgentLines = false;
                    Duration delay = parseDelay(value);
                    if (groupIsOurs && delay != null) {
                        ourDelay = delay;
                    }
                    if (groupIsStar && delay != null) {
                        starDelay = delay;
                    }
                }
                default -> inAgentLines = false; // sitemap and unknown fields end the agent lines too
            }
        }
        return sawOurGroup ? new RobotsRules(List.copyOf(ours), ourDelay) : new RobotsRules(List.copyOf(star), starDelay);
    }

    /** Whether {@code pathAndQuery} (raw, starting with "/") may be fetched. */
    public boolean allows(String pathAndQuery) {
        String path = pathAndQuery.isEmpty() ? "/" : pathAndQuery;
        Rule best = null;
        for (Rule rule : rules) {
            if (globMatches(rule.glob(), path)) {
                if (best == null || rule.pattern().length() > best.pattern().length()
                        || (rule.pattern().length() == best.pattern().length() && rule.allow())) {
                    best = rule;
                }
            }
        }
        return best == null || best.allow() || path.equals("/robots.txt");
    }

    /** The Crawl-delay the applicable group asked for, if any. */
    public Optional<Duration> crawlDelay() {
        return Optional.ofNullable(crawlDelay);
    }

    private static Rule rule(boolean allow, String pattern) {
        boolean anchored = pattern.endsWith("$");
        String glob = anchored ? pattern.substring(0, pattern.length() - 1) : pattern + "*";
        return new Rule(allow, pattern, glob.replaceAll("\\*+", "*"));
    }

    /** Whole-string match with "*" wildcards, greedy with one backtrack point: O(n*m), no regex blowup. */
    static boolean globMatches(String glob, String text) {
        int g = 0;
        int t = 0;
        int starAt = -1;
        int textAtStar = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) != '*' && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                starAt = g++;
                textAtStar = t;
            } else if (starAt >= 0) {
                g = starAt + 1;
                t = ++textAtStar;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    private static Duration parseDelay(String value) {
        try {
            double seconds = Double.parseDouble(value);
            return seconds >= 0 && seconds < 86_400 ? Duration.ofMillis((long) (seconds * 1000)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
