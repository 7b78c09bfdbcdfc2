//! Actor mentions: dictionary actors and agents found over the words'
//! forms, joined into noun phrases through the parse, plus named actors the
//! dictionaries do not know and pronouns; then coreference within the article.
//!
//! A mention starts as *atoms*: an actor name, an agent name, a run of proper
//! nouns in no dictionary, or a pronoun. Two atoms belong to one mention when
//! the head of one modifies a word of the other as a compound, flat name,
//! adjective, possessive, apposition or `of`/`in`/`from` phrase (`Israeli
//! troops`, `Russia's army`, `police in Niger`, `Chinese Foreign Minister Wang
//! Yi`). The mention's code is its named actor's code on the article's date
//! with each agent's sector composed onto it; an agent alone gives its own.

use crate::tree::Tree;
use crate::{Lexicon, Options};
use dyad_dict::matcher::Encoded;
use dyad_dict::{ActorEntry, AgentEntry, Dictionaries};
use jiff::civil::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Names a dictionary actor (its code may be the null code).
    Named,
    /// Only agents (`protesters`, `the president`).
    Agent,
    /// A `short` name (`Biden`), only meaningful after a full mention.
    Short,
    /// A proper noun in no dictionary: kept with its text and no code.
    Unknown,
    Pronoun,
}

#[derive(Debug, Clone)]
pub(crate) struct Mention<'d> {
    /// Words `start..end` of the sentence.
    pub start: usize,
    pub end: usize,
    pub code: Option<String>,
    /// The named actor's own code on the date, before agents.
    pub base: Option<String>,
    /// The word the rest of the mention hangs from.
    pub head: usize,
    pub kind: Kind,
    pub actor: Option<&'d ActorEntry>,
    pub agents: Vec<&'d AgentEntry>,
    /// Words of the agent names, normalized (`prime minister`), for titles.
    pub agent_text: Vec<String>,
    pub person: bool,
    pub plural: bool,
    pub definite: bool,
    /// For pronouns: the lower-case form.
    pub pronoun: Option<String>,
    /// Mentions this one's agents were shared with through a coordination
    /// (`lawmakers in Fornost and Gondor`: `Gondor`).
    pub distributed: Vec<usize>,
    /// For the first mention of a coordination, the others (`Spain,
    /// Ireland and Norway`), so that `they` can refer back to all of them.
    pub conjoined: Vec<usize>,
}

/// The mentions of one sentence, and which mention each word belongs to.
#[derive(Debug, Default)]
pub(crate) struct Mentions<'d> {
    pub list: Vec<Mention<'d>>,
    pub at: Vec<Option<usize>>,
}

enum AtomKind<'d> {
    Actor(&'d ActorEntry, bool),
    Agent(&'d AgentEntry),
    Unknown,
    Pronoun,
}

struct Atom<'d> {
    start: usize,
    end: usize,
    head: usize,
    kind: AtomKind<'d>,
}

/// Finds the mentions of a sentence (before coreference).
/// A proper noun that is no month or day name: part of a name the
/// dictionaries may not know.
fn is_name_word(tree: &Tree, lexicon: &Lexicon, w: usize) -> bool {
    tree.upos[w] == "PROPN" && !lexicon.is_calendar_word(&tree.lemma[w])
}

/// Whether an actor is a person: only people have titles or short names.
fn is_person(actor: &ActorEntry) -> bool {
    !actor.titles.is_empty() || !actor.short.is_empty()
}

/// Whether an actor is a country: its codes are country codes alone.
fn is_country(actor: &ActorEntry) -> bool {
    actor.codes.iter().all(|c| c.code.len() == 3)
}

/// A pronoun that can refer to an actor.
fn is_pronoun(tree: &Tree, lexicon: &Lexicon, w: usize) -> bool {
    tree.upos[w] == "PRON" && lexicon.pronoun(tree.form[w]).is_some()
}

/// Whether [`find`] could find any mention in the sentence: whether it
/// holds an actor or agent name, a proper noun or a pronoun. This reads
/// the words, tags and lemmas only, not the parse, so it can tell which
/// sentences need parsing: one with no mention has no event and adds
/// nothing to the [`History`] that later sentences' pronouns look back
/// into.
/// The dictionaries' automata run only when no proper noun or pronoun
/// settles it.
pub(crate) fn any(tree: &Tree, dicts: &Dictionaries, lexicon: &Lexicon) -> bool {
    if (0..tree.len()).any(|w| is_name_word(tree, lexicon, w) || is_pronoun(tree, lexicon, w)) {
        return true;
    }
    let enc = dicts.encode(&tree.form);
    !dicts.actors().find_in(&enc).is_empty() || !dicts.agents().find_in(&enc).is_empty()
}

pub(crate) fn find<'d>(
    tree: &Tree,
    enc: &Encoded,
    dicts: &'d Dictionaries,
    options: &Options,
    date: Option<Date>,
) -> Mentions<'d> {
    let lexicon = &options.lexicon;
    let n = tree.len();
    let mut atoms: Vec<Atom<'d>> = Vec::new();
    let mut covered = vec![false; n];
    let matches = dicts.actors().find_in(enc);
    let agent_matches = dicts.agents().find_in(enc);
    for (k, m) in matches.iter().enumerate() {
        // A surname that is also a month or a day (`May`) stands for the
        // person only after a capitalized word (`Mrs May`), not in `in May`.
        let one_word = m.end - m.start == 1;
        let calendar = m.short
            && one_word
            && lexicon.is_calendar_word(&tree.lemma[m.start])
            && !(m.start > 0 && tree.form[m.start - 1].starts_with(char::is_uppercase));
        // The one-word name of a group or organisation right after a proper
        // noun that no name or role covers is another name's last word:
        // `Cyril Wagner` and `Mr Wagner` are people, not the Wagner group.
        // (Countries are left alone: `Communist China`.)
        let surname = one_word
            && !is_person(m.entry)
            && !is_country(m.entry)
            && m.start.checked_sub(1).is_some_and(|q| {
                is_name_word(tree, lexicon, q)
                    && matches[..k].last().is_none_or(|prev| prev.end <= q)
                    && !agent_matches.iter().any(|a| a.start <= q && q < a.end)
            });
        if calendar || surname {
            continue;
        }
        let (end, entry) = disconnected(tree, dicts, m).unwrap_or((m.end, m.entry));
        covered[m.start..end].iter_mut().for_each(|c| *c = true);
        atoms.push(Atom {
            start: m.start,
            end,
            head: 0,
            kind: AtomKind::Actor(entry, m.short),
        });
    }
    for m in agent_matches {
        if covered[m.start..m.end].iter().any(|&c| c) {
            continue;
        }
        covered[m.start..m.end].iter_mut().for_each(|c| *c = true);
        atoms.push(Atom {
            start: m.start,
            end: m.end,
            head: 0,
            kind: AtomKind::Agent(m.entry),
        });
    }
    let mut i = 0;
    while i < n {
        let proper = |w: usize| !covered[w] && is_name_word(tree, lexicon, w);
        if proper(i) {
            let start = i;
            while i < n && proper(i) {
                i += 1;
            }
            atoms.push(Atom {
                start,
                end: i,
                head: 0,
                kind: AtomKind::Unknown,
            });
            continue;
        }
        if !covered[i] && is_pronoun(tree, lexicon, i) {
            atoms.push(Atom {
                start: i,
                end: i + 1,
                head: 0,
                kind: AtomKind::Pronoun,
            });
        }
        i += 1;
    }
    atoms.sort_by_key(|a| a.start);
    let mut atom_at = vec![None; n];
    for (k, a) in atoms.iter_mut().enumerate() {
        a.head = (a.start..a.end)
            .find(|&w| tree.head[w].is_none_or(|h| h < a.start || h >= a.end))
            .unwrap_or(a.start);
        atom_at[a.start..a.end]
            .iter_mut()
            .for_each(|x| *x = Some(k));
    }

    // Join atoms into noun phrases (union-find).
    let mut parent: Vec<usize> = (0..atoms.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (k, a) in atoms.iter().enumerate() {
        if matches!(a.kind, AtomKind::Pronoun) {
            continue;
        }
        let Some(p) = tree.head[a.head] else { continue };
        // The word linking the atom to the other: its head, or the noun it
        // modifies when that noun is no atom but joins one (`soldiers from
        // Gondor province`: `Gondor` through `province`).
        let (b, link) = match atom_at[p] {
            Some(b) => (b, a.head),
            // Only a named actor, into an actor's or agent's phrase (not
            // `Labour's election pledge`, three unknown words).
            None => match tree.head[p].and_then(|q| atom_at[q]) {
                Some(b)
                    if joins(tree, p)
                        && matches!(tree.upos[p], "NOUN" | "PROPN")
                        && matches!(a.kind, AtomKind::Actor(..))
                        && matches!(atoms[b].kind, AtomKind::Actor(..) | AtomKind::Agent(_)) =>
                {
                    (b, p)
                }
                _ => continue,
            },
        };
        if b == k || matches!(atoms[b].kind, AtomKind::Pronoun) || !joins(tree, a.head) {
            continue;
        }
        let (ra, rb) = (root(&mut parent, k), root(&mut parent, b));
        // Two named actors linked by a preposition are two actors (`the
        // Gondor of the Prince of Dol Amroth`), not one.
        let named = |parent: &mut Vec<usize>, r: usize| {
            (0..atoms.len())
                .any(|j| matches!(atoms[j].kind, AtomKind::Actor(_, false)) && root(parent, j) == r)
        };
        if tree.base(link) == "nmod"
            && tree.rel[link] != "nmod:poss"
            && tree.rel[link] != "nmod:desc"
            && named(&mut parent, ra)
            && named(&mut parent, rb)
        {
            continue;
        }
        parent[ra] = rb;
    }
    // Atoms before a noun that is no atom, all modifying it, and its
    // apposed names are one phrase when an agent is among them (`West
    // German world government activists`: GMWGOV with WGO; `the official
    // news agency WFNA`); two actors stay two (`Mr Straw's China trip`).
    let is_actor = |k: usize| matches!(atoms[k].kind, AtomKind::Actor(..));
    let is_agent = |k: usize| matches!(atoms[k].kind, AtomKind::Agent(_));
    // Per noun: a member of its phrase, whether the phrase has an actor, an agent.
    let mut phrase: Vec<Option<(usize, bool, bool)>> = vec![None; n];
    for (k, a) in atoms.iter().enumerate() {
        let Some(p) = tree.head[a.head] else { continue };
        // Not a possessor: `the Queen's grandson, Prince Harry` is not the Queen.
        let premodifier = matches!(tree.base(a.head), "amod" | "compound") && a.end <= p;
        if matches!(a.kind, AtomKind::Pronoun)
            || atom_at[p].is_some()
            || !(premodifier || tree.base(a.head) == "appos")
            || !matches!(tree.upos[p], "NOUN" | "PROPN")
        {
            continue;
        }
        match phrase[p] {
            Some((j, actor, agent)) if !(actor && is_actor(k)) && (agent || is_agent(k)) => {
                let (ra, rb) = (root(&mut parent, k), root(&mut parent, j));
                parent[ra] = rb;
                phrase[p] = Some((j, actor || is_actor(k), agent || is_agent(k)));
            }
            Some(_) => {}
            None => phrase[p] = Some((k, is_actor(k), is_agent(k))),
        }
    }
    // Two subjects (or objects) of one verb with only punctuation, a
    // preposition or a determiner between them are one noun phrase the
    // parser split (`U.N. Secretary-General Antonio Guterres`, `Protesters
    // in Port Sudan`).
    let span_of = |parent: &mut Vec<usize>, k: usize| {
        let r = root(parent, k);
        let members: Vec<usize> = (0..atoms.len()).filter(|&j| root(parent, j) == r).collect();
        let start = members.iter().map(|&j| atoms[j].start).min().unwrap_or(0);
        let end = members.iter().map(|&j| atoms[j].end).max().unwrap_or(0);
        // The word of the span whose head is outside it.
        (start..end).find(|&w| tree.head[w].is_none_or(|h| h < start || h >= end))
    };
    for k in 1..atoms.len() {
        let (a, b) = (&atoms[k - 1], &atoms[k]);
        if matches!(a.kind, AtomKind::Pronoun)
            || matches!(b.kind, AtomKind::Pronoun)
            || root(&mut parent, k - 1) == root(&mut parent, k)
            || b.start < a.end
            || b.start - a.end > 2
            || !(a.end..b.start).all(|w| matches!(tree.upos[w], "PUNCT" | "ADP" | "DET"))
        {
            continue;
        }
        let (Some(ta), Some(tb)) = (span_of(&mut parent, k - 1), span_of(&mut parent, k)) else {
            continue;
        };
        let same_slot = tree.head[ta].is_some()
            && tree.head[ta] == tree.head[tb]
            && matches!(tree.base(ta), "nsubj" | "obj")
            && tree.rel[ta] == tree.rel[tb];
        if same_slot {
            let (ra, rb) = (root(&mut parent, k - 1), root(&mut parent, k));
            parent[ra] = rb;
        }
    }

    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of = vec![usize::MAX; atoms.len()];
    for k in 0..atoms.len() {
        let r = root(&mut parent, k);
        if group_of[r] == usize::MAX {
            group_of[r] = groups.len();
            groups.push(Vec::new());
        }
        groups[group_of[r]].push(k);
    }

    let mut out = Mentions {
        list: Vec::with_capacity(groups.len()),
        at: vec![None; n],
    };
    for members in groups {
        let mut m = build(tree, &atoms, &members, lexicon, date);
        if m.kind == Kind::Unknown && options.new_actor_length > 0 {
            m.code = new_actor(tree, m.head, options.new_actor_length);
        }
        let index = out.list.len();
        for &k in &members {
            let a = &atoms[k];
            out.at[a.start..a.end]
                .iter_mut()
                .for_each(|x| *x = Some(index));
        }
        out.list.push(m);
    }
    distribute(tree, &mut out);
    for i in 0..out.list.len() {
        let head = out.list[i].head;
        if tree.first_conjunct(head) != head {
            continue;
        }
        let members: Vec<usize> = tree.conjuncts(head)[1..]
            .iter()
            .filter_map(|&c| out.at[c])
            .filter(|&j| j != i)
            .collect();
        out.list[i].conjoined = members;
    }
    out
}

/// A dictionary phrase whose words the text splits with modifiers, as
/// TABARI matched it (`Ithilen state-run television` for `ITHILEN
/// TELEVISION`): a name modifying a noun later in its phrase, with the
/// words between all in that noun's phrase, that makes a phrase of the
/// dictionaries with the noun. Its end (after the noun) and its entry.
fn disconnected<'d>(
    tree: &Tree,
    dicts: &'d Dictionaries,
    m: &dyad_dict::ActorMatch<'d>,
) -> Option<(usize, &'d ActorEntry)> {
    let last = m.end.checked_sub(1)?;
    // The noun the name's chain of modifiers ends in (`run` of `state-run`
    // is a compound of `television`).
    let mut h = tree.head[last]?;
    for _ in 0..tree.len() {
        match tree.head[h] {
            Some(g) if matches!(tree.base(h), "compound" | "amod") => h = g,
            _ => break,
        }
    }
    if m.short
        || !matches!(tree.base(last), "compound" | "amod")
        || h <= m.end
        || !matches!(tree.upos[h], "NOUN" | "PROPN")
        || !(m.end..h).all(|w| tree.is_within(w, h))
    {
        return None;
    }
    let mut words: Vec<&str> = tree.form[m.start..m.end].to_vec();
    words.push(tree.form[h]);
    dicts
        .actors()
        .find_in(&dicts.encode(&words))
        .into_iter()
        .find(|x| x.start == 0 && x.end == words.len() && !x.short)
        .map(|x| (h + 1, x.entry))
}

/// Shares modifiers across a coordination: `Danish media and government`
/// (the country goes to `government` too: `DNKGOV`), `lawmakers in Fornost
/// and Gondor` (the agent goes to `Gondor` too: `GONLEG`).
fn distribute(tree: &Tree, mentions: &mut Mentions) {
    // (mention, the mention holding the first conjunct, that conjunct)
    let links: Vec<(usize, usize, usize)> = (0..mentions.list.len())
        .filter_map(|i| {
            let head = mentions.list[i].head;
            let first = tree.first_conjunct(head);
            let j = mentions.at[first].filter(|&j| j != i && first != head)?;
            Some((i, j, first))
        })
        .collect();
    // Names first: `lawmakers in Fornost and Gondor` gives Gondor the agent.
    for &(i, j, first) in &links {
        let (n, m) = (&mentions.list[j], &mentions.list[i]);
        if m.kind == Kind::Named && m.agents.is_empty() && n.head != first && !n.agents.is_empty() {
            let code = m.base.as_ref().map(|b| compose(&n.agents, Some(b.clone())));
            let agents = n.agents.clone();
            mentions.list[j].distributed.push(i);
            let m = &mut mentions.list[i];
            (m.code, m.agents) = (code, agents);
        }
    }
    // Then agents: `media and government` after `Danish` take its country,
    // and in `lawmakers and officials in Fornost and Gondor` the officials
    // are Gondor's too (a mention of its own, reached through `distributed`).
    for &(i, j, first) in &links {
        let (n, m) = (&mentions.list[j], &mentions.list[i]);
        if !(m.kind == Kind::Agent && n.base.is_some() && n.head == first) {
            continue;
        }
        let agents = m.agents.clone();
        let code = compose(&agents, n.base.clone());
        let (base, actor, others) = (n.base.clone(), n.actor, n.distributed.clone());
        {
            let m = &mut mentions.list[i];
            (m.code, m.base, m.actor, m.kind) = (Some(code), base, actor, Kind::Named);
        }
        for d in others {
            let mut other = mentions.list[d].clone();
            other.code = other.base.clone().map(|b| compose(&agents, Some(b)));
            other.agents = agents.clone();
            other.distributed.clear();
            other.conjoined.clear();
            let index = mentions.list.len();
            mentions.list.push(other);
            mentions.list[i].distributed.push(index);
        }
    }
}

/// Whether a word attached to another joins its noun phrase.
fn joins(tree: &Tree, w: usize) -> bool {
    match tree.rel[w] {
        "nmod:poss" | "nmod:desc" | "appos" | "amod" => true,
        _ => match tree.base(w) {
            "compound" | "flat" => true,
            "nmod" => tree
                .case_of(w)
                .is_none_or(|c| matches!(c.as_str(), "of" | "in" | "from")),
            _ => false,
        },
    }
}

/// The code of an unknown name by the words of its noun phrase (`Gryffindor's
/// head Minerva McGonagall` is `"GRYFFINDOR HEAD MINERVA MCGONAGALL"`), as
/// PETRARCH names new actors: the largest phrase the name joins (see
/// [`joins`]), when it has at most `max` words.
fn new_actor(tree: &Tree, name: usize, max: usize) -> Option<String> {
    let mut top = name;
    for _ in 0..tree.len() {
        match tree.head[top] {
            Some(h) if joins(tree, top) && matches!(tree.upos[h], "NOUN" | "PROPN") => top = h,
            _ => break,
        }
    }
    let mut words = vec![top];
    let mut stack = vec![top];
    while let Some(w) = stack.pop() {
        for &c in &tree.children[w] {
            // The phrase's own preposition is not its words, nor a possessive `'s`.
            let case = tree.base(c) == "case" && w != top && tree.upos[c] != "PART";
            if (joins(tree, c) || tree.base(c) == "det" || case) && words.len() <= tree.len() {
                words.push(c);
                stack.push(c);
            }
        }
    }
    if words.len() > max {
        return None;
    }
    words.sort_unstable();
    let text: Vec<String> = words.iter().map(|&w| tree.form[w].to_uppercase()).collect();
    Some(format!("\"{}\"", text.join(" ")))
}

fn build<'d>(
    tree: &Tree,
    atoms: &[Atom<'d>],
    members: &[usize],
    lexicon: &Lexicon,
    date: Option<Date>,
) -> Mention<'d> {
    let start = members.iter().map(|&k| atoms[k].start).min().unwrap_or(0);
    let end = members
        .iter()
        .map(|&k| atoms[k].end)
        .max()
        .unwrap_or(start + 1);
    let in_group = |w: usize| {
        members
            .iter()
            .any(|&k| (atoms[k].start..atoms[k].end).contains(&w))
    };
    // The root atom: the one whose head hangs outside the group.
    let root_atom = members
        .iter()
        .copied()
        .find(|&k| tree.head[atoms[k].head].is_none_or(|h| !in_group(h)))
        .unwrap_or(members[0]);
    let head = atoms[root_atom].head;
    let mut start = start;
    while start > 0 && tree.base(start - 1) == "det" && tree.head[start - 1].is_some_and(in_group) {
        start -= 1;
    }
    let definite = tree
        .kids(head, "det")
        .any(|d| lexicon.definite.contains(&tree.lemma[d].as_str()));

    let named = |k: usize| match atoms[k].kind {
        AtomKind::Actor(e, false) => Some(e),
        _ => None,
    };
    // A possessor of one of the phrase's agents says whose the agent is
    // (`Ithilen's minister Calimehtar` is Ithilen's minister).
    let possessor = members.iter().find_map(|&k| {
        let w = atoms[k].head;
        let agent = |j: usize| matches!(atoms[j].kind, AtomKind::Agent(_));
        let owns = tree.rel[w] == "nmod:poss"
            && tree.head[w].is_some_and(|h| {
                members
                    .iter()
                    .any(|&j| agent(j) && (atoms[j].start..atoms[j].end).contains(&h))
            });
        named(k).filter(|_| owns)
    });
    let actor = possessor
        .or(named(root_atom))
        .or_else(|| members.iter().find_map(|&k| named(k)));
    let short = members.iter().find_map(|&k| match atoms[k].kind {
        AtomKind::Actor(e, true) => Some(e),
        _ => None,
    });
    let mut agents: Vec<&AgentEntry> = Vec::new();
    let mut agent_text = Vec::new();
    for &k in members {
        if let AtomKind::Agent(g) = atoms[k].kind {
            let words: Vec<String> = (atoms[k].start..atoms[k].end)
                .map(|w| dyad_dict::text::normalize(tree.form[w]))
                .collect();
            let text = words.join(" ");
            // A person's own title (`President Joe Biden`): the person's
            // dated code already says what the title adds.
            let own_title = actor.is_some_and(|a| {
                a.titles
                    .iter()
                    .any(|t| dyad_dict::text::normalize(&t.text) == text)
            });
            if !own_title {
                agents.push(g);
            }
            agent_text.push(text);
        }
    }
    let has_unknown = members
        .iter()
        .any(|&k| matches!(atoms[k].kind, AtomKind::Unknown));
    let pronoun = match atoms[root_atom].kind {
        AtomKind::Pronoun => Some(tree.form[head].to_lowercase()),
        _ => None,
    };

    let base = actor.and_then(|a| a.code_at(date)).map(str::to_string);
    let (kind, code) = if actor.is_some() {
        let code = base
            .as_ref()
            .map(|base| compose(&agents, Some(base.clone())));
        (Kind::Named, code)
    } else if short.is_some() {
        (Kind::Short, None)
    } else if !agents.is_empty() {
        (Kind::Agent, Some(compose(&agents, None)))
    } else if pronoun.is_some() {
        (Kind::Pronoun, None)
    } else {
        (Kind::Unknown, None)
    };
    // An unknown name of two words or more (`Ms Kelly`, `Stephen Douglas`)
    // is taken for a person's, so that `she` refers back to it, uncoded,
    // rather than to an earlier coded actor.
    let unknown_name = kind == Kind::Unknown && end - start >= 2;
    let person = actor.is_some_and(is_person)
        || (has_unknown && !agents.is_empty())
        || unknown_name
        || pronoun
            .as_deref()
            .is_some_and(|p| lexicon.pronoun(p) == Some(Referent::Person));
    Mention {
        start,
        end,
        code,
        base,
        head,
        kind,
        actor: actor.or(short),
        agents,
        agent_text,
        person,
        plural: tree.is_plural(head),
        definite,
        pronoun,
        distributed: Vec::new(),
        conjoined: Vec::new(),
    }
}

/// Composes agents' sectors onto an actor's code, in text order.
fn compose(agents: &[&AgentEntry], base: Option<String>) -> String {
    let mut code = base;
    for g in agents {
        code = Some(g.compose(code.as_deref()));
    }
    code.unwrap_or_default()
}

/// Whether an antecedent's code has every block of an agent's own code
/// (`the army`, `MIL`, refers back to `SDNMIL`).
fn same_kind(agent: Option<&str>, antecedent: Option<&str>) -> bool {
    let (Some(agent), Some(antecedent)) = (agent, antecedent) else {
        return false;
    };
    !agent.is_empty()
        && dyad_dict::blocks(agent).all(|b| dyad_dict::blocks(antecedent).any(|x| x == b))
}

/// What a pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Referent {
    /// `he`, `she`: a person.
    Person,
    /// `it`: a country, organisation or group in the singular.
    Thing,
    /// `they`: a plural mention.
    Plural,
}

/// An earlier full mention that later mentions may refer back to.
#[derive(Debug, Clone)]
struct Antecedent<'d> {
    code: Option<String>,
    /// The named actor's own code, before agents (else the code).
    base: Option<String>,
    actor: Option<&'d ActorEntry>,
    agents: Vec<&'d AgentEntry>,
    person: bool,
    plural: bool,
}

/// Coreference state through one article: earlier full mentions, latest last.
#[derive(Debug, Default)]
pub(crate) struct History<'d> {
    items: Vec<Antecedent<'d>>,
}

impl<'d> History<'d> {
    /// Resolves the sentence's short names, pronouns and definite agent
    /// phrases to the last compatible earlier mention, in text order, and
    /// remembers its full mentions.
    pub fn resolve(&mut self, mentions: &mut Mentions<'d>, lexicon: &Lexicon, date: Option<Date>) {
        // `Spain, Ireland and Norway said they would ...`: a plural pronoun
        // after a coordination of coded actors in its sentence is all of them.
        let mut coordination: Option<usize> = None;
        for i in 0..mentions.list.len() {
            let m = &mentions.list[i];
            let members = &m.conjoined;
            if !members.is_empty() && m.code.is_some() {
                coordination = Some(i);
            }
            let plural = m.kind == Kind::Pronoun
                && m.pronoun.as_deref().and_then(|p| lexicon.pronoun(p)) == Some(Referent::Plural);
            if let (true, Some(c)) = (plural, coordination) {
                let (code, others) = (
                    mentions.list[c].code.clone(),
                    mentions.list[c].conjoined.clone(),
                );
                let m = &mut mentions.list[i];
                m.code = code;
                m.distributed = others;
            }
        }
        for m in &mut mentions.list {
            if m.kind == Kind::Pronoun && m.code.is_some() {
                continue;
            }
            let found = match m.kind {
                Kind::Named => None,
                Kind::Short => self
                    .find(|a| a.actor.map(|x| &x.id) == m.actor.map(|x| &x.id) && a.code.is_some()),
                Kind::Pronoun => match m.pronoun.as_deref().and_then(|p| lexicon.pronoun(p)) {
                    Some(Referent::Person) => self.find(|a| a.person),
                    Some(Referent::Thing) => self.find(|a| !a.person && !a.plural),
                    Some(Referent::Plural) => self.find(|a| a.plural),
                    None => None,
                },
                Kind::Agent if m.definite => {
                    let title = |a: &Antecedent| {
                        a.actor.is_some_and(|x| {
                            x.titles.iter().any(|t| {
                                t.range.is_none_or(|r| date.is_none_or(|d| r.contains(d)))
                                    && m.agent_text
                                        .iter()
                                        .any(|g| *g == dyad_dict::text::normalize(&t.text))
                            })
                        })
                    };
                    let found = self.find(|a| {
                        m.agents
                            .iter()
                            .any(|g| a.agents.iter().any(|h| h.id == g.id))
                            || same_kind(m.code.as_deref(), a.code.as_deref())
                            || title(a)
                    });
                    // `the administration` after `Secretary of State Antony
                    // Blinken`: the antecedent's actor with the phrase's own
                    // agents, and a person only when the phrase is the
                    // person's title (`the president`).
                    found.map(|a| {
                        let person = title(&a);
                        let code = a
                            .base
                            .clone()
                            .map(|base| compose(&m.agents, Some(base)))
                            .or(a.code.clone());
                        Antecedent { code, person, ..a }
                    })
                }
                Kind::Agent | Kind::Unknown => None,
            };
            let resolved = found.is_some();
            if let Some(a) = found {
                m.code = a.code.clone();
                if m.kind != Kind::Pronoun {
                    m.person |= a.person;
                }
                if m.actor.is_none() {
                    m.actor = a.actor;
                }
            } else if matches!(m.kind, Kind::Short | Kind::Pronoun) {
                continue;
            }
            let full = m.kind == Kind::Named
                || m.kind == Kind::Unknown
                || resolved
                || m.person
                || m.definite;
            if full && m.kind != Kind::Pronoun {
                self.items.push(Antecedent {
                    code: m.code.clone(),
                    base: m.base.clone().or(m.code.clone()),
                    actor: m.actor,
                    agents: m.agents.clone(),
                    person: m.person,
                    plural: m.plural,
                });
            }
        }
    }

    fn find(&self, ok: impl Fn(&Antecedent<'d>) -> bool) -> Option<Antecedent<'d>> {
        self.items.iter().rev().find(|a| ok(a)).cloned()
    }
}
