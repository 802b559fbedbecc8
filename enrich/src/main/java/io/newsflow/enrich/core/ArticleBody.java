package io.newsflow.enrich.core;

import java.util.List;

/**
 * An article body after extraction, spam stripping and segmentation: the title, the blocks before the first
 * heading, and the sections. This is what statement tagging reads.
 */
public record ArticleBody(String title, List<Block> lead, List<Section> sections) {
    public ArticleBody {
        lead = List.copyOf(lead);
        sections = List.copyOf(sections);
    }

    /** The blocks of a section, or of the lead when {@code section} is {@link Statement#LEAD}. */
    public List<Block> blocksOf(int section) {
        return section == Statement.LEAD ? lead : sections.get(section).blocks();
    }
}
