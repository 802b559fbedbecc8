package io.newsflow.enrich.core.extract;

import java.util.Locale;
import org.jsoup.nodes.Attributes;

/**
 * Decides from an element's own attributes whether a reader can see it: the {@code hidden} attribute,
 * {@code aria-hidden="true"}, and inline styles that hide ({@code display:none}, {@code visibility:hidden},
 * zero opacity or font size, zero height with hidden overflow, clipping to nothing) or push the element
 * off-screen ({@code left:-9999px}, {@code text-indent:-9999px}, ...). Stylesheets are not evaluated: hiding
 * through a class is invisible to this check, except the utility classes every CSS framework names the same.
 */
final class Visibility {
    /** Offsets this far negative put an element outside any viewport. */
    private static final double OFFSCREEN_PX = -500;

    private Visibility() {}

    static boolean isHidden(Attributes attributes, String classValue) {
        if (isTabPanel(attributes, classValue)) {
            return false;
        }
        if (attributes.hasKey("hidden")) {
            return true;
        }
        String ariaHidden = attributes.get("aria-hidden");
        if (!ariaHidden.isEmpty() && ariaHidden.trim().equalsIgnoreCase("true")) {
            return true;
        }
        String style = attributes.get("style");
        if (!style.isEmpty() && isHiddenByStyle(style)) {
            return true;
        }
        return !classValue.isEmpty() && hasHidingUtilityClass(classValue);
    }

    /**
     * A tab's panel (a product's "Additional information", a recipe's "Nutrition"): hidden only until a reader clicks
     * its tab, so its text is the page's like the open panel's.
     */
    static boolean isTabPanel(Attributes attributes, String classValue) {
        if (attributes.get("role").equalsIgnoreCase("tabpanel")) {
            return true;
        }
        if (classValue.indexOf("tab") < 0 && classValue.indexOf("Tab") < 0) {
            return false; // the common case, checked for every element with attributes
        }
        String classes = " " + classValue.toLowerCase(Locale.ROOT) + " ";
        return classes.contains(" tab-pane ") || classes.contains(" tab-panel ") || classes.contains(" tabpanel ")
                || classes.contains(" wc-tab ") || classes.contains(" tabs-panel ");
    }

    /**
     * Utility classes that mean "not displayed" in Bootstrap, Tailwind, WordPress and HTML5 Boilerplate, unless a
     * responsive class shows the element again on wider screens ({@code hidden md:block}, {@code d-none d-lg-block}).
     */
    static boolean hasHidingUtilityClass(String classValue) {
        boolean hiding = false;
        int length = classValue.length();
        int start = 0;
        while (start < length) {
            while (start < length && classValue.charAt(start) <= ' ') {
                start++;
            }
            int end = start;
            while (end < length && classValue.charAt(end) > ' ') {
                end++;
            }
            if (end > start) {
                String token = classValue.substring(start, end);
                switch (token) {
                    case "hidden", "d-none", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text",
                         "screen-reader-only", "hide", "is-hidden", "u-hidden", "off-screen", "offscreen",
                         "element-invisible", "invisible" -> hiding = true;
                    default -> {
                        if (showsOnSomeScreens(token)) {
                            return false;
                        }
                    }
                }
            }
            start = end;
        }
        return hiding;
    }

    private static boolean showsOnSomeScreens(String token) {
        int colon = token.indexOf(':');
        if (colon > 0) {
            return !token.endsWith("hidden") && !token.endsWith("sr-only");
        }
        return token.startsWith("d-") && token.indexOf('-', 2) > 0 && !token.endsWith("-none");
    }

    static boolean isHiddenByStyle(String style) {
        String css = style.toLowerCase(Locale.ROOT);
        boolean zeroHeight = false;
        boolean zeroWidth = false;
        boolean overflowHidden = false;
        boolean clipped = false;
        boolean positioned = false;
        int from = 0;
        int length = css.length();
        while (from < length) {
            int end = css.indexOf(';', from);
            if (end < 0) {
                end = length;
            }
            int colon = css.indexOf(':', from);
            if (colon > from && colon < end) {
                String property = css.substring(from, colon).trim();
                String value = stripImportant(css.substring(colon + 1, end).trim());
                switch (property) {
                    case "display" -> {
                        if (value.equals("none")) {
                            return true;
                        }
                    }
                    case "visibility" -> {
                        if (value.equals("hidden") || value.equals("collapse")) {
                            return true;
                        }
                    }
                    case "opacity" -> {
                        if (isZero(value)) {
                            return true;
                        }
                    }
                    case "font-size" -> {
                        if (isZero(value)) {
                            return true;
                        }
                    }
                    case "left", "top", "right", "bottom", "margin-left", "margin-top", "text-indent" -> {
                        if (isOffscreen(value)) {
                            return true;
                        }
                    }
                    case "height", "max-height" -> zeroHeight |= isZero(value);
                    case "width", "max-width" -> zeroWidth |= isZero(value);
                    case "overflow", "overflow-y", "overflow-x" -> overflowHidden |= value.equals("hidden");
                    case "clip" -> clipped |= value.replace(" ", "").startsWith("rect(0") && !value.contains("auto");
                    case "clip-path" -> clipped |= value.replace(" ", "").equals("inset(50%)");
                    case "position" -> positioned |= value.equals("absolute") || value.equals("fixed");
                    case "transform" -> {
                        if (value.replace(" ", "").startsWith("scale(0)")) {
                            return true;
                        }
                    }
                    default -> { }
                }
            }
            from = end + 1;
        }
        return ((zeroHeight || zeroWidth) && overflowHidden) || (clipped && positioned);
    }

    private static String stripImportant(String value) {
        int bang = value.indexOf('!');
        return bang < 0 ? value : value.substring(0, bang).trim();
    }

    /** "0", "0px", "0.0em", "0%": a length or number that is zero. */
    private static boolean isZero(String value) {
        if (value.isEmpty()) {
            return false;
        }
        int i = 0;
        boolean digit = false;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '0' || c == '.') {
                digit |= c == '0';
                i++;
            } else {
                break;
            }
        }
        if (!digit) {
            return false;
        }
        String unit = value.substring(i).trim();
        return unit.isEmpty() || unit.chars().allMatch(Character::isLetter) || unit.equals("%");
    }

    private static boolean isOffscreen(String value) {
        if (value.isEmpty() || value.charAt(0) != '-') {
            return false;
        }
        int i = 1;
        while (i < value.length() && (Character.isDigit(value.charAt(i)) || value.charAt(i) == '.')) {
            i++;
        }
        if (i == 1) {
            return false;
        }
        double number;
        try {
            number = -Double.parseDouble(value.substring(1, i));
        } catch (NumberFormatException e) {
            return false;
        }
        String unit = value.substring(i).trim();
        return switch (unit) {
            case "px", "", "pt" -> number <= OFFSCREEN_PX;
            case "em", "rem", "vw", "vh", "%" -> number <= -100;
            default -> false;
        };
    }
}
