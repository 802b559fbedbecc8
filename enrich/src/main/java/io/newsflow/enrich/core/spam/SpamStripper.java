package io.newsflow.enrich.core.spam;

import io.newsflow.enrich.core.SpamRemoval;
import io.newsflow.enrich.core.Words;
import io.newsflow.enrich.core.extract.ExtractedBlock;
import io.newsflow.enrich.core.extract.ExtractedPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
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
        int n = page.blocks().size();
        ExtractedBlock[] blocks = new ExtractedBlock[n];
        List<List<SpamRemoval>> cuts = new ArrayList<>(n);
        LineAnalysis[] analyses = new LineAnalysis[n];
        SpamRule[] lineRule = new SpamRule[n];
        for (int i = 0; i < n; i++) {
            ExtractedBlock block = page.blocks().get(i);
            boolean quote = block.kind() == ExtractedBlock.Kind.QUOTE;
            LineAnalysis analysis = LineAnalysis.of(block.text(), lexicon, quote);
            SpamRule rule = firstMatch(block.text(), analysis, Context.LINE_ONLY);
            List<SpamRemoval> cut = List.of();
            if (rule == null && !rules.inline().isEmpty()) {
                List<SpamRemoval> found = new ArrayList<>(0);
                String rest = cutInline(block.text(), found);
                // A line that is nothing but the phrase is a line rule's to take (or, disabled, to leave).
                if (!found.isEmpty() && Words.count(rest) > 0) {
                    cut = found;
                    block = new ExtractedBlock(block.kind(), rest);
                    analysis = LineAnalysis.of(rest, lexicon, quote);
                    rule = firstMatch(rest, analysis, Context.LINE_ONLY);
                }
            }
            blocks[i] = block;
            cuts.add(cut);
            analyses[i] = analysis;
            lineRule[i] = rule;
        }
        // Where the article ends and what it is about come from prose that stays, so a second pass sees the same.
        int lastProse = -1;
        int gamblingProse = 0;
        for (int i = 0; i < n; i++) {
            if (lineRule[i] == null && blocks[i].kind() != ExtractedBlock.Kind.HEADING
                    && analyses[i].isProse()) {
                lastProse = i;
                if (analyses[i].hasSpamWords()) {
                    gamblingProse++;
                }
            }
        }
        boolean gamblingTopic = gamblingProse >= 2;
        for (int i = 0; i < n; i++) {
            if (lineRule[i] == null && !analyses[i].isProse()) {
                boolean trailing = lastProse >= 0 && i > lastProse;
                lineRule[i] = firstMatch(blocks[i].text(), analyses[i],
                        Context.densityAfterLineRules(trailing, gamblingTopic));
            }
        }
        takeSpamRuns(blocks, analyses, lineRule);
        takeBoilerplateSections(blocks, analyses, lineRule);

        List<ExtractedBlock> kept = new ArrayList<>(n);
        List<SpamRemoval> removals = new ArrayList<>();
        String title = page.title();
        if (title != null) {
            SpamRule rule = firstMatch(title, LineAnalysis.of(title, lexicon, false),
                    new Context(true, false, false, gamblingTopic, false));
            if (rule != null && rule.category() == RuleCategory.SPAM) {
                removals.add(new SpamRemoval(title, rule.id(), rule.version()));
                title = null;
            }
        }
        for (int i = 0; i < n; i++) {
            removals.addAll(cuts.get(i));
            if (lineRule[i] == null) {
                kept.add(blocks[i]);
            } else {
                removals.add(new SpamRemoval(blocks[i].text(), lineRule[i].id(), lineRule[i].version()));
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
        ExtractedPage stripped = new ExtractedPage(title, page.byline(), page.htmlLanguage(), kept, hiddenKept,
                page.siteName(), page.publishedAt());
        return new StrippedPage(stripped, removals);
    }

    /**
     * Every phrase an inline rule finds goes, in rule order, each recorded in {@code cuts}; returns what is left of
     * the line, its spaces tidied where a phrase was cut.
     */
    private String cutInline(String line, List<SpamRemoval> cuts) {
        String text = line;
        String folded = GuardedPattern.fold(text);
        for (SpamRule.Inline rule : rules.inline()) {
            for (GuardedPattern pattern : rule.patterns()) {
                if (!pattern.mayMatch(folded)) {
                    continue;
                }
                Matcher m = pattern.pattern().matcher(text);
                if (!m.find()) {
                    continue;
                }
                StringBuilder rest = new StringBuilder(text.length());
                int from = 0;
                do {
                    String phrase = m.group().strip();
                    if (!phrase.isEmpty()) {
                        cuts.add(new SpamRemoval(phrase, rule.id(), rule.version()));
                    }
                    join(rest, text.substring(from, m.start()));
                    from = m.end();
                } while (m.find());
                join(rest, text.substring(from));
                text = rest.toString().strip();
                folded = GuardedPattern.fold(text);
            }
        }
        return text;
    }

    /**
     * From a heading or title line that a section rule matches, after enough prose of the article, every block up to
     * the next heading goes under that rule.
     */
    private void takeBoilerplateSections(ExtractedBlock[] blocks, LineAnalysis[] analyses, SpamRule[] lineRule) {
        List<SpamRule.Section> sections = rules.rules().stream().filter(SpamRule.Section.class::isInstance)
                .map(SpamRule.Section.class::cast).toList();
        if (sections.isEmpty()) {
            return;
        }
        int proseBefore = 0;
        for (int i = 0; i < blocks.length; i++) {
            if (lineRule[i] != null) {
                continue;
            }
            SpamRule.Section opened = opensSection(sections, blocks[i], analyses[i], proseBefore);
            if (opened != null) {
                lineRule[i] = opened;
                for (int k = i + 1; k < blocks.length && blocks[k].kind() != ExtractedBlock.Kind.HEADING
                        && opensSection(sections, blocks[k], analyses[k], proseBefore) == null; k++) {
                    if (lineRule[k] == null) {
                        lineRule[k] = opened;
                    }
                    i = k;
                }
            } else if (blocks[i].kind() != ExtractedBlock.Kind.HEADING && analyses[i].isProse()) {
                proseBefore++;
            }
        }
    }

    private static SpamRule.Section opensSection(List<SpamRule.Section> sections, ExtractedBlock block,
            LineAnalysis analysis, int proseBefore) {
        String text = block.text().strip();
        char last = text.isEmpty() ? '.' : text.charAt(text.length() - 1);
        boolean titleLike = block.kind() == ExtractedBlock.Kind.HEADING || ".!?,;\"”'’)".indexOf(last) < 0;
        if (!titleLike) {
            return null;
        }
        PatternText matched = new PatternText(analysis);
        for (SpamRule.Section rule : sections) {
            if (proseBefore >= rule.minProseBefore() && analysis.words() > 0 && analysis.words() <= rule.maxWords()
                    && matched.matchesAny(rule.patterns())) {
                return rule;
            }
        }
        return null;
    }

    /**
     * A line as pattern and section rules match it: folded, trimmed, each white space run one space. Made once per
     * line, when a rule first needs it, with its case fold for the patterns' words.
     */
    private static final class PatternText {
        private final LineAnalysis analysis;
        private String normalised;
        private String caseFolded;

        PatternText(LineAnalysis analysis) {
            this.analysis = analysis;
        }

        /** Whether one of the patterns matches the whole line; a pattern runs only if its words are there. */
        boolean matchesAny(List<GuardedPattern> patterns) {
            if (normalised == null) {
                normalised = WHITESPACE.matcher(analysis.folded().strip()).replaceAll(" ");
                caseFolded = GuardedPattern.fold(normalised);
            }
            for (GuardedPattern p : patterns) {
                if (p.mayMatch(caseFolded) && p.pattern().matcher(normalised).matches()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Appends what followed a cut phrase with one space at the joint, none before punctuation or a line break. */
    private static void join(StringBuilder before, String after) {
        while (!before.isEmpty() && before.charAt(before.length() - 1) == ' ') {
            before.setLength(before.length() - 1);
        }
        int start = 0;
        while (start < after.length() && after.charAt(start) == ' ') {
            start++;
        }
        if (!before.isEmpty() && start < after.length() && before.charAt(before.length() - 1) != '\n'
                && ".,;:!?\n".indexOf(after.charAt(start)) < 0) {
            before.append(' ');
        }
        before.append(after, start, after.length());
    }

    /**
     * Rules that take only lines next to spam ({@code nextToSpam}) follow a run of promotion from each line removed
     * as spam, both ways, until a line does not match.
     */
    private void takeSpamRuns(ExtractedBlock[] blocks, LineAnalysis[] analyses, SpamRule[] lineRule) {
        List<SpamRule.Keywords> runRules = rules.rules().stream()
                .filter(r -> r instanceof SpamRule.Keywords k && k.nextToSpam()).map(SpamRule.Keywords.class::cast)
                .toList();
        if (runRules.isEmpty()) {
            return;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < blocks.length; i++) {
                if (lineRule[i] != null || analyses[i].isProse()
                        || !(isSpam(lineRule, i - 1) || isSpam(lineRule, i + 1))) {
                    continue;
                }
                for (SpamRule.Keywords rule : runRules) {
                    if (matchesKeywords(rule, analyses[i], false)) {
                        lineRule[i] = rule;
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    private static boolean isSpam(SpamRule[] lineRule, int i) {
        return i >= 0 && i < lineRule.length && lineRule[i] != null && lineRule[i].category() == RuleCategory.SPAM;
    }

    /**
     * What a rule may look at besides the line itself. Rules that read only the line are decided first; the density
     * rules, which depend on where the article ends and what it is about, only after.
     */
    private record Context(boolean densityRules, boolean trailing, boolean hidden, boolean gamblingTopic,
                           boolean lineRulesTried) {
        static final Context LINE_ONLY = new Context(false, false, false, false, false);
        static final Context HIDDEN = new Context(true, false, true, false, false);

        /** The density pass over a line that the rules reading only the line have all been tried on and left. */
        static Context densityAfterLineRules(boolean trailing, boolean gamblingTopic) {
            return new Context(true, trailing, false, gamblingTopic, true);
        }
    }

    private SpamRule firstMatch(String line, LineAnalysis analysis, Context context) {
        PatternText text = new PatternText(analysis);
        for (SpamRule rule : context.hidden() ? rules.hiddenFirst() : rules.rules()) {
            if (!applies(rule, context) || (context.lineRulesTried() && !(rule instanceof SpamRule.Keywords)
                    && rule.position() == RulePosition.ANYWHERE)) {
                continue; // such a rule gave its answer on the line-only pass, and the answer was no
            }
            boolean match = switch (rule) {
                case SpamRule.Keywords k -> context.densityRules() && !k.nextToSpam()
                        && matchesKeywords(k, analysis, context.gamblingTopic());
                case SpamRule.Inline i -> false;
                case SpamRule.Section section -> false;
                case SpamRule.Patterns p -> matchesPatterns(p, analysis, text);
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
        if (a.words() == 0 || a.strong() < rule.minStrong() || a.action() < rule.minAction()
                || a.strong() + a.context() + a.action() == 0) {
            return false;
        }
        boolean dense = topic
                ? a.density() >= Math.max(rule.minDensity(), rule.topicDensity()) && a.action() >= rule.topicMinAction()
                : a.density() >= rule.minDensity();
        return dense && (rule.unless().isEmpty() || !hasAny(a.folded(), rule.unless()));
    }

    private static boolean hasAny(String folded, Set<String> words) {
        for (String token : Lexicon.tokens(folded)) {
            if (words.contains(token)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesPatterns(SpamRule.Patterns rule, LineAnalysis a, PatternText text) {
        return a.words() <= rule.maxWords() && a.words() > 0 && text.matchesAny(rule.patterns());
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
