package io.newsflow.enrich.statements;

import java.util.List;

/** A noun phrase that can speak: a person, an organisation, a role, a pronoun, an unnamed source. */
final class Mention {
    enum Kind { PERSON, ORGANISATION, ROLE, ANONYMOUS, INSTITUTION, COLLECTIVE, PRONOUN }

    final Kind kind;
    /** Token range {@code [start, end)} in the block. */
    final int start;
    final int end;
    /** Person or organisation name as written (determiners dropped); the pronoun for PRONOUN. */
    final String name;
    /** Lower-case words of the name, for matching "Sherman" to "Wendy Sherman". */
    final List<String> nameKeys;
    /** Role or title as written, or null. */
    String role;
    /** Lower-case role words, for matching "the minister" to "Foreign Minister Retno Marsudi". */
    final List<String> roleKeys;
    final boolean definite;
    /** The last word is a possessive ("Russia's"): a possessor, never a subject. */
    final boolean possessive;
    /** 'm', 'f' or 0. */
    final char gender;
    /** Pronoun kind from the lexicon (person, male, female, group, organisation), for PRONOUN. */
    final String pronounKind;
    /** Capitalised role ("Presiden Rusia") rather than a common noun ("the minister"). */
    final boolean properRole;
    /** An agency or outlet from the gazetteer. */
    final boolean agency;
    /** A role with a demonstrative ("politisi tersebut", "that official"): it points back at someone named. */
    boolean anaphoric;

    Mention(Kind kind, int start, int end, String name, List<String> nameKeys, String role, List<String> roleKeys,
            boolean definite, boolean possessive, char gender, String pronounKind, boolean properRole,
            boolean agency) {
        this.kind = kind;
        this.start = start;
        this.end = end;
        this.name = name;
        this.nameKeys = nameKeys;
        this.role = role;
        this.roleKeys = roleKeys;
        this.definite = definite;
        this.possessive = possessive;
        this.gender = gender;
        this.pronounKind = pronounKind;
        this.properRole = properRole;
        this.agency = agency;
    }

    boolean canSpeak() {
        return !possessive && kind != Kind.COLLECTIVE;
    }

    @Override
    public String toString() {
        return kind + "(" + name + (role != null ? ", " + role : "") + ")";
    }
}
