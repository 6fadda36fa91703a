"""The clause tree of the seed: every address, the DESIGN.md examples, and what must not be a heading."""

from __future__ import annotations

import pytest

from assistant.regulation import ClauseAddress, find_clause, parse_label, parse_regulation
from assistant.regulation.cleaning import law_characters
from tests.conftest import REPO

SEED_LEAVES = [
    ("a1", "第一条"), ("a2", "第二条"), ("a3", "第三条"),
    ("a4p1i1s1", "第四条第（一）项第1目"), ("a4p1i1s2", "第四条第（一）项第2目"),
    ("a4p1i2s1", "第四条第（二）项第1目"), ("a4p1i2s2", "第四条第（二）项第2目"), ("a4p2", "第四条第二款"),
    ("a5p1i1s1", "第五条第（一）项第1目"), ("a5p1i1s2", "第五条第（一）项第2目"), ("a5p1i1s3", "第五条第（一）项第3目"),
    ("a5p1i2s1", "第五条第（二）项第1目"), ("a5p1i2s2", "第五条第（二）项第2目"),
    ("a6", "第六条"), ("a7p1", "第七条第一款"), ("a7p2", "第七条第二款"), ("a7p3", "第七条第三款"),
    ("a8p1", "第八条第一款"), ("a8p2", "第八条第二款"), ("a9", "第九条"), ("a10", "第十条"),
    ("a11", "第十一条"), ("a12", "第十二条"), ("a13", "第十三条"), ("a14", "第十四条"),
    ("a15p1", "第十五条第一款"), ("a15p2", "第十五条第二款"),
]

# DESIGN.md's table: text beginning → (article, paragraph or None for "1 or null", item, subitem).
DESIGN_EXAMPLES = [
    ("1.首次获评国家“双跨”（即跨行业跨领域）工业互联网平台的企业，给予500万元", (5, None, 1, 1)),
    ("3.对符合申报条件的第三方工业互联网安全服务机构", (5, None, 1, 3)),
    ("1.工业互联网标识解析二级节点项目：申报主体", (4, None, 2, 1)),
    ("奖励类和补助类申报主体，近两年没有发生重大安全", (4, 2, None, None)),
    ("首次获评国家“双跨”（即跨行业跨领域）工业互联网平台、国家", (7, 2, None, None)),
    ("第三方工业互联网安全服务机构和补助类项目申报材料包括", (7, 3, None, None)),
    ("市经济和信息化局依据区级经信主管部门推荐意见", (8, 2, None, None)),
]


def test_seed_has_exactly_the_expected_leaf_clauses(regulation):
    assert [(leaf.address.id, leaf.label) for leaf in regulation.leaves()] == SEED_LEAVES


@pytest.mark.parametrize(("beginning", "expected"), DESIGN_EXAMPLES, ids=[e[0][:12] for e in DESIGN_EXAMPLES])
def test_design_examples_come_out_exactly(regulation, beginning, expected):
    matches = [leaf for leaf in regulation.leaves() if leaf.text.startswith(beginning)]
    assert len(matches) == 1
    article, paragraph, item, subitem = expected
    address = matches[0].to_address()
    assert (address["article"], address["item"], address["subitem"]) == (article, item, subitem)
    if paragraph is None:
        assert address["paragraph"] in (1, None)
    else:
        assert address["paragraph"] == paragraph


def test_cleaning_changes_no_character_of_the_law(regulation):
    raw = (REPO / "corpus" / "wuhan-industrial-internet-fund-measures" / "text.txt").read_text(encoding="utf-8")
    body = raw[raw.index("第一条"):]
    parsed = "".join(article.label + (article.caption or "") + article.text for article in regulation.articles)
    # Chapter headings sit between articles in the raw text; drop them before comparing.
    for label, title in regulation.chapters:
        body = body.replace(label + " " + title[:1] + " " + title[1:], "").replace(label + " " + title, "")
    assert law_characters(parsed) == law_characters(body)


def test_stray_spaces_and_line_wraps_are_gone_from_every_clause(regulation):
    for leaf in regulation.leaves():
        assert "\n" not in leaf.text and " " not in leaf.text, leaf.label
    assert "给予500万元一次性奖励" in find_clause(regulation, "a5p1i1s1").text
    assert "总额在300万元人民币以上" in find_clause(regulation, "a4p1i1s2").text


def test_article_captions_and_chapters(regulation):
    assert regulation.articles[3].caption == "申报条件"
    assert regulation.articles[0].caption is None
    assert regulation.chapters[1] == ("第二章", "支持条件和标准")


@pytest.mark.parametrize(("label", "address"), [
    ("第五条第（一）项第3目", ClauseAddress(5, None, 1, 3)),
    ("第四条第二款", ClauseAddress(4, 2)),
    ("第十五条", ClauseAddress(15)),
    ("第5条第(1)项第3目", ClauseAddress(5, None, 1, 3)),
])
def test_labels_parse_to_addresses(label, address):
    assert parse_label(label) == address


def test_find_clause_by_label_and_id_agree(regulation):
    assert find_clause(regulation, "第五条第（一）项第3目") is find_clause(regulation, "a5p1i1s3")


TOY_REGULATION = """
某市小微企业数字化改造补贴办法

第一章 总 则

第一条 为支持小微企业数字化改造，依据本办法第五条和《某某条例》第

十二条的规定，制定本办法。

第二条 申报条件

（一）在本市注册的小微企业，年营业收入在 500 万元以下。

（二）近一年无严重失信行为。

第三条 补贴标准

（一）设备改造类

1.按设备投资额的 20%给予补贴，最高 50 万元。

2.软件投入按 10%给予补贴，第二年起每年核定一次，最

高 20 万元。

（二）服务类

1.购买云服务的，按实际支出的 30%给予补贴。

第四条 本办法自公布之日起施行。

有效期 3 年。
"""


def test_a_second_regulation_parses_with_the_same_rules():
    toy = parse_regulation(TOY_REGULATION, "toy")
    assert [leaf.label for leaf in toy.leaves()] == [
        "第一条", "第二条第（一）项", "第二条第（二）项", "第三条第（一）项第1目", "第三条第（一）项第2目",
        "第三条第（二）项第1目", "第四条第一款", "第四条第二款",
    ]
    # A cross-reference wrapped onto a line start ("十二条的规定") and "第二年起" are not headings.
    assert "《某某条例》第十二条的规定" in find_clause(toy, "a1").text
    assert "第二年起每年核定一次，最高20万元" in find_clause(toy, "a3p1i1s2").text


def test_a_package_folder_in_the_corpus_adds_a_regulation_text(tmp_path):
    from assistant.corpus import load_corpus

    package = tmp_path / "toy"
    package.mkdir()
    (package / "text.txt").write_text(TOY_REGULATION, encoding="utf-8")
    (package / "meta.toml").write_text('id = "toy"\ntitle = "某市小微企业数字化改造补贴办法"\nshort_title = "《办法》"\n', encoding="utf-8")
    regulations = load_corpus(tmp_path)
    assert regulations[0].title == "某市小微企业数字化改造补贴办法"
    assert len(regulations[0].articles) == 4
