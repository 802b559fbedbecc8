package io.newsflow.enrich.statements;

import java.util.ArrayList;
import java.util.List;

/**
 * The people and organisations one article names, with the role it gives them: "Wakil Menteri Luar Negeri Wendy
 * Sherman" makes a later "Sherman" resolve to "Wendy Sherman" with that role, and "the minister" to the person whose
 * role has that word. Built per article, never shared.
 */
final class EntityTable {
    static final class Entity {
        String name;
        List<String> keys;
        String role;
        List<String> roleKeys;
        final boolean person;
        char gender;
        final int firstSeen;
        int lastSeen;

        Entity(String name, List<String> keys, String role, List<String> roleKeys, boolean person, char gender,
                int order) {
            this.name = name;
            this.keys = keys;
            this.role = role;
            this.roleKeys = roleKeys;
            this.person = person;
            this.gender = gender;
            this.firstSeen = order;
            this.lastSeen = order;
        }

        @Override
        public String toString() {
            return name + (role != null ? " (" + role + ")" : "");
        }
    }

    private final List<Entity> entities = new ArrayList<>();

    /** Records a full name (several words, or a name with a role) seen at {@code order}. */
    void registerPerson(Mention m, String role, List<String> roleKeys, int order) {
        if (m.nameKeys.isEmpty()) {
            return;
        }
        for (Entity e : entities) {
            if (!e.person) {
                continue;
            }
            if (e.keys.equals(m.nameKeys) || e.keys.containsAll(m.nameKeys)) {
                if (e.role == null && role != null) {
                    e.role = role;
                    e.roleKeys = roleKeys;
                }
                if (e.gender == 0) {
                    e.gender = m.gender;
                }
                return;
            }
            if (m.nameKeys.containsAll(e.keys)) {
                // a fuller form of a name seen before ("Putin", then "Vladimir Putin")
                e.name = m.name;
                e.keys = m.nameKeys;
                if (e.role == null) {
                    e.role = role;
                    e.roleKeys = roleKeys;
                }
                return;
            }
        }
        entities.add(new Entity(m.name, m.nameKeys, role, roleKeys, true, m.gender, order));
    }

    void registerOrganisation(Mention m, int order) {
        for (Entity e : entities) {
            if (!e.person && e.keys.equals(m.nameKeys)) {
                return;
            }
        }
        entities.add(new Entity(m.name, m.nameKeys, null, List.of(), false, (char) 0, order));
    }

    /** The person a name mention refers to: the same words, or a part of a full name ("Sherman"). */
    Entity person(List<String> nameKeys, int order) {
        return best(nameKeys, order, true, false);
    }

    /** The organisation whose name holds these words ("the ministry" → "Kementerian Luar Negeri Rusia"). */
    Entity organisation(List<String> keys, int order) {
        return best(keys, order, false, false);
    }

    /** The person whose role holds every role word of a role mention ("the minister", "menteri itu"). */
    Entity byRole(List<String> roleKeys, int order) {
        return best(roleKeys, order, true, true);
    }

    /**
     * The one person named after {@code order} whose role holds every role word ("kata Direktur." before "Direktur
     * Utama PT Pasar Jaya Arief Nasrudin"); null when nobody or several do.
     */
    Entity onlyLaterByRole(List<String> roleKeys, int order) {
        Entity only = null;
        for (Entity e : entities) {
            if (e.person && e.firstSeen > order && e.roleKeys != null && !roleKeys.isEmpty()
                    && e.roleKeys.containsAll(roleKeys)) {
                if (only != null && !only.name.equals(e.name)) {
                    return null;
                }
                only = e;
            }
        }
        return only;
    }

    private Entity best(List<String> keys, int order, boolean person, boolean byRole) {
        if (keys.isEmpty()) {
            return null;
        }
        Entity before = null;
        Entity after = null;
        for (Entity e : entities) {
            if (e.person != person) {
                continue;
            }
            List<String> against = byRole ? e.roleKeys : e.keys;
            if (against == null || !against.containsAll(keys)) {
                continue;
            }
            if (e.firstSeen <= order) {
                if (before == null || e.firstSeen > before.firstSeen) {
                    before = e;
                }
            } else if (after == null && !byRole) {
                after = e;
            }
        }
        return before != null ? before : after;
    }

    /** The latest organisation named between {@code since} and {@code order}, for "the company", "perusahaan itu". */
    Entity recentOrganisation(int order, int since) {
        Entity best = null;
        for (Entity e : entities) {
            if (!e.person && e.firstSeen <= order && e.firstSeen >= since
                    && (best == null || e.firstSeen > best.firstSeen)) {
                best = e;
            }
        }
        return best;
    }

    List<Entity> all() {
        return entities;
    }
}
