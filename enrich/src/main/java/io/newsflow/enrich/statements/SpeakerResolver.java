package io.newsflow.enrich.statements;

import io.newsflow.enrich.core.Speaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a speaker phrase into a {@link Speaker}: names to the canonical full name of the entity table, roles to the
 * person who holds them, "the company" to the organisation spoken of last, pronouns to the last compatible speaker
 * or sentence subject. Holds the article's discourse; one per article.
 */
final class SpeakerResolver {
    private static final int PRONOUN_REACH = 8;

    /** Who a statement is by, for pronouns and for telling one speaker from another. */
    record Referent(Speaker speaker, boolean person, char gender, int blockOrder, String key) {}

    /** A speaker with the factor its resolution puts on the statement's confidence. */
    record Resolved(Speaker speaker, Referent referent, double factor, boolean pronoun) {}

    private final LanguageLexicon lex;
    private final EntityTable entities;
    /** Speakers and sentence subjects in reading order: what a pronoun can refer to. */
    private final List<Referent> salient = new ArrayList<>();

    SpeakerResolver(LanguageLexicon lex, EntityTable entities) {
        this.lex = lex;
        this.entities = entities;
    }

    /** Notes a statement's speaker as the latest one a pronoun may refer to. */
    void remember(Referent referent) {
        if (referent != null) {
            salient.add(referent);
        }
    }


    Resolved resolve(BlockAnalysis b, Claim c) {
        int order = b.orderOf(c.hit().start());
        if (c.mode() == Claim.Mode.NYA) {
            return pronoun("any", (char) 0, b);
        }
        Mention m = c.mention();
        switch (m.kind) {
            case PRONOUN -> {
                return pronoun(m.pronounKind, m.gender, b);
            }
            case PERSON -> {
                EntityTable.Entity e = entities.person(m.nameKeys, order);
                if (e == null && m.role == null && m.nameKeys.size() == 1
                        && entities.organisation(m.nameKeys, order) != null) {
                    // "Medivance" after "Medivance Pharmaceuticals": an organisation's short name
                    Speaker s = new Speaker(m.name, null);
                    return new Resolved(s, referent(s, false, (char) 0, b), 1.0, false);
                }
                String name = e != null ? e.name : m.name;
                String role = withoutArticle(c.role() != null ? c.role() : m.role != null ? m.role : e != null ? e.role
                        : null);
                char gender = m.gender != 0 ? m.gender : e != null ? e.gender : 0;
                Speaker s = new Speaker(name, role);
                return new Resolved(s, referent(s, true, gender, b), 1.0, false);
            }
            case ORGANISATION -> {
                EntityTable.Entity e = m.agency ? null : entities.organisation(m.nameKeys, order);
                Speaker s = new Speaker(e != null && e.keys.size() > m.nameKeys.size() && m.nameKeys.size() > 1
                        ? e.name : m.name, null);
                return new Resolved(s, referent(s, false, (char) 0, b), 1.0, false);
            }
            case ROLE -> {
                EntityTable.Entity e = entities.byRole(m.roleKeys, order);
                if (e == null && m.properRole) {
                    e = entities.onlyLaterByRole(m.roleKeys, order);
                }
                if (e != null) {
                    Speaker s = new Speaker(e.name, e.role);
                    return new Resolved(s, referent(s, true, e.gender, b), 0.9, false);
                }
                if (m.anaphoric) {
                    Resolved back = pronoun("person", (char) 0, b); // "kata politisi PDI-P tersebut"
                    if (back.speaker() != null && namesSameBody(m.roleKeys, back.speaker().role())) {
                        return back;
                    }
                }
                if (m.properRole && !describesUnnamedPerson(m.role)) {
                    Speaker s = new Speaker(m.role, m.role);
                    return new Resolved(s, referent(s, true, (char) 0, b), 0.8, false);
                }
                return new Resolved(null, null, 0.6, false);
            }
            case INSTITUTION -> {
                String head = m.nameKeys.isEmpty() ? null : m.nameKeys.get(m.nameKeys.size() - 1);
                EntityTable.Entity e = head == null ? null : entities.organisation(List.of(head), order);
                Referent recent = e == null && m.definite && m.nameKeys.size() == 1 ? lastOrganisation(b) : null;
                if (recent != null) {
                    return new Resolved(recent.speaker(), recent, 0.8, false); // "the firm said", "perusahaan itu"
                }
                if (e == null && m.definite && m.nameKeys.size() == 1) {
                    e = entities.recentOrganisation(order, b.orderOf(0) - 100_000); // "the company said"
                }
                Speaker s = new Speaker(e != null ? e.name : m.name, null);
                return new Resolved(s, referent(s, false, (char) 0, b), e != null ? 0.85 : 0.8, false);
            }
            default -> {
                return new Resolved(null, null, 0.65, false);
            }
        }
    }

    /**
     * Whether a person with {@code role} can be the one a title with a demonstrative points back to: the body the
     * title names ("politisi PDI-P tersebut", "Direktur PT Pasar Jaya tersebut") must be in that person's role too.
     */
    private boolean namesSameBody(List<String> titleKeys, String role) {
        String held = role == null ? "" : " " + role.toLowerCase(Locale.ROOT) + " ";
        for (String key : titleKeys) {
            boolean titleWord = lex.roles.contains(key) || lex.roleModifiers.contains(key)
                    || lex.organisationHeads.contains(key) || lex.demonstratives.contains(key);
            if (!titleWord && !held.contains(" " + key + " ")) {
                return false;
            }
        }
        return true;
    }

    /**
     * One capitalised title word nobody holds ("Presiden") is how the office is named, and a body led by its own
     * word ("Komisi Pemilihan Umum (KPU) Kota Medan") speaks as itself; a title of several words led by a title word
     * ("Kepala Dinas", "Juru Bicara Partai Golkar") describes a person the article does not name.
     */
    private boolean describesUnnamedPerson(String role) {
        int space = role.indexOf(' ');
        return space > 0 && lex.roles.contains(role.substring(0, space).toLowerCase(Locale.ROOT));
    }

    /** A role reads the same without its article: "the mayor of Marathon" → "mayor of Marathon". */
    private String withoutArticle(String role) {
        if (role == null) {
            return null;
        }
        int space = role.indexOf(' ');
        if (space > 0 && lex.determiners.contains(role.substring(0, space).toLowerCase(Locale.ROOT))
                && !role.substring(0, space).equalsIgnoreCase("para")) {
            return role.substring(space + 1);
        }
        return role;
    }

    private static Referent referent(Speaker s, boolean person, char gender, BlockAnalysis b) {
        return new Referent(s, person, gender, b.order,
                (person ? "p:" : "o:") + s.name().toLowerCase(Locale.ROOT));
    }

    /** The organisation spoken of last, within this block and the one before. */
    private Referent lastOrganisation(BlockAnalysis b) {
        Referent r = lastCompatible(salient, "organisation", (char) 0);
        return r != null && r.blockOrder() >= b.order - 1 ? r : null;
    }

    private Resolved pronoun(String kind, char gender, BlockAnalysis b) {
        Referent r = lastCompatible(salient, kind, gender);
        if (r == null) {
            return new Resolved(null, null, 0.35, true);
        }
        double factor = r.blockOrder() == b.order ? 0.85 : r.blockOrder() == b.order - 1 ? 0.78 : 0.68;
        return new Resolved(r.speaker(), r, factor, true);
    }

    private static Referent lastCompatible(List<Referent> list, String kind, char gender) {
        for (int i = list.size() - 1, seen = 0; i >= 0 && seen < PRONOUN_REACH; i--, seen++) {
            Referent r = list.get(i);
            boolean ok = switch (kind) {
                case "group", "organisation" -> !r.person();
                case "any" -> true;
                default -> r.person() && (gender == 0 || r.gender() == 0 || r.gender() == gender);
            };
            if (ok) {
                return r;
            }
        }
        return null;
    }

    void rememberSubject(BlockAnalysis b, int u) {
        Mention m = b.startingAt(b.firstWord(u));
        boolean known = m != null && (m.nameKeys.size() > 1 || m.role != null
                || (m.kind == Mention.Kind.PERSON ? entities.person(m.nameKeys, b.orderOf(m.start)) != null
                        : b.gazetteer[m.start] != null || b.tokens.get(m.start).allCaps));
        if (known && (m.kind == Mention.Kind.PERSON || m.kind == Mention.Kind.ORGANISATION) && m.canSpeak()) {
            Claim c = new Claim(new BlockAnalysis.CueHit(m.start, m.end, null, u), Claim.Mode.SUBJECT, m, false, null,
                    m.start);
            Resolved r = resolve(b, c);
            remember(r.referent());
        }
    }
}
