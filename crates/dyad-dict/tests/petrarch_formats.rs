//! One test per quirk of the PETRARCH/TABARI formats, on small dictionaries
//! written for these tests.

use dyad_dict::{
    Diagnostic, Dictionaries, Format, Placement, Rel, Scope, SeqItem, Severity, Slot, Source,
    Syntax, Term,
};
use jiff::civil::date;

fn load(format: Format, text: &str) -> (Dictionaries, Vec<Diagnostic>) {
    Dictionaries::from_sources(&[Source::new("test.txt", format, text)])
}

fn code(d: &Dictionaries, name: &str, y: i16, m: i8, day: i8) -> Option<String> {
    let tokens: Vec<&str> = name.split(' ').collect();
    d.resolve(&tokens, Some(date(y, m, day)))
        .and_then(|r| r.code)
}

fn errors(diags: &[Diagnostic]) -> Vec<(u32, &'static str)> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.line, d.kind))
        .collect()
}

#[test]
fn comments_hash_xml_blocks_and_malformed_openers() {
    let text = "\
<!-- one-line comment -->
ALPHA [AAA] # trailing comment
<!-- a block
BETA [BBB]
that spans lines -->
GAMMA <!-- inline --> [CCC]
<! -- mistyped opener, skipped whole -->
#DELTA [DDD]
EPSILON [EEE]#comment without a space
";
    let (d, diags) = load(Format::PetrarchActors, text);
    assert!(diags.is_empty(), "{diags:?}");
    let ids: Vec<&str> = d.actors().entries().iter().map(|e| &*e.id).collect();
    assert_eq!(ids, ["ALPHA", "GAMMA", "EPSILON"]);
    assert_eq!(code(&d, "Gamma", 2000, 1, 1).as_deref(), Some("CCC"));
}

#[test]
fn actor_synonyms_and_word_joiners() {
    let text = "\
NORTH_ATLANTIS_  [ATL]
+ATLANTEAN
+THE_SUNKEN_KINGDOM
+PORT OF_ATLAS
";
    let (d, diags) = load(Format::PetrarchActors, text);
    assert!(diags.is_empty());
    let e = &d.actors().entries()[0];
    assert_eq!(&*e.id, "NORTH_ATLANTIS");
    for name in [
        "North Atlantis",
        "Atlantean",
        "the sunken kingdom",
        "Port of Atlas",
    ] {
        assert_eq!(code(&d, name, 2000, 1, 1).as_deref(), Some("ATL"), "{name}");
    }
}

#[test]
fn dated_codes_on_indented_lines() {
    // A person: opposition figure, then head of government, then elite.
    let text = "\
MARA_QUILL_  # a person whose role changed
+PRIME_MINISTER_QUILL
\t[ATLOPP <950601]
\t[ATLGOV 19950601 - 19990815] [ATLELI > 990815]
\t[ATLCVL]
";
    let (d, diags) = load(Format::PetrarchActors, text);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        code(&d, "Mara Quill", 1995, 5, 31).as_deref(),
        Some("ATLOPP")
    );
    assert_eq!(
        code(&d, "Mara Quill", 1995, 6, 1).as_deref(),
        Some("ATLGOV")
    );
    assert_eq!(
        code(&d, "Mara Quill", 1999, 8, 15).as_deref(),
        Some("ATLGOV")
    );
    assert_eq!(
        code(&d, "Mara Quill", 1999, 8, 16).as_deref(),
        Some("ATLELI")
    );
    assert_eq!(
        code(&d, "Prime Minister Quill", 2020, 1, 1).as_deref(),
        Some("ATLELI")
    );
    // Without a date: the undated code.
    assert_eq!(
        d.resolve(&["Mara", "Quill"], None).unwrap().code.as_deref(),
        Some("ATLCVL")
    );
}

#[test]
fn first_restriction_that_holds_wins_then_undated_then_null() {
    let text = "\
PIP [HOB]
\t[ORCHOB 20100109-20100112] # listed first: overrides the next
\t[HOBMIL 20080120-20121109]
NOBODY_IN_PARTICULAR [---]
SHADOW
\t[--- <950630]
\t[SHD]
";
    let (d, diags) = load(Format::PetrarchActors, text);
    assert!(diags.is_empty());
    assert_eq!(code(&d, "Pip", 2010, 1, 10).as_deref(), Some("ORCHOB"));
    assert_eq!(code(&d, "Pip", 2010, 1, 13).as_deref(), Some("HOBMIL"));
    assert_eq!(code(&d, "Pip", 2015, 1, 1).as_deref(), Some("HOB"));
    // The null code: the name is known, it codes nothing.
    let r = d.resolve(&["nobody", "in", "particular"], None).unwrap();
    assert_eq!(
        (r.code, r.actor.map(|a| &*a.id)),
        (None, Some("NOBODY_IN_PARTICULAR"))
    );
    assert_eq!(code(&d, "Shadow", 1990, 1, 1), None);
    assert_eq!(code(&d, "Shadow", 1996, 1, 1).as_deref(), Some("SHD"));
}

#[test]
fn two_digit_years_pivot_at_30() {
    let text = "OLD_ONE\n\t[AAAGOV 310101-291231]\n";
    let (d, _) = load(Format::PetrarchActors, text);
    assert_eq!(code(&d, "old one", 1931, 1, 1).as_deref(), Some("AAAGOV"));
    assert_eq!(code(&d, "old one", 2029, 12, 31).as_deref(), Some("AAAGOV"));
    assert_eq!(code(&d, "old one", 2030, 1, 1), None);
}

#[test]
fn bad_actor_lines_are_reported_and_the_rest_loads() {
    let text = "\
+ORPHAN_SYNONYM
ONE [aaa]
TWO
\t[950601-990815]
\t[TWO 2010]
\t[TWO 20100931-20111231]
THREE [CCC]
\t[CCCGOV 20121204]
\t[CCCREB 9008223-911221]
";
    let (d, diags) = load(Format::PetrarchActors, text);
    assert_eq!(
        errors(&diags),
        [
            (1, "orphan-synonym"),
            (4, "bad-code"),
            (5, "bad-date"),
            (6, "bad-date")
        ]
    );
    let warnings: Vec<(u32, &str)> = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| (d.line, d.kind))
        .collect();
    assert_eq!(
        warnings,
        [(2, "code-case"), (8, "bad-date"), (9, "bad-date")]
    );
    assert_eq!(code(&d, "One", 2000, 1, 1).as_deref(), Some("AAA"));
    // A date with no `<`, `>` or end: from that day on, as PETRARCH reads it.
    assert_eq!(code(&d, "Three", 2013, 1, 1).as_deref(), Some("CCCGOV"));
    assert_eq!(code(&d, "Three", 1991, 1, 1).as_deref(), Some("CCCREB"));
    assert_eq!(d.actors().entries().len(), 3);
    assert!(diags.iter().all(|d| d.to_string().starts_with("test.txt:")));
}

#[test]
fn agents_placement_plurals_and_substitution_sets() {
    let text = "\
!PERSON! = MAN, MEN, WOMAN, WOMEN
!MINIST! = MINISTER, MINISTRY
TROOP [~MIL]
MILITIA {MILITIAS} [~REBMIL]
POLICE {} [ ~COP]
AUTHORITY [~GOV]
WITNESS [~CVL]
RELIEF_BODY [  NGO~]
CONGRESS!PERSON! [~LEG]
FOREIGN_!MINIST! [~GOV]
ENVIRONMENT_OFFICE [~ENV}
NO_CODE_HERE
ROGUE_!NOPE! [~GOV]
";
    let (d, diags) = load(Format::PetrarchAgents, text);
    assert_eq!(errors(&diags), [(12, "no-code"), (13, "unknown-macro")]);
    let agent = |words: &[&str]| {
        d.agents()
            .find_all(words)
            .first()
            .map(|m| (&*m.entry.code, m.entry.placement))
    };
    assert_eq!(agent(&["troops"]), Some(("MIL", Placement::Suffix)));
    assert_eq!(agent(&["militias"]), Some(("REBMIL", Placement::Suffix)));
    assert_eq!(agent(&["polices"]), None);
    assert_eq!(agent(&["police"]), Some(("COP", Placement::Suffix)));
    assert_eq!(agent(&["authorities"]), Some(("GOV", Placement::Suffix)));
    assert_eq!(agent(&["witnesses"]), Some(("CVL", Placement::Suffix)));
    assert_eq!(
        agent(&["relief", "bodies"]),
        Some(("NGO", Placement::Prefix))
    );
    assert_eq!(agent(&["congresswomen"]), Some(("LEG", Placement::Suffix)));
    assert_eq!(
        agent(&["congressmans"]),
        None,
        "no plural is made for substitutions"
    );
    assert_eq!(
        agent(&["foreign", "ministry"]),
        Some(("GOV", Placement::Suffix))
    );
    assert_eq!(
        agent(&["environment", "office"]),
        Some(("ENV", Placement::Suffix))
    );
}

#[test]
fn actor_and_agent_compose() {
    let actors = "ISRAEL_ [ISR]\n+ISRAELI\nATLANTIS [ATL]\n";
    let agents = "TROOP [~MIL]\nPROTESTER [~OPP]\nRELIEF_GROUP [NGO~]\nPRESIDENT [~GOV]\n";
    let (d, _) = Dictionaries::from_sources(&[
        Source::new("a.txt", Format::PetrarchActors, actors),
        Source::new("g.txt", Format::PetrarchAgents, agents),
    ]);
    let c = |t: &[&str]| d.resolve(t, None).and_then(|r| r.code);
    assert_eq!(c(&["Israeli", "troops"]).as_deref(), Some("ISRMIL"));
    assert_eq!(c(&["Israel", "'s", "troops"]).as_deref(), Some("ISRMIL"));
    assert_eq!(c(&["troops", "of", "Israel"]).as_deref(), Some("ISRMIL"));
    assert_eq!(
        c(&["an", "Atlantis", "relief", "group"]).as_deref(),
        Some("NGOATL")
    );
    assert_eq!(c(&["protesters"]).as_deref(), Some("OPP"));
    assert_eq!(c(&["nothing", "known"]), None);
}

#[test]
fn mentions_in_a_sentence() {
    let actors = "ISRAEL_ [ISR]\n+ISRAELI\nATLANTIS [ATL]\nMARA_QUILL [ATLGOV]\n";
    let agents = "TROOP [~MIL]\nPROTESTER [~OPP]\nPRESIDENT [~GOV]\nARMY [~MIL]\n";
    let (d, _) = Dictionaries::from_sources(&[
        Source::new("a.txt", Format::PetrarchActors, actors),
        Source::new("g.txt", Format::PetrarchAgents, agents),
    ]);
    let sentence =
        "Israeli troops met protesters as President Mara Quill and Israel 's army watched Atlantis";
    let tokens: Vec<&str> = sentence.split(' ').collect();
    let m = d.mentions(&tokens, None);
    let got: Vec<(usize, usize, Option<&str>)> = m
        .iter()
        .map(|r| (r.start, r.end, r.code.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (0, 2, Some("ISRMIL")),
            (3, 4, Some("OPP")),
            (5, 8, Some("ATLGOV")),
            (9, 12, Some("ISRMIL")),
            (13, 14, Some("ATL")),
        ]
    );
}

#[test]
fn short_acronyms_do_not_match_common_words() {
    let (d, _) = load(
        Format::PetrarchActors,
        "UNITED_STATES [USA]\n+US\n+U.S.\nWORLD_HEALTH_ORGANIZATION [IGOWHO]\n+WHO\n",
    );
    let c = |t: &[&str]| d.resolve(t, None).and_then(|r| r.code);
    assert_eq!(c(&["US"]).as_deref(), Some("USA"));
    assert_eq!(c(&["U.S."]).as_deref(), Some("USA"));
    assert_eq!(c(&["U.S"]).as_deref(), Some("USA"));
    assert_eq!(c(&["us"]), None);
    assert_eq!(c(&["who"]), None);
    assert_eq!(c(&["WHO"]).as_deref(), Some("IGOWHO"));
}

const VERBS: &str = "\
&MONEY_WORD
+DOLLAR
+CURRENCY
+CASH_
&AUX_
+HAVE
+HAS
&ALL_MONEY
+&MONEY_WORD
+EURO

--- GIVE   [070]  ---
GIVE {GAVE GIVEN GIVING GIVES}
DONATE  ;an old TABARI comment
+HAND_OVER
RE_+SUPPLY [072]
WIRE_+TRANSFER {WIRE_+TRANSFERS WIRE_+TRANSFERRED}
- * &MONEY_WORD                [071]   # money
- * {ARMS SHIPMENT} (TO +)          [072]
- * (TO)                            [042:043]
- * (BEFORE COURT)                  [:173]
- $ * WEAPONS                       [---]
- &AUX * &ALL_MONEY                 [0711]
- * &MONEY_WORD                [071]   # a repeat: never matches
- * &UNDEFINED_SET                  [070]

~ a (a b GIVE) SAY = a b 015
";

#[test]
fn petrarch2_verbs_blocks_forms_and_patterns() {
    let (d, diags) = load(Format::PetrarchVerbs, VERBS);
    assert!(diags.is_empty(), "{diags:?}");
    let ev = d.events();
    assert_eq!(ev.entries().len(), 1);
    let e = &ev.entries()[0];
    assert_eq!((&*e.id, e.code.to_string()), ("GIVE", "070".to_string()));
    // Irregular forms as given; regular forms made.
    assert_eq!(ev.by_form("gave").next().unwrap().1.lemma.as_ref(), "give");
    assert_eq!(
        ev.by_form("donated").next().unwrap().1.lemma.as_ref(),
        "donate"
    );
    assert!(ev.by_form("donateing").next().is_none());
    // Multi-word verbs: the `+` word is the verb, the rest are particles.
    let (_, hand) = ev.by_lemma("hand").next().unwrap();
    assert_eq!(hand.after, ["over".into()]);
    let (_, supply) = ev.by_lemma("supply").next().unwrap();
    assert_eq!(
        (
            supply.before.clone(),
            supply.code.as_ref().unwrap().to_string()
        ),
        (vec!["re".into()], "072".to_string())
    );
    let (_, wire) = ev.by_form("transferred").next().unwrap();
    assert_eq!(wire.before, ["wire".into()]);
    // Patterns: PETRARCH-2 groups map to dependency slots.
    let p = &e.patterns;
    assert_eq!(
        p[0].slots,
        [Slot {
            rel: Rel::Object,
            head: Term::Set("MONEY_WORD".into()),
            modifiers: vec![]
        }]
    );
    assert_eq!(
        p[1].slots,
        [
            Slot {
                rel: Rel::Object,
                head: Term::Word("shipment".into()),
                modifiers: vec![Term::Word("arms".into())]
            },
            Slot {
                rel: Rel::Obl("to".into()),
                head: Term::Target,
                modifiers: vec![]
            },
        ]
    );
    assert_eq!(
        p[2].slots,
        [Slot {
            rel: Rel::Obl("to".into()),
            head: Term::Any,
            modifiers: vec![]
        }]
    );
    assert_eq!(
        (p[2].code.forward.as_deref(), p[2].code.reverse.as_deref()),
        (Some("042"), Some("043"))
    );
    assert_eq!(
        (p[3].code.forward.as_deref(), p[3].code.reverse.as_deref()),
        (None, Some("173"))
    );
    assert!(p[4].code.is_null());
    assert_eq!(
        p[4].slots[0],
        Slot {
            rel: Rel::Subject,
            head: Term::Source,
            modifiers: vec![]
        }
    );
    assert!(p.iter().all(|p| p.syntax == Syntax::Petrarch2));
    // Sets: plurals made unless the label or member ends in `_`; nested sets.
    assert!(ev.set_contains("MONEY_WORD", "dollars"));
    assert!(ev.set_contains("MONEY_WORD", "currencies"));
    assert!(ev.set_contains("MONEY_WORD", "cash") && !ev.set_contains("MONEY_WORD", "cashes"));
    assert!(ev.set_contains("AUX", "has") && !ev.set_contains("AUX", "haves"));
    assert!(ev.set_contains("ALL_MONEY", "dollar") && ev.set_contains("ALL_MONEY", "euros"));
    assert!(ev.term_matches(&Term::Set("ALL_MONEY".into()), "Dollars"));
    // Transformations.
    let t = &ev.transformations()[0];
    assert_eq!(t.pattern.join(" "), "a a b GIVE SAY");
    assert_eq!(t.result.join(" "), "a b 015");
}

#[test]
fn tabari_pattern_sequences() {
    let text = "\
--- MEET [040] ---
MEET {MET MEETING MEETS}
- + WAS_ * BY $ [042]
- % * ^ IN_CAPITAL [043]
- SAID * WITH + OVER AID [044]
- * COMMIT * AID [033]
- TYPO [045]
- * NO CODE
";
    let (d, diags) = load(Format::PetrarchVerbs, text);
    assert_eq!(
        errors(&diags),
        [(6, "bad-pattern"), (7, "bad-pattern"), (8, "bad-pattern")]
    );
    let p = &d.events().entries()[0].patterns;
    assert_eq!(p.len(), 3);
    assert!(p.iter().all(|p| p.syntax == Syntax::Tabari));
    assert_eq!(
        p[0].sequence,
        [
            SeqItem::Actor(Term::Target),
            // `WAS_ *`: a `_` before a space is an open match, as in PETRARCH.
            SeqItem::Word("was".into()),
            SeqItem::Verb,
            SeqItem::Word("by".into()),
            SeqItem::Actor(Term::Source)
        ]
    );
    assert_eq!(
        p[0].slots,
        [
            Slot {
                rel: Rel::Subject,
                head: Term::Target,
                modifiers: vec![]
            },
            Slot {
                rel: Rel::Obl("by".into()),
                head: Term::Source,
                modifiers: vec![]
            },
        ]
    );
    assert!(p[1].sequence.contains(&SeqItem::Skip));
    assert_eq!(
        p[2].slots,
        [
            Slot {
                rel: Rel::Obl("with".into()),
                head: Term::Target,
                modifiers: vec![]
            },
            Slot {
                rel: Rel::Obl("over".into()),
                head: Term::Word("aid".into()),
                modifiers: vec![]
            },
        ]
    );
}

#[test]
fn discards_sentence_and_story() {
    let text = "MONTHS LATER\n+GOLDEN_BALL_FINAL   # sports\nWORLD CUP_\n";
    let (d, diags) = load(Format::PetrarchDiscards, text);
    assert!(diags.is_empty());
    let check = |t: &[&str]| d.discards().check(t).map(|(s, _)| s);
    assert_eq!(
        check(&["three", "months", "later", "."]),
        Some(Scope::Sentence)
    );
    assert_eq!(
        check(&["the", "Golden", "Ball", "final", "and", "the", "world", "cup"]),
        Some(Scope::Story)
    );
    assert_eq!(check(&["the", "world", "cup"]), Some(Scope::Sentence));
    assert_eq!(check(&["months", "passed"]), None);
}

#[test]
fn issues_with_expansions_and_exceptions() {
    let text = "\
<ISSUE CATEGORY=\"ENERGY\" TYPE=\"ALL\">
oil [OIL]
n:pipeline [OIL]
ethnic v:purge [ATROCITY]
pre+n:school [SCHOOLING]
nocode phrase
~olive oil
~~oil painting
</ISSUE>
";
    let (d, diags) = load(Format::PetrarchIssues, text);
    assert_eq!(errors(&diags), []);
    assert_eq!(
        diags.iter().map(|d| (d.line, d.kind)).collect::<Vec<_>>(),
        [(6, "no-code")]
    );
    let issues = |t: &[&str]| {
        d.issues()
            .find_all(t)
            .iter()
            .map(|m| m.entry.id.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(issues(&["new", "pipelines", "for", "oil"]), ["OIL", "OIL"]);
    assert_eq!(issues(&["ethnic", "purged"]), ["ATROCITY"]);
    assert_eq!(issues(&["pre-schools"]), ["SCHOOLING"]);
    assert_eq!(issues(&["pre", "school"]), ["SCHOOLING"]);
    // Exceptions cancel the issues of their category.
    assert!(issues(&["olive", "oil", "prices"]).is_empty());
    let enc = d.encode(&["an", "oil", "painting"]);
    // A story exception cancels every issue of its category.
    assert_eq!(d.issues().story_exceptions(&enc).len(), 3);
    assert_eq!(d.issues().entries()[0].category.as_deref(), Some("ENERGY"));
}

#[test]
fn formats_are_detected_from_names_and_text() {
    use std::path::Path;
    let f = |name: &str, text: &str| Format::detect(Path::new(name), text);
    assert_eq!(
        f("Phoenix.Countries.actors.txt", ""),
        Some(Format::PetrarchActors)
    );
    assert_eq!(f("my.agents", ""), Some(Format::PetrarchAgents));
    assert_eq!(f("CAMEO.2.0.txt", ""), Some(Format::PetrarchVerbs));
    assert_eq!(f("x.discards.txt", ""), Some(Format::PetrarchDiscards));
    assert_eq!(f("IssueCoding.txt", ""), Some(Format::PetrarchIssues));
    assert_eq!(f("people.dyad", ""), Some(Format::Dyad));
    assert_eq!(
        f("x.txt", "<ISSUE CATEGORY=\"A\">"),
        Some(Format::PetrarchIssues)
    );
    assert_eq!(
        f("x.txt", "--- GIVE [070] ---\nGIVE\n"),
        Some(Format::PetrarchVerbs)
    );
    assert_eq!(f("x.txt", "TROOP [~MIL]\n"), Some(Format::PetrarchAgents));
    assert_eq!(f("x.txt", "ISRAEL [ISR]\n"), Some(Format::PetrarchActors));
    assert_eq!(f("x.txt", "just words\n"), None);
}

#[test]
fn lint_finds_what_it_says() {
    let actors = "\
ALPHA [AAA]
+THE FIRST
BETA [BBB]
+THE_FIRST
GAMMA
\t[GAMGOV 20100112-20100109]
\t[GAMGOV 20000101-20051231]
\t[GAMMIL 20050101-20081231]
\t[GAMREB 20081231-20091231]
DELTA
";
    let (d, _) = Dictionaries::from_sources(&[
        Source::new("a.txt", Format::PetrarchActors, actors),
        Source::new("v.txt", Format::PetrarchVerbs, VERBS),
    ]);
    let lint = d.lint(None);
    let found: Vec<(&str, u32, &str)> = lint.iter().map(|d| (&*d.file, d.line, d.kind)).collect();
    assert_eq!(
        found,
        [
            ("a.txt", 4, "duplicate-name"),
            ("a.txt", 6, "inverted-range"),
            ("a.txt", 8, "overlapping-ranges"),
            ("a.txt", 10, "no-code"),
            ("v.txt", 24, "never-matches"),
            ("v.txt", 25, "never-matches"),
            ("v.txt", 27, "never-matches"),
        ],
        "{lint:#?}"
    );
    // One shared end day (PETRARCH's inclusive ranges) is not an overlap.
    assert!(!lint.iter().any(|d| d.line == 9));
}

#[test]
fn lint_checks_codes_against_the_ontology() {
    let (d, _) = Dictionaries::from_sources(&[
        Source::new(
            "a.txt",
            Format::PetrarchActors,
            "ALPHA [USAGOV]\nBETA [QQQZZZ]\n",
        ),
        Source::new(
            "g.txt",
            Format::PetrarchAgents,
            "TROOP [~MIL]\nWIZARD [~WIZ]\n",
        ),
        Source::new(
            "v.txt",
            Format::PetrarchVerbs,
            "--- X [042] ---\nX\n- * Y [999]\n",
        ),
    ]);
    let lint = d.lint(Some(dyad_ontology::Ontology::builtin()));
    let unknown: Vec<(&str, u32)> = lint
        .iter()
        .filter(|d| d.kind == "unknown-code")
        .map(|d| (&*d.file, d.line))
        .collect();
    assert_eq!(
        unknown,
        [("a.txt", 2), ("g.txt", 2), ("v.txt", 3)],
        "{lint:#?}"
    );
}

#[test]
fn nothing_panics_on_odd_input() {
    let odd = [
        "",
        "[",
        "]",
        "[[]]",
        "+",
        "++",
        "&",
        "&_",
        "---",
        "--- ---",
        "- *",
        "- * * [1]",
        "- ( * [",
        "- * ) [1]",
        "- * {} [1]",
        "- * ( ) [1]",
        "- {* [1]",
        "{",
        "}",
        "{}",
        "~",
        "~ =",
        "!X! =",
        "!X",
        "X!Y! [~A]",
        "é[é]",
        "A [B 2004é17]",
        "A [B <]",
        "A [B -]",
        "A [B 1-]",
        "A [B >99999999999]",
        "<!--",
        "-->",
        "<!-- -->x",
        "\u{feff}A [B]",
        "\t[C]",
        " +D",
        "A [~]",
        "A [~~]",
        "A {",
        "A {} []",
        "<ISSUE",
        "<ISSUE CATEGORY=\"",
        "</ISSUE>",
        "~~",
        "n: [X]",
        "v: [Y]",
        "+ [Z]",
        "a++b [Q]",
        "actor",
        "actor X",
        "  name",
        "  code 1..2",
        "event E",
        "  pattern",
        "  pattern => 1",
        "  pattern x y=z => 1",
        "  pattern x obj=a( => 1",
        "set S",
        "  word &",
        "日本 [JPN]",
        "ÅÄÖ_ÅÄÖ [SWE]",
        "\u{0}",
        "TR}OOPS {} [~MIL]",
        "A}{ [~C]",
        "GIVE} {GAVE",
    ];
    let text = odd.join("\n");
    let formats = [
        Format::Dyad,
        Format::PetrarchActors,
        Format::PetrarchAgents,
        Format::PetrarchVerbs,
        Format::PetrarchDiscards,
        Format::PetrarchIssues,
    ];
    for f in formats {
        let (d, _) = load(f, &text);
        let _ = d.lint(Some(dyad_ontology::Ontology::builtin()));
        let _ = d.mentions(&odd, Some(date(2000, 1, 1)));
        // Each line alone too, so that no line depends on its neighbours to be safe.
        for line in odd {
            let (d, _) = load(f, line);
            let _ = d.resolve(&[line], None);
        }
    }
}
