package io.newsflow.sink.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a new index generation of an alias beside the live one and switches to it, for a replay:
 * <ol>
 *   <li>{@link #createNext} creates {@code <alias>-NNNNNN} (from the index template) with only the replay's own
 *       write alias {@link #replayAlias} on it: searches and the live sink keep using the old generation;</li>
 *   <li>{@link #switchTo} moves reads and writes to it in one {@code _aliases} call, and the old generation behind
 *       {@link IndexGenerations#previousAlias} (out of searches, kept);</li>
 *   <li>{@link #release} takes the replay's alias off once its indexer is done;
 *       {@link #dropPrevious} deletes the old generation when the user says so.</li>
 * </ol>
 */
public final class GenerationSwitch {

    private final ElasticsearchClient client;
    private final String alias;

    public GenerationSwitch(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    /** The write alias a replay's indexer writes the new generation through: {@code <alias>-replay}. */
    public static String replayAlias(String alias) {
        return alias + "-replay";
    }

    /** The generations behind the alias now. */
    public IndexGenerations read() throws IOException {
        return IndexGenerations.of(alias, client.indices().getAlias(a -> a.index(alias + "-*")));
    }

    /**
     * Creates the next generation with the replay's write alias on it.
     *
     * @throws IllegalStateException when another replay's alias is still there (running, or interrupted)
     */
    public String createNext() throws IOException {
        String replay = replayAlias(alias);
        if (client.indices().existsAlias(a -> a.name(replay)).value()) {
            List<String> held = List.copyOf(client.indices().getAlias(a -> a.name(replay)).aliases().keySet());
            throw new IllegalStateException("alias " + replay + " is on " + held + ": another replay is running or"
                    + " was interrupted; when none runs, delete that index (it is not behind " + alias + ") and try"
                    + " again");
        }
        var indices = client.indices().getAlias(a -> a.index(alias + "-*")).aliases().keySet();
        String next = IndexGenerations.nextIndex(alias, indices);
        client.indices().create(c -> c.index(next).aliases(replay, a -> a.isWriteIndex(true)));
        return next;
    }

    /**
     * Makes {@code next} the alias's only index for reads and writes in one atomic {@code _aliases} call; the indices
     * that were behind the alias go behind {@link IndexGenerations#previousAlias}. {@code next} is refreshed first so
     * that the first search after the switch sees everything indexed into it.
     *
     * @return the indices moved out of the alias
     */
    public List<String> switchTo(String next) throws IOException {
        client.indices().refresh(r -> r.index(next));
        IndexGenerations before = read();
        List<String> old = before.live().stream().filter(i -> !i.equals(next)).toList();
        String previous = IndexGenerations.previousAlias(alias);
        List<Action> actions = new ArrayList<>();
        for (String index : old) {
            actions.add(Action.of(a -> a.remove(r -> r.index(index).alias(alias))));
            actions.add(Action.of(a -> a.add(r -> r.index(index).alias(previous))));
        }
        actions.add(Action.of(a -> a.add(r -> r.index(next).alias(alias).isWriteIndex(true))));
        client.indices().updateAliases(u -> u.actions(actions));
        return old;
    }

    /** Takes the replay's write alias off {@code next}. */
    public void release(String next) throws IOException {
        client.indices().deleteAlias(d -> d.index(next).name(replayAlias(alias)));
    }

    /** Deletes a generation that was never switched to (a replay that failed or was stopped before the switch). */
    public void abandon(String next) throws IOException {
        if (!read().live().contains(next)) {
            client.indices().delete(d -> d.index(next));
        }
    }

    /** Deletes the generations behind {@link IndexGenerations#previousAlias}; returns their names. */
    public List<String> dropPrevious() throws IOException {
        IndexGenerations generations = read();
        List<String> previous = generations.previous().stream().filter(i -> !generations.live().contains(i)).toList();
        if (!previous.isEmpty()) {
            client.indices().delete(d -> d.index(previous));
        }
        return previous;
    }
}
