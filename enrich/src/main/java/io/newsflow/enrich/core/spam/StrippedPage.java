package io.newsflow.enrich.core.spam;

import io.newsflow.enrich.core.SpamRemoval;
import io.newsflow.enrich.core.extract.ExtractedPage;
import java.util.List;

/** A page with its spam and boilerplate lines taken out, and what was taken by which rule, in page order. */
public record StrippedPage(ExtractedPage page, List<SpamRemoval> removals) {
    public StrippedPage {
        removals = List.copyOf(removals);
    }
}
