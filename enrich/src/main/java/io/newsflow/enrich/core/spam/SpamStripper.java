package io.newsflow.enrich.core.spam;

import io.newsflow.enrich.core.SpamRemoval;
import io.newsflow.enrich.core.extract.ExtractedBlock;
import io.newsflow.enrich.core.extract.ExtractedPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Takes injected spam and boilerplate lines out of an extracted page. A line goes only when a rule of the
 * {@link SpamRules} matches it; the first matching rule (in file order) is recorded with the line.
 *
 * <p>Precision comes first. A keyword alone never removes a line: what decides is the spam density of the line
 * (weighted spam words over all words), with a lower bar after the article's last prose paragraph, where injected
 * footers sit, and a higher one inside an article that is itself about gambling. Prose (ten words or more, few of
 * them spam) is never touched by the density rules, and quoted words never count. Stripping is idempotent: what it
 * keeps, it keeps again.
 */
public final class SpamStripper {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern ITEM_SEPARATORS = Pattern.compile("\\s*(?:[|,•·/;]|\\s[-–—]\\s)\\s*");

    private final SpamRules rules;

    public SpamStripper(SpamRules rules) {
        this.rules = rules;
    }

    public StrippedPage strip(ExtractedPage page) {
        Lexicon lexicon = rules.lexicon();
        List<ExtractedBlock> blocks = page.blocks();
        LineAnalysis[] analyses = new LineAnalysis[blocks.size()];
        SpamRule[] lineRule = new SpamRule[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            ExtractedBlock block = blocks.get(i);
            analyses[i] = LineAnalysis.of(block.text(), lexicon, block.kind() == ExtractedBlock.Kind.QUOTE);
            lineRule[i] = firstMatch(block.text(), analyses[i], Context.LINE_ONLY);
        }
        // Where the article ends and what it is about come from prose that stays, so a second pass sees the same.
        int lastProse = -1;
        int gamblingProse = 0;
        for (int i = 0; i < blocks.size(); i++) {
            if (lineRule[i] == null && blocks.get(i).kind() != ExtractedBlock.Kind.HEADING && analyses[i].isProse()) {
                lastProse = i;
                if (analyses[i].hasSpamWords()) {
                    gamblingProse++;
                }
            }
        }
        boolean gamblingTopic = gamblingProse >= 2;

        List<ExtractedBlock> kept = new ArrayList<>(blocks.size());
        List<SpamRemoval> removals = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            ExtractedBlock block = blocks.get(i);
            SpamRule rule = lineRule[i];
            if (rule == null && !analyses[i].isProse()) {
                boolean trailing = lastProse >= 0 && i > lastProse;
                rule = firstMatch(block.text(), analyses[i], new Context(true, trailing, false, gamblingTopic));
            }
            if (rule == null) {
                kept.add(block);
            } else {
                removals.add(new SpamRemoval(block.text(), rule.id(), rule.version()));
            }
        }
        List<String> hiddenKept = new ArrayList<>();
        for (String hidden : page.hiddenTexts()) {
            SpamRule rule = firstMatch(hidden, LineAnalysis.of(hidden, lexicon, false), Context.HIDDEN);
            if (rule == null) {
                hiddenKept.add(hidden);
            } else {
                removals.add(new SpamRemoval(hidden, rule.id(), rule.version()));
            }
        }
        ExtractedPage stripped = new ExtractedPage(page.title(), page.byline(), page.htmlLanguage(), kept, hiddenKept,
                page.siteName(), page.publishedAt());
        return new StrippedPage(stripped, removals);
    }

    /**
     * What a rule may look at besides the line itself. Rules that read only the line are decided first; the density
     * rules, which depend on where the article ends and what it is about, only after.
     */
    private record Context(boolean densityRules, boolean trailing, boolean hidden, boolean gamblingTopic) {
        static final Context LINE_ONLY = new Context(false, false, false, false);
        static final Context HIDDEN = new Context(true, false, true, false);
    }

    private SpamRule firstMatch(String line, LineAnalysis analysis, Context context) {
        for (SpamRule rule : context.hidden() ? rules.hiddenFirst() : rules.rules()) {
            if (!applies(rule, context)) {
                continue;
            }
            boolean match = switch (rule) {
                case SpamRule.Keywords k -> context.densityRules() && matchesKeywords(k, analysis, context.gamblingTopic());
                case SpamRule.Patterns p -> matchesPatterns(p, analysis);
                case SpamRule.Handle h -> matchesHandle(h, analysis);
                case SpamRule.LinkFarm f -> analysis.strong() > 0 && matchesLinkFarm(f, line);
            };
            if (match) {
                return rule;
            }
        }
        return null;
    }

    private static boolean applies(SpamRule rule, Context context) {
        if (context.hidden()) {
            // Hidden text is already out of the body; only spam in it is worth a record.
            return rule.category() == RuleCategory.SPAM && rule.position() != RulePosition.TRAILING;
        }
        return switch (rule.position()) {
            case ANYWHERE -> true;
            case TRAILING -> context.trailing();
            case HIDDEN -> false;
        };
    }

    private static boolean matchesKeywords(SpamRule.Keywords rule, LineAnalysis a, boolean topic) {
        if (a.words() == 0 || a.strong() < rule.minStrong()) {
            return false;
        }
        if (topic) {
            return a.density() >= Math.max(rule.minDensity(), rule.topicDensity()) && a.action() >= rule.topicMinAction();
        }
        return a.density() >= rule.minDensity();
    }

    private static boolean matchesPatterns(SpamRule.Patterns rule, LineAnalysis a) {
        if (a.words() > rule.maxWords() || a.words() == 0) {
            return false;
        }
        String normalised = WHITESPACE.matcher(a.folded().strip()).replaceAll(" ");
        for (Pattern p : rule.patterns()) {
            if (p.matcher(normalised).matches()) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesHandle(SpamRule.Handle rule, LineAnalysis analysis) {
        if (analysis.words() > rule.maxHandleWords() + 2) {
            return false;
        }
        String folded = analysis.folded().strip();
        for (String prefix : rule.prefixes()) {
            String p = prefix.toLowerCase(Locale.ROOT);
            if (!folded.startsWith(p) || folded.length() == p.length()) {
                continue;
            }
            char next = folded.charAt(p.length());
            if (next != ' ' && next != ':') {
                continue;
            }
            String handle = folded.substring(p.length()).replaceFirst("^[\\s:]+", "").strip();
            List<String> tokens = Lexicon.tokens(handle);
            if (tokens.isEmpty() || tokens.size() > rule.maxHandleWords()) {
                return false;
            }
            for (String token : tokens) {
                if (rules.lexicon().tierOf(token, true) == SpamTier.STRONG) {
                    return true;
                }
            }
            return false;
        }
        return false;
    }

    /** Items are weighed one by one; the caller has checked that the line has unquoted strong words at all. */
    private boolean matchesLinkFarm(SpamRule.LinkFarm rule, String line) {
        String[] items = ITEM_SEPARATORS.split(line.strip());
        if (items.length < rule.minItems()) {
            return false;
        }
        int spamItems = 0;
        int strongItems = 0;
        for (String item : items) {
            LineAnalysis a = LineAnalysis.of(item, rules.lexicon(), false);
            if (a.words() == 0) {
                continue;
            }
            if (a.words() > rule.maxItemWords()) {
                return false;
            }
            if (a.hasSpamWords()) {
                spamItems++;
            }
            if (a.strong() > 0) {
                strongItems++;
            }
        }
        return strongItems > 0 && spamItems >= rule.minSpamItemShare() * items.length;
    }
}
