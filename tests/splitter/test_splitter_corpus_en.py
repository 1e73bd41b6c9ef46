"""The three English (machine-translated) corpus reports, split as a clerk would."""

from __future__ import annotations


def test_district_expanded_meeting_two_speakers_and_themes(corpus_split):
    """en-district-safety-committee-expanded-meeting: one long paragraph.

    Narrative: title, byline, purpose, attendance, who presided, what was reported.
    Shu Guichuan's list (one is / Second, / Three is) → 1–3; it ends where "Secretary Zhang
    Fei pointed out" begins. Zhang Fei's four requirement sentences (must/should) → 4–7.
    His two themes ("to 'prevent' the word first…", "to 'strict' throughout the word…") are
    parents of their lists (First, / Second, / Three is and First, / Second, / 3 it is /
    Fourth,): 8 with 8.1–8.3 and 9 with 9.1–9.4. The last item stops before the
    disclaimer and the e-mail/WeChat footer."""
    directives = corpus_split("en-district-safety-committee-expanded-meeting")
    assert [d.seq for d in directives] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "8.1",
        "8.2",
        "8.3",
        "9",
        "9.1",
        "9.2",
        "9.3",
        "9.4",
    ]
    assert [d.marker for d in directives] == [
        "one is",
        "Second,",
        "Three is",
        None,
        None,
        None,
        None,
        None,
        "First,",
        "Second,",
        "Three is",
        None,
        "First,",
        "Second,",
        "3 it is",
        "Fourth,",
    ]
    assert [d.speaker for d in directives[:3]] == ["Shu Guichuan"] * 3
    assert {d.speaker for d in directives[3:]} == {"Zhang Fei"}
    assert directives[0].text.startswith("determined to learn from one another")
    assert directives[2].text.endswith("grasp the work personally")
    assert directives[3].text.startswith("at present, all kinds of safety accidents")
    assert directives[3].mentions == ["all departments"]
    assert directives[6].mentions == ["All units and departments"]
    assert directives[7].text.startswith("to “prevent” the word first")
    assert [d.parent for d in directives[8:11]] == ["8", "8", "8"]
    assert directives[9].areas == [
        "road_traffic",
        "construction",
        "hazardous_chemicals",
        "fireworks",
        "mining",
        "special_equipment",
    ]
    assert directives[10].text.endswith("all deployment requirements are in place")
    assert directives[11].text.startswith("to “strict” throughout the word")
    assert directives[12].mentions == ["all subdistricts and departments", "Each street"]
    assert directives[14].mentions == ["streets and departments"]
    assert directives[15].text.endswith("relevant responsible persons for accountability")
    assert not any("Disclaimer" in d.text or "attended" in d.text for d in directives)


def test_provincial_video_conference(corpus_split):
    """en-provincial-housing-dept-video-conference: the title is not a directive. The opening
    sentence is narrative ("held a video conference") that turns into a requirement at
    "requiring": the directive is what follows. "The meeting stressed the need to…" is the
    theme of First, / The second is / Third, (2.1–2.3), each running over several
    sentences. "The meeting called for…" and the two "We will…" sentences are three
    unenumerated requirements (the neutral sentence "Pressing the main responsibility…"
    stays with the one before it); the first "We will…" names three asks, each a verb with
    its object ("fulfill …, strengthen …, and vigorously promote …"): three directives. The
    second keeps its list of objects ("pre-job training, pre-class education, …") whole."""
    directives = corpus_split("en-provincial-housing-dept-video-conference")
    assert [d.seq for d in directives] == ["1", "2", "2.1", "2.2", "2.3", "3", "4", "5", "6", "7"]
    assert [d.marker for d in directives] == [
        None,
        None,
        "First,",
        "The second is",
        "Third,",
        None,
        None,
        None,
        None,
        None,
    ]
    assert directives[0].text.startswith(
        "housing and urban and rural construction departments at all levels must"
    )
    assert directives[0].mentions == ["construction departments at all levels"]
    assert directives[1].text.startswith("the need to highlight the focus of work")
    assert directives[2].text.startswith(
        "strengthen the inspection and rectification. Focus on construction"
    )
    assert directives[2].areas == ["construction", "gas"]
    assert directives[3].text.startswith("to strengthen source governance")
    assert directives[4].text.endswith("restriction of assessment and evaluation of excellence")
    assert directives[5].text.startswith("layer-by-layer compaction responsibility")
    assert directives[5].text.endswith("the whole chain")
    assert [d.text for d in directives[6:9]] == [
        "We will conscientiously fulfill the supervision responsibilities of the department",
        'strengthen grid supervision and "double random one disclosure" inspection',
        "vigorously promote third-party auxiliary inspection",
    ]
    assert directives[9].text.startswith("We will effectively strengthen safety education")
    assert directives[9].text.endswith("pre-class education, and pre-work")
    assert all(d.speaker is None for d in directives)


def test_state_council_interviews_unenumerated(corpus_split):
    """en-state-council-safety-interviews: no enumeration. The first paragraph (who was
    interviewed, who took part) and the situation summary ("pointed out that … is grim")
    are narrative; the web footer (浙公网安备…) is dropped. Every should/must/We will
    sentence is its own directive (they name different areas: fishing vessels, fire,
    key industries, training); "Practice the 'two safeguards'…" continues the one before."""
    directives = corpus_split("en-state-council-safety-interviews")
    starts = [
        "All regions should thoroughly study",
        "all regions should reflect deeply",
        "We will carry out investigation",
        "In areas where fishing vessel accidents",
        "We should strengthen fire safety management",
        "We should not relax our efforts",
        "We should strengthen the safety training",
        "Safety risks overlap at the end of the year",
    ]
    assert [d.text[: len(s)] for d, s in zip(directives, starts, strict=False)] == starts
    assert len(directives) == len(starts)
    assert directives[0].text.endswith("practical actions and practical results")
    assert directives[3].areas == ["waterway"]
    assert directives[4].areas == ["fire", "crowded_places"]
    assert directives[5].areas == [
        "road_traffic",
        "construction",
        "hazardous_chemicals",
        "mining",
        "crowded_places",
    ]
    assert directives[0].mentions == ["All regions"]
    assert not any("公网安备" in d.text or "grim" in d.text for d in directives)
