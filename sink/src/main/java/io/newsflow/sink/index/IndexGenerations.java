package io.newsflow.sink.index;

import co.elastic.clients.elasticsearch.indices.GetAliasResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The index generations of an alias: backing indices named {@code <alias>-NNNNNN} (as {@link IndexSetup} and
 * Elasticsearch's rollover name them). Searches read the indices behind the alias; writes go to its write index.
 * A replay builds the next generation beside them, switches the alias to it in one {@code _aliases} call and moves
 * the old ones behind {@link #previousAlias} (out of searches, kept until {@code replay --drop-old}).
 *
 * <p>A retraction must reach every generation: {@link #others()} are the indices, besides the write index, that hold
 * documents of this alias.
 *
 * @param alias the search and write alias
 * @param writeIndex the alias's write index, or null when there is none
 * @param live the indices behind the alias, the write index included, sorted
 * @param previous the indices behind {@link #previousAlias}, sorted
 */
public record IndexGenerations(String alias, String writeIndex, List<String> live, List<String> previous) {
    private static final Pattern NUMBERED = Pattern.compile("-(\\d{6})$");

    public IndexGenerations {
        Objects.requireNonNull(alias, "alias");
        live = List.copyOf(live);
        previous = List.copyOf(previous);
    }

    /** The alias the old generations of a replay are kept behind, out of searches: {@code <alias>-previous}. */
    public static String previousAlias(String alias) {
        return alias + "-previous";
    }

    /**
     * Reads the generations from what {@code GET <alias>-*\/_alias} answered.
     *
     * @param aliasesByIndex every index matching {@code <alias>-*} with the aliases it carries
     * @param isWriteIndex whether the index is marked as the alias's write index
     */
    public static IndexGenerations of(String alias, Map<String, List<String>> aliasesByIndex,
            Map<String, Boolean> isWriteIndex) {
        TreeSet<String> live = new TreeSet<>();
        TreeSet<String> previous = new TreeSet<>();
        String write = null;
        for (Map.Entry<String, List<String>> entry : aliasesByIndex.entrySet()) {
            if (entry.getValue().contains(alias)) {
                live.add(entry.getKey());
                if (Boolean.TRUE.equals(isWriteIndex.get(entry.getKey()))) {
                    write = entry.getKey();
                }
            }
            if (entry.getValue().contains(previousAlias(alias))) {
                previous.add(entry.getKey());
            }
        }
        if (write == null && live.size() == 1) {
            write = live.first();
        }
        return new IndexGenerations(alias, write, new ArrayList<>(live), new ArrayList<>(previous));
    }

    /** Reads the generations from the answer to {@code GET <alias>-*\/_alias}. */
    public static IndexGenerations of(String alias, GetAliasResponse response) {
        Map<String, List<String>> aliases = new HashMap<>();
        Map<String, Boolean> writes = new HashMap<>();
        response.aliases().forEach((index, def) -> {
            aliases.put(index, List.copyOf(def.aliases().keySet()));
            var own = def.aliases().get(alias);
            writes.put(index, own != null && Boolean.TRUE.equals(own.isWriteIndex()));
        });
        return of(alias, aliases, writes);
    }

    /** Every index holding documents of the alias except the write index: live read-only ones, then previous ones. */
    public List<String> others() {
        List<String> out = new ArrayList<>();
        live.stream().filter(i -> !i.equals(writeIndex)).forEach(out::add);
        previous.stream().filter(i -> !out.contains(i) && !i.equals(writeIndex)).forEach(out::add);
        return out;
    }

    /**
     * The name of the next generation: one past the highest {@code <alias>-NNNNNN} among the given indices (so it
     * follows rollover's numbering), {@code <alias>-000001} when there is none.
     */
    public static String nextIndex(String alias, Iterable<String> existing) {
        int highest = 0;
        for (String index : existing) {
            if (!index.startsWith(alias + "-")) {
                continue;
            }
            Matcher m = NUMBERED.matcher(index);
            if (m.find() && index.length() == alias.length() + 7) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            }
        }
        return String.format("%s-%06d", alias, highest + 1);
    }
}
