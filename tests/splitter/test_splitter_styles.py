"""Report styles beyond the corpus, written to the patterns the office meets: each test text
is small and its expectation is what a clerk would list."""

from __future__ import annotations

from duban.splitter import split


def _markers(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(d.seq, d.parent, d.marker) for d in split(text)]


def test_traditional_chinese_list_with_speaker_and_narrative(in_order):
    """Traditional script: 區長王明強調，一是要…三是要…; the presiding, the report heard
    and the warning film watched are narrative."""
    text = (
        "3月2日，區安委會召開全體會議，區長王明主持會議。會議傳達學習了省市安全生產工作會議精神，"
        "聽取了區應急管理局關於近期安全生產形勢的彙報。王明強調，一是要壓實安全生產責任，各街道要落實屬地管理責任；"
        "二是要深入開展燃氣安全專項整治，區住建局要對瓶裝液化氣開展全覆蓋檢查；三是要抓好道路交通安全，"
        "嚴查酒駕醉駕、超載超速等違法行為。\n會議還觀看了安全生產警示教育片。"
    )
    directives = split(text)
    in_order(text, directives)
    assert [d.marker for d in directives] == ["一是要", "二是要", "三是要"]
    assert {d.speaker for d in directives} == {"王明"}
    assert directives[0].mentions == ["各街道"]
    assert directives[1].mentions == ["區住建局"]
    assert directives[1].areas == ["gas"]
    assert directives[2].areas == ["road_traffic"]
    assert directives[2].text.endswith("違法行為")


def test_sections_with_numbered_items_nested():
    """（一）（二）（三） themes, each with 1. 2. items on their own lines; the closing
    narrative line is not swallowed by the last item."""
    text = (
        "会议对下一阶段工作作出部署：\n（一）强化消防安全\n1. 各街道要对九小场所开展全面排查。\n"
        "2. 区消防救援大队要加强执法检查。\n（二）抓好道路交通安全\n"
        "1. 区交通运输局要加强“两客一危”车辆监管。\n2. 交警大队要严查酒驾醉驾。\n"
        "（三）做好防汛准备\n1. 各镇街要完善防汛应急预案。\n2. 区水务局要开展河道清障。\n"
        "会议还通报了近期全区安全生产事故情况。"
    )
    assert _markers(text) == [
        ("1", None, "（一）"),
        ("1.1", "1", "1."),
        ("1.2", "1", "2."),
        ("2", None, "（二）"),
        ("2.1", "2", "1."),
        ("2.2", "2", "2."),
        ("3", None, "（三）"),
        ("3.1", "3", "1."),
        ("3.2", "3", "2."),
    ]
    directives = split(text)
    assert directives[0].text == "强化消防安全"
    assert directives[-1].text == "区水务局要开展河道清障"
    assert directives[7].mentions == ["各镇街"]


def test_sections_with_paragraphs_under_headings():
    """一、二、三、 headings, each followed by requirement paragraphs: each section is one
    directive running over its paragraphs; the last stops at the editor's note."""
    text = (
        "区长在全区安全生产工作会议上的讲话\n\n一、提高政治站位\n各街道、各部门要深刻认识当前形势的严峻性。\n"
        "要把安全生产放在突出位置。\n\n二、突出重点领域\n要深入开展燃气安全专项整治。\n要加强消防安全监管。\n\n"
        "三、压实工作责任\n区安委办要加强督查检查。\n对工作不力的单位要严肃问责。\n\n（本文有删节）\n"
    )
    directives = split(text)
    assert [d.marker for d in directives] == ["一、", "二、", "三、"]
    assert directives[0].mentions == ["各街道", "各部门"]
    assert directives[1].areas == ["fire", "gas"]
    assert directives[2].text.endswith("对工作不力的单位要严肃问责")


def test_di_list_after_situation_and_before_closing_narrative():
    """第一，第二，第三，: the situation ("形势依然严峻") before is narrative, the closing
    speech after is narrative; the speaker is the one who 指出."""
    text = (
        "区委书记张三在会上指出，当前安全生产形势依然严峻复杂。第一，要提高政治站位，各部门要把安全生产摆在突出位置。"
        "第二，要狠抓隐患排查，特别是对危险化学品企业和建筑工地开展拉网式检查。第三，要严格责任追究，对失职失责的严肃问责。"
        "会议最后，区长李四作了总结讲话。"
    )
    directives = split(text)
    assert [d.marker for d in directives] == ["第一", "第二", "第三"]
    assert directives[0].text.startswith("要提高政治站位")
    assert directives[1].areas == ["construction", "hazardous_chemicals"]
    assert directives[2].text == "要严格责任追究，对失职失责的严肃问责"
    assert {d.speaker for d in directives} == {"区委书记张三"}


def test_arabic_dun_list_inherits_lead_in_mentions():
    """1、2、3、 in one sentence after "会议要求各街道、各部门…："; items name nobody, so
    they take the lead-in's mentions."""
    text = (
        "会议要求各街道、各部门重点做好以下工作：1、全面排查学校、幼儿园周边安全隐患；2、加强食品安全监管，"
        "严防集体用餐食物中毒；3、做好汛期地质灾害防范，落实24小时值班制度。"
    )
    directives = split(text)
    assert [d.marker for d in directives] == ["1、", "2、", "3、"]
    assert [d.areas for d in directives] == [["campus"], ["food_drug"], ["flood"]]
    assert all(d.mentions == ["各街道", "各部门"] for d in directives)


def test_english_first_second_third_then_narrative():
    """English "First, … Second, … Third, …" after "X stressed:"; named units as mentions;
    the closing narrative paragraph is not part of the last item."""
    text = (
        "The district held a work safety meeting on Monday. Deputy mayor Li Ming presided over the "
        "meeting. District head Wang Qiang stressed: First, the District Education Bureau must "
        "carry out safety checks on all schools before the new term. Second, Shuangyang Street "
        "should clean up gas cylinders in old residential areas. Third, the streets must "
        "strengthen flood control duty during the rainy season.\n"
        "The meeting also watched a warning film on fire accidents."
    )
    directives = split(text)
    assert [d.marker for d in directives] == ["First,", "Second,", "Third,"]
    assert {d.speaker for d in directives} == {"Wang Qiang"}
    assert [d.mentions for d in directives] == [
        ["District Education Bureau"],
        ["Shuangyang Street"],
        ["the streets"],
    ]
    assert [d.areas for d in directives] == [["campus"], ["gas"], ["flood"]]
    assert directives[-1].text.endswith("during the rainy season")


def test_english_cardinal_is_forms_after_that():
    """ "one is …; two is …; three is …" (translated 一是/二是/三是) after "stressed that",
    then two unenumerated requirements, then narrative."""
    text = (
        "On June 3, the district held a safety meeting. Mayor Chen attended the meeting and "
        "spoke.\nHe stressed that one is to strengthen fire safety in crowded places; two is to do "
        "a good job in flood control; three is to strengthen food safety supervision in school "
        "canteens.\nIt is necessary to carry out a thorough investigation of hidden dangers in "
        "hazardous chemicals enterprises. All towns and streets should implement the 24-hour duty "
        "system.\nThe meeting also heard a report from the Emergency Bureau."
    )
    directives = split(text)
    assert [d.marker for d in directives] == ["one is", "two is", "three is", None, None]
    assert directives[2].areas == ["food_drug", "campus"]
    assert directives[3].text.startswith("It is necessary to")
    assert directives[4].mentions == ["All towns and streets"]


def test_two_speakers_each_with_a_list():
    """Two speakers, each with a list restarting at 一是; the report heard after is narrative."""
    text = (
        "区长张三强调：一是要抓好燃气安全，各街道要开展拉网式排查；二是要抓好消防安全，严防电动自行车火灾。"
        "区委书记李四指出，一是要压实责任，各部门要守土有责；二是要强化督查，区安委办要加强暗查暗访；"
        "三是要严格问责，对发生事故的严肃追责。会议还听取了各街道工作汇报。"
    )
    directives = split(text)
    assert [(d.seq, d.marker, d.speaker) for d in directives] == [
        ("1", "一是要", "区长张三"),
        ("2", "二是要", "区长张三"),
        ("3", "一是要", "区委书记李四"),
        ("4", "二是要", "区委书记李四"),
        ("5", "三是要", "区委书记李四"),
    ]
    assert directives[-1].text == "严格问责，对发生事故的严肃追责"
    assert directives[3].mentions == ["区安委办"]


def test_marker_like_characters_inside_words_are_text():
    """统一要求, 一分部署、九分落实, 一是一、二是二, 进一步, 第一时间: no markers, two
    plain requirement sentences."""
    text = (
        "会议要求，统一要求各单位进一步做好一分部署、九分落实，坚持一是一、二是二的作风，要把各项工作落到实处。"
        "进一步加强第一时间报告制度，要确保信息畅通。"
    )
    directives = split(text)
    assert [d.marker for d in directives] == [None, None]
    assert directives[0].text.startswith("统一要求各单位")
    assert directives[1].text.startswith("进一步加强第一时间报告制度")


def test_sequence_words_and_half_width_punctuation():
    """首先/其次/最后 as a list, and （一）（二）（三） written with half-width brackets and
    semicolons and a half-width full stop; "会议由…主持" after is narrative."""
    first = (
        "会议强调：首先，要强化红线意识，各级各部门要坚持人民至上；其次，要全面排查整治重大隐患；"
        "最后，要严格落实值班值守制度。会议还观看了警示教育片。"
    )
    assert [d.marker for d in split(first)] == ["首先", "其次", "最后"]
    second = (
        "会议要求:(一)各街道要加强燃气安全检查;(二)区市场监管局要加强电梯等特种设备监管;"
        "(三)区教育局要做好校园安全工作.会议由副区长主持."
    )
    directives = split(second)
    assert [d.marker for d in directives] == ["(一)", "(二)", "(三)"]
    assert directives[-1].text == "区教育局要做好校园安全工作"


def test_requirements_without_enumeration_one_per_requirement():
    """会议要求，…要…；要… with no markers: one directive per requirement, and narrative
    (attendance, a report heard) never becomes one."""
    text = (
        "各街道分管负责同志参加会议。会议听取了区应急管理局的工作汇报。会议要求，各街道要全面排查燃气安全隐患；"
        "区城管局要加强瓶装液化气执法。"
    )
    directives = split(text)
    assert [d.text for d in directives] == [
        "各街道要全面排查燃气安全隐患",
        "区城管局要加强瓶装液化气执法",
    ]
    assert [d.mentions for d in directives] == [["各街道"], ["区城管局"]]


def test_empty_and_narrative_only_texts_have_no_directives():
    assert split("") == []
    assert split("   \n ") == []
    assert split("区领导张三、李四参加会议。会议由副区长王五主持。") == []


def test_weak_asks_in_narrative_are_narrative():
    """要求/确保/强调 in a report of what was relayed or held ("传达了…批示要求", "对…进行强调",
    "召开…会议，切实做好…") are narrative; a clause that opens with 要求 still asks."""
    text = (
        "会议传达了省委批示要求，通报了近期事故情况。区委书记张三对坚决遏制事故发生进行强调。"
        "全省会议后，市安委会召开电视电话会议，切实做好两会期间安全生产工作。"
        "会议听取了区应急管理局汇报，要求各街道切实加强燃气隐患排查。"
    )
    assert [d.text for d in split(text)] == ["各街道切实加强燃气隐患排查"]


def test_a_purpose_clause_does_not_make_a_report_an_ask():
    text = (
        "临近年末，为了切实加强春节期间安全生产工作，确保形势稳定，街办开展了大排查活动。"
        "各社区要全面排查。"
    )
    assert [d.text for d in split(text)] == ["各社区要全面排查"]


def test_a_statement_after_meeting_stressed_is_not_a_directive():
    text = "会议强调，安全生产是民生大事，一丝一毫不能放松。各部门要压实责任。"
    assert [d.text for d in split(text)] == ["各部门要压实责任"]


def test_announced_asks_without_markers_one_per_clause():
    """ "…提出三点要求：" then three ；-separated asks with no 要 and no markers; the speaker
    comes after an opening phrase (会议最后，) and is kept as written."""
    text = (
        "会议最后，街道党工委书记李鹏就做好夏季安全工作提出三点要求：\n提高政治站位，增强责任感；"
        "紧盯隐患问题，扎实推进整治；压实工作责任，提升工作效能。"
    )
    directives = split(text)
    assert [d.text for d in directives] == [
        "提高政治站位，增强责任感",
        "紧盯隐患问题，扎实推进整治",
        "压实工作责任，提升工作效能",
    ]
    assert {d.speaker for d in directives} == {"街道党工委书记李鹏"}


def test_speakers_after_opening_phrases_and_in_traditional_script():
    """ "随后，王公理副主任对…做出安排：" and "To do a good job…, Luo Kai emphasized that";
    a traditional name stays traditional; a clause that only looks like a cue ("落实上级要求，")
    names no speaker."""
    zh = "随后，王公理副主任对安全生产工作做出安排：一是要高度重视；二是要层层压实责任。"
    assert {d.speaker for d in split(zh)} == {"王公理副主任"}
    hant = "劉道兵同志強調，一是要提高政治站位；二是要堅持問題導向。"
    assert {d.speaker for d in split(hant)} == {"劉道兵"}
    en = (
        "To do a good job in the next step, Luo Kai emphasized that all departments should check "
        "fire exits. It is necessary to strengthen supervision of crowded places."
    )
    directives = split(en)
    assert {d.speaker for d in directives} == {"Luo Kai"}
    assert directives[0].text.startswith("all departments should")
    assert split("落实上级要求，紧盯隐患问题。")[0].speaker is None


def test_a_list_right_after_yao_and_the_asks_that_follow_it():
    """ "…各单位要一是…；二是…。" is a list (its lead-in's actors inherited); items one clause
    each, so the last ends with its sentence and the asks after it are directives of their own."""
    text = (
        "要求各科室、各单位要一是提高认识，加大宣传；二是强化责任，加强监管。"
        "要求各村要深入一线检查。"
    )
    directives = split(text)
    assert [(d.marker, d.text) for d in directives] == [
        ("一是", "提高认识，加大宣传"),
        ("二是", "强化责任，加强监管"),
        (None, "各村要深入一线检查"),
    ]
    assert directives[0].mentions == ["各科室", "各单位"]


def test_slogans_in_quotes_and_bylines_are_not_asks():
    """“三管三必须” and "Three Stresses" are names, not asks; "(张政)" is a byline."""
    assert split("会议学习了“三管三必须”原则。") == []
    text = (
        "It is necessary to check crowded places. Manage the measures of “Three Cleans, Three "
        "Stresses”, and watch key construction projects."
    )
    assert len(split(text)) == 1
    assert (
        split("要注重宣教结合，形成群防群治格局。(张政)")[0].text
        == "要注重宣教结合，形成群防群治格局"
    )
