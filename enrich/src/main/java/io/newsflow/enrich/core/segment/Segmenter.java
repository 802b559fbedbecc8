package io.newsflow.enrich.core.segment;

import io.newsflow.enrich.core.ArticleBody;
import io.newsflow.enrich.core.Block;
import io.newsflow.enrich.core.BlockKind;
import io.newsflow.enrich.core.Section;
import io.newsflow.enrich.core.extract.ExtractedBlock;
import io.newsflow.enrich.core.extract.ExtractedPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a stripped page into title, lead (the blocks before the first heading) and sections (a heading and the
 * blocks up to the next one), and takes the credit line ("AFP melaporkan.", "(Reuters)", "— AP", "Reporting by
 * ...; Editing by ...") out of the end of the body. Every block lands in exactly one place: a heading that repeats
 * the title is the title, a credit line is the credit, and nothing else moves.
 */
public final class Segmenter {
    /** Agencies as written, mapped to the short name a credit carries. */
    private static final Map<String, String> AGENCIES = Map.ofEntries(
            Map.entry("afp", "AFP"), Map.entry("agence france-presse", "AFP"), Map.entry("agence france presse", "AFP"),
            Map.entry("ap", "AP"), Map.entry("associated press", "AP"), Map.entry("the associated press", "AP"),
            Map.entry("reuters", "Reuters"), Map.entry("antara", "Antara"), Map.entry("bloomberg", "Bloomberg"),
            Map.entry("xinhua", "Xinhua"), Map.entry("kyodo", "Kyodo"), Map.entry("dpa", "dpa"), Map.entry("efe", "EFE"),
            Map.entry("ansa", "ANSA"), Map.entry("bernama", "Bernama"), Map.entry("yonhap", "Yonhap"),
            Map.entry("upi", "UPI"), Map.entry("tass", "TASS"), Map.entry("anadolu", "Anadolu"), Map.entry("aap", "AAP"),
            Map.entry("cna", "CNA"), Map.entry("ria novosti", "RIA Novosti"));
    private static final String AGENCY =
            "(agence france[- ]presse|(?:the )?associated press|ria novosti|afp|ap|reuters|antara|bloomberg|xinhua"
                    + "|kyodo|dpa|efe|ansa|bernama|yonhap|upi|tass|anadolu|aap|cna)";
    private static final List<Pattern> CREDIT_LINES = List.of(
            Pattern.compile("^" + AGENCY + "\\s+(?:melaporkan|melansir|memberitakan|reported|reports)\\s*\\.?$"),
            Pattern.compile("^" + AGENCY + "\\s+contributed(?: to this (?:report|story))?\\s*\\.?$"),
            Pattern.compile("^(?:sumber|source|laporan|via)\\s*:?\\s*" + AGENCY + "\\s*\\.?$"),
            Pattern.compile("^\\(\\s*(?:[a-z]{2,5}\\s*/\\s*)*" + AGENCY + "(?:\\s*/\\s*[a-z]{2,5})*\\s*\\)\\s*\\.?$"),
            Pattern.compile("^[—–-]{1,2}\\s*" + AGENCY + "\\s*\\.?$"),
            Pattern.compile("^" + AGENCY + "\\s*\\.?$"));
    private static final Pattern REPORTING_BY =
            Pattern.compile("^(?:\\(?)(?:additional )?(?:reporting|writing|compiled) by\\s.+$");
    private static final Pattern ANY_AGENCY = Pattern.compile("\\b" + AGENCY + "\\b");

    public Segmentation segment(ExtractedPage page) {
        List<ExtractedBlock> blocks = new ArrayList<>(page.blocks());
        String title = page.title() == null ? null : page.title().strip();
        int firstHeading = firstHeadingBeforeText(blocks);
        if (firstHeading >= 0) {
            String heading = blocks.get(firstHeading).text();
            if (title == null || title.isEmpty()) {
                title = heading;
                blocks.remove(firstHeading);
            } else if (sameText(title, heading) || normalise(title).startsWith(normalise(heading) + " ")) {
                title = heading; // the page's headline, without the site name some title elements add
                blocks.remove(firstHeading);
            }
        }

        Credit credit = null;
        for (int back = 1; back <= 2 && back <= blocks.size(); back++) {
            ExtractedBlock candidate = blocks.get(blocks.size() - back);
            credit = credit(candidate.text());
            if (credit != null) {
                blocks.remove(blocks.size() - back);
                break;
            }
        }

        List<Block> lead = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        String heading = null;
        List<Block> current = lead;
        for (ExtractedBlock block : blocks) {
            if (block.kind() == ExtractedBlock.Kind.HEADING) {
                if (heading != null) {
                    sections.add(new Section(heading, current));
                }
                heading = block.text();
                current = new ArrayList<>();
            } else {
                current.add(new Block(kindOf(block.kind()), block.text()));
            }
        }
        if (heading != null) {
            sections.add(new Section(heading, current));
        }
        return new Segmentation(new ArticleBody(title, lead, sections), page.byline(), credit);
    }

    /** The credit a line gives, or null when it is not a credit line. */
    static Credit credit(String line) {
        String text = line.strip();
        if (text.length() > 200) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (Pattern p : CREDIT_LINES) {
            Matcher m = p.matcher(lower);
            if (m.matches() && isWrittenAsName(text, m.group(1))) {
                return new Credit(AGENCIES.get(m.group(1)), text);
            }
        }
        if (REPORTING_BY.matcher(lower).matches()) {
            Matcher agency = ANY_AGENCY.matcher(lower);
            String name = agency.find() ? AGENCIES.get(agency.group(1)) : text.replaceAll("[.)\\s]+$", "");
            return new Credit(name, text);
        }
        return null;
    }

    /** "AP" must be written in capitals (or as a bracketed lower-case credit such as "(ant/ap)"), not "ap" the word. */
    private static boolean isWrittenAsName(String text, String matchedLower) {
        if (matchedLower.length() > 3) {
            return true;
        }
        return text.contains(matchedLower.toUpperCase(Locale.ROOT)) || text.startsWith("(");
    }

    private static int firstHeadingBeforeText(List<ExtractedBlock> blocks) {
        for (int i = 0; i < blocks.size() && i < 3; i++) {
            if (blocks.get(i).kind() == ExtractedBlock.Kind.HEADING) {
                return i;
            }
            if (blocks.get(i).text().length() > 40) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean sameText(String a, String b) {
        return normalise(a).equals(normalise(b));
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    private static BlockKind kindOf(ExtractedBlock.Kind kind) {
        return switch (kind) {
            case ITEM -> BlockKind.ITEM;
            case QUOTE -> BlockKind.QUOTE;
            case PARAGRAPH, HEADING -> BlockKind.PARAGRAPH;
        };
    }
}
