package io.newsflow.enrich.core;

import java.util.List;

/** A heading and the blocks under it, up to the next heading. */
public record Section(String heading, List<Block> blocks) {
    public Section {
        blocks = List.copyOf(blocks);
    }
}
