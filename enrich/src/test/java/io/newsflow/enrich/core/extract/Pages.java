package io.newsflow.enrich.core.extract;

/** Test-data builder for small hand-written article pages. */
final class Pages {
    /** Enough prose for the scorer to recognise an article (several sentences with commas). */
    static final String PROSE_1 = "The city council met on Tuesday evening, and after a long debate, it approved the new "
            + "budget for schools, roads and the public library, which had been delayed for months.";
    static final String PROSE_2 = "Residents who attended the meeting said they were relieved, although several of them "
            + "warned that the spending plan still leaves the harbour, the parks and the buses underfunded.";
    static final String PROSE_3 = "The mayor, speaking to reporters afterwards, promised a second review in the spring, "
            + "once the tax figures for the year are known, and thanked the volunteers for their patience.";

    private final StringBuilder head = new StringBuilder();
    private final StringBuilder before = new StringBuilder();
    private final StringBuilder article = new StringBuilder();
    private final StringBuilder after = new StringBuilder();
    private String htmlAttributes = "";

    static Pages page() {
        return new Pages();
    }

    Pages head(String markup) {
        head.append(markup);
        return this;
    }

    Pages htmlAttributes(String attributes) {
        htmlAttributes = " " + attributes;
        return this;
    }

    /** Markup placed before the article element (site header, navigation...). */
    Pages before(String markup) {
        before.append(markup);
        return this;
    }

    /** Markup inside the article element. */
    Pages article(String markup) {
        article.append(markup);
        return this;
    }

    /** The three standard prose paragraphs inside the article. */
    Pages prose() {
        return article("<p>" + PROSE_1 + "</p><p>" + PROSE_2 + "</p><p>" + PROSE_3 + "</p>");
    }

    /** Markup placed after the article element (comments, footer...). */
    Pages after(String markup) {
        after.append(markup);
        return this;
    }

    String html() {
        return "<!DOCTYPE html><html" + htmlAttributes + "><head>" + head + "</head><body>" + before
                + "<div class=\"main\"><article>" + article + "</article></div>" + after + "</body></html>";
    }
}
