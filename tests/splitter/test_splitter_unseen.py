"""Real reports the splitter was not written against (sources in unseen/SOURCES.md), split
as an office clerk would split them: how many directives, where each begins and ends, its
marker and its speaker. Written down before the splitter was changed for them.

Each expected directive is (seq, marker, first words, last words); the last words are
compared without trailing punctuation and quotes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from duban.splitter import Directive, split

UNSEEN = Path(__file__).resolve().parent / "unseen"
_TRAILING = "。.，,；;：:!！?？\"'”’ "

Expected = list[tuple[str, str | None, str, str]]

CASES: dict[str, tuple[Expected, list[str | None]]] = {
    # Chairman's seven points as "1. … 6." in one paragraph after "outlined … requirements:".
    "en-broadwell-seven-numbered-requirements": (
        [
            (
                "1",
                "1.",
                "Strictly implement the spirit",
                "Implementation Measures for the Fire Safety Responsibility System",
            ),
            ("2", "2.", "Prioritize safety and fire prevention", "signed at every level"),
            (
                "3",
                "3.",
                "Continuously improve emergency fire safety plans",
                "monitoring their effective implementation",
            ),
            ("4", "4.", "Conduct regular inspections", "followed by timely remediation"),
            ("5", "5.", "Strengthen professional training", "fire safety and prevention knowledge"),
            (
                "6",
                "6.",
                "Regularly inspect fire-fighting equipment",
                "proficient in its operation and use",
            ),
        ],
        ["Duan Chengjun"] * 6,
    ),
    # "To do a good job in the next step, Luo Kai emphasized that …": the lead is not the
    # directive; "Manage the measures …" has no requirement word and continues the one before.
    "en-hebi-fire-committee-unenumerated": (
        [
            (
                "1",
                None,
                "all departments at all levels should improve",
                "eliminate various hidden risks",
            ),
            (
                "2",
                None,
                "It is necessary to coordinate the joint efforts",
                "fire prevention in key construction projects",
            ),
        ],
        ["Luo Kai"] * 2,
    ),
    # Two "It is necessary to" requirements; the second-hand fragment "Implemented and
    # effective." stays with the first.
    "en-shancheng-it-is-necessary": (
        [
            (
                "1",
                None,
                "it is necessary to comprehensively investigate",
                "Implemented and effective",
            ),
            (
                "2",
                None,
                "It is necessary to do a good job in the rectification",
                "severely investigated and dealt with",
            ),
        ],
        ["Guan Yue"] * 2,
    ),
    # First, … Fourth, after "The meeting proposed several requirements"; Second runs over
    # three sentences.
    "en-zhonghualu-street-first-to-fourth": (
        [
            (
                "1",
                "First,",
                "the rectification and checking work",
                "accidents and problems in uttermost degree",
            ),
            (
                "2",
                "Second,",
                "the inspection work should be carried out strictly",
                "punished without hesitation",
            ),
            (
                "3",
                "Third,",
                "all enterprises should enhance",
                "checking and rectifying hidden troubles",
            ),
            ("4", "Fourth,", "entity responsibilities of all enterprises", "should be implemented"),
        ],
        [None] * 4,
    ),
    # 会议强调 + a requirement sentence (the theme), then 一要/二要/三要 under it; the
    # outlook paragraph (下一步，…将继续…) is narrative.
    "zh-guanghui-yiyao-then-outlook": (
        [
            ("1", None, "安全生产工作重于泰山", "要时刻绷紧安全生产之弦"),
            ("1.1", "一要", "认真贯彻落实", "织密织牢安全生产监管责任保障网"),
            ("1.2", "二要", "树牢“人民至上", "做到安全生产警钟长鸣"),
            ("1.3", "三要", "全面狠抓人员密集场所消防设施", "切实保障人民群众生命财产安全"),
        ],
        [None] * 4,
    ),
    # Traditional script with converter debris; four 要 requirements, the town meeting's
    # narrative (結束後…召開…, 會議通報了…) left out.
    "zh-hant-qingxi-town-unenumerated": (
        [
            ("1", None, "要深入學習貫徹", "嚴防死守堅決防范重特大事故"),
            ("2", None, "全鎮(zhèn)上下要深刻認識", "堅決守牢安全生產底線"),
            ("3", None, "要舉一反三", "堅決防范遏制重特大生產安全事故發(fā)生"),
            ("4", None, "要全面壓實責任", "堅決推動安全生產各項工作落地落實落細"),
        ],
        [None] * 4,
    ),
    # Who relayed what (傳達了…會議要求) and "X對…進行強調" are narrative; 劉道兵同志強調，
    # 一是/二是/三是.
    "zh-hant-shuipo-street-three-items": (
        [
            ("1", "一是", "切實提高做好安全生產工作的政治站位", "盡快對相關工作進行安排部署"),
            ("2", "二是", "堅持問題導向", "其他領域分管領導們各自抓好相關工作"),
            ("3", "三是", "堅持轉變作風", "安排部署工作決不能照抄照搬"),
        ],
        ["劉道兵"] * 3,
    ),
    # Two towns in one report: 王武慶強調：一是（two sentences）/二是/三是; the second town's
    # heading, meeting and situation (袁偉強指出，…更為艱巨) are narrative.
    "zh-hant-suixi-two-towns": (
        [
            ("1", "一是", "各職能部門、村(社區)要提高思想站位", "持續做好交通安全勸導工作"),
            ("2", "二是", "學校要開展交通安全第一課", "做到接送家長及學生佩戴安全頭盔"),
            (
                "3",
                "三是",
                "深入開展消防安全集中除患攻堅大整治行動",
                "深入開展消防安全集中除患攻堅大整治行動",
            ),
        ],
        ["王武慶"] * 3,
    ),
    # 要求各成員單位… (the theme) with 一要/二要/三要; attendance and the editors' footer out.
    "zh-hant-wuyang-flood-yiyao": (
        [
            ("1", None, "各成員單位立足防大汛", "確保安全度汛"),
            ("1.1", "一要", "認(rèn)清形勢", "增強(qiáng)防汛工作緊迫感"),
            ("1.2", "二要", "排查隱患", "落實(shí)好防汛責(zé)任"),
            ("1.3", "三要", "強(qiáng)化值守", "確保防汛信息通暢"),
        ],
        [None] * 4,
    ),
    # 会议强调各单位、各企业…，一是…四是, each item one sentence. The lead-in asks something
    # of its own (深刻吸取事故教训): the theme of the four items, not a frame to drop.
    "zh-qianjin-quarterly-four-items": (
        [
            ("1", None, "各单位、各企业深刻吸取事故教训", "各单位、各企业深刻吸取事故教训"),
            ("1.1", "一是", "树立“生命至上", "做好“一线三排”工作"),
            ("1.2", "二是", "中秋、国庆节前要扎实开展", "危险化学品、道路交通等"),
            ("1.3", "三是", "加强值班值守制度", "妥善应对、高效处置"),
            ("1.4", "四是", "切实加强安全宣传教育培训", "全民重安全的良好氛围"),
        ],
        [None] * 5,
    ),
    # Two speakers, each with a list: "随后，王公理副主任…做出安排：" and "最后，门轩主任要求…：".
    "zh-shengtai-two-speakers-two-lists": (
        [
            ("1", "一是要", "高度重视安全生产", "会议精神"),
            ("2", "二是", "层层分解责任", "全方位筑牢安全生产“防火墙”"),
            ("3", "三是要", "狠抓落实", "取得实效"),
            ("4", "四是要", "全面排查并采取有力措施", "安全隐患治理按期完成"),
            ("5", "五是要", "强化沟通", "共同完成隐患排查治理任务"),
            ("6", "一要", "按照《地方党政领导干部安全生产责任制规定》", "部门(单位)的安全生产工作"),
            ("7", "二要", "高度重视,落实责任", "人员密集场所的各项安全工作"),
            ("8", "三要", "从大局出发", "确保生态区安全形势平稳"),
        ],
        ["王公理副主任"] * 5 + ["门轩主任"] * 3,
    ),
    # A web page with its header block; 会议强调 opens a statement (not a task), then one
    # requirement; the reports heard after it are narrative.
    "zh-shuofang-page-header-unenumerated": (
        [
            ("1", None, "各职能部门、属地管理单位要按照", "营造安全发展良好氛围"),
        ],
        [None],
    ),
    # "提出三点要求：" and three unmarked requirements separated by ；.
    "zh-sichuanbeilu-three-points-unmarked": (
        [
            ("1", None, "提高政治站位", "做好辖区安全治理工作的责任感、紧迫感"),
            ("2", None, "落实上级要求", "扎实推进安全治理各项工作取得实效"),
            ("3", None, "压实工作责任", "确保安全治理各项工作落实到位"),
        ],
        ["街道党工委书记李鹏"] * 3,
    ),
    # 招远忠…提出三方面要求。then 一是要/二是/三是要 on their own lines, two sentences each.
    "zh-wuguishan-two-sessions-lines": (
        [
            ("1", "一是要", "制定两会期间安全生产工作方案", "形成工作闭环"),
            ("2", "二是", "认真开展特种设备和材料堆积场所培训", "要扎实开展整治行动"),
            ("3", "三是要", "强化值班值守", "确保全国两会期间社会大局平安稳定"),
        ],
        ["招远忠"] * 3,
    ),
    # The list follows 要 directly ("…各单位要一是…"); two unenumerated requirements follow;
    # the purpose-clause opening and the byline are not directives.
    "zh-xiaojin-list-after-yao": (
        [
            ("1", "一是", "提高认识", "加大宣传"),
            ("2", "二是", "加强领导", "扎实安排"),
            ("3", "三是", "检查到位", "责任夯实"),
            ("4", "四是", "广泛宣传", "营造氛围"),
            ("5", "五是", "强化责任", "加强监管"),
            ("6", None, "各村、各单位要深入一线", "确保发现的重大隐患能及时得到整治"),
            ("7", None, "对由于责任不落实", "严肃追究监管责任"),
        ],
        [None] * 7,
    ),
    # 要X。 headings, each with its explanation up to the ；; the reporter's byline "(张政)"
    # and the page footer are not part of the last one.
    "zh-dake-street-yao-headings-footer": (
        [
            ("1", None, "要强化红线意识", "落实在行动上"),
            ("2", None, "要开展隐患排查", "筑牢安全防线"),
            ("3", None, "要注重宣教结合", "形成群防群治的安全大格局"),
        ],
        [None] * 3,
    ),
    # 会议指出 with a requirement in its second sentence, then five 要 sentences.
    "zh-taihe-county-gas-unenumerated": (
        [
            ("1", None, "各乡镇、县直相关部门要进一步提高认识", "切实维护全县人民群众生命财产安全"),
            ("2", None, "要深刻汲取近期全国燃气安全事故教训", "及时消除用气安全隐患"),
            ("3", None, "要建立工作台账", "实现全面整改无死角"),
            ("4", None, "要履行部门监管责任和属地管理责任", "要履行部门监管责任和属地管理责任"),
            # the same sentence goes on with an ask of its own, with its own subject
            ("5", None, "各乡镇和相关部门要协同配合", "燃气安全隐患排查整治力度"),
            ("6", None, "要坚持常抓不懈", "力量调配要科学"),
            ("7", None, "要强化燃气安全宣传教育", "人人受益的浓厚氛围"),
        ],
        [None] * 7,
    ),
}


def unseen_split(stem: str) -> list[Directive]:
    """Split an unseen report; every text must be an in-order substring of it."""
    text = (UNSEEN / f"{stem}.txt").read_text(encoding="utf-8")
    directives = split(text)
    position = 0
    for directive in directives:
        found = text.find(directive.text, position)
        assert found >= 0, directive.text
        position = found + len(directive.text)
    return directives


def outline_of(directives: list[Directive]) -> Expected:
    """(seq, marker, first words, last words) in the shape of the expectations."""
    return [(d.seq, d.marker, d.text, d.text.rstrip(_TRAILING)) for d in directives]


def matches(directives: list[Directive], expected: Expected) -> bool:
    """Whether the count, seqs, markers and both ends of every directive are as expected."""
    return len(directives) == len(expected) and all(
        d.seq == seq
        and d.marker == marker
        and d.text.startswith(first)
        and d.text.rstrip(_TRAILING).endswith(last.rstrip(_TRAILING))
        for d, (seq, marker, first, last) in zip(directives, expected, strict=True)
    )


def test_every_unseen_report_has_an_expectation():
    assert sorted(path.stem for path in UNSEEN.glob("*.txt")) == sorted(CASES)


@pytest.mark.parametrize("stem", sorted(CASES))
def test_unseen_report_split_as_a_clerk_would(stem):
    expected, speakers = CASES[stem]
    directives = unseen_split(stem)
    assert matches(directives, expected), outline_of(directives)
    assert [d.speaker for d in directives] == speakers


def test_inherited_and_own_mentions_in_unseen_reports():
    """Items take the lead-in's actors; an item naming its own keeps them."""
    assert all(
        d.mentions == ["各单位", "各企业"] for d in unseen_split("zh-qianjin-quarterly-four-items")
    )
    xiaojin = unseen_split("zh-xiaojin-list-after-yao")
    assert all(d.mentions == ["各科室", "各行政村", "各单位"] for d in xiaojin[:5])
    assert xiaojin[5].mentions == ["各村", "各单位"]
    assert unseen_split("zh-wuguishan-two-sessions-lines")[0].mentions == ["各村", "各部门"]
    assert unseen_split("en-hebi-fire-committee-unenumerated")[0].mentions == [
        "all departments at all levels"
    ]
    assert "各部门" in unseen_split("zh-shengtai-two-speakers-two-lists")[5].mentions
