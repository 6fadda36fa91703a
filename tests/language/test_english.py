"""English questions read through a package glossary into the text's Chinese words and figures."""

from __future__ import annotations

import pytest

from assistant.language.english import EnglishGlossary, is_latin_question, stem

GLOSSARY = EnglishGlossary({
    "security service": "安全服务",
    "security service provider": "安全服务机构",
    "revenue": "收入",
    "how much": "多少",
    "maximum": "最高",
    "secondary node": "二级节点",
    "node": "节点",
    "interpret": "解释",
    "company": "企业",
})  # fmt: skip


@pytest.mark.parametrize(
    ("text", "latin"),
    [
        ("How much is the reward?", True),
        ("双跨平台奖励多少？", False),
        ("ERP软件怎么申请补助？", False),  # a Latin acronym inside a Chinese question
        ("GDP", False),
        ("Is the 双跨 reward really 500万 yuan?", True),  # mixed: the English words carry the question
    ],
)
def test_a_question_is_latin_when_its_words_outnumber_han_characters(text: str, latin: bool) -> None:
    assert is_latin_question(text) is latin


def test_inflected_forms_share_a_stem() -> None:
    assert stem("devices") == stem("device")
    assert stem("companies") == stem("company")
    assert stem("interpreting") == stem("interpret") == stem("interprets")
    assert stem("approved") == stem("approve")
    assert stem("company's") == stem("company")


def test_the_longest_phrase_wins_and_terms_keep_question_order() -> None:
    question = "What is the maximum for a security service provider's revenue?"
    assert GLOSSARY.terms(question) == ["最高", "安全服务机构", "收入"]


def test_plural_and_ing_forms_match_the_glossary() -> None:
    assert GLOSSARY.terms("Who is interpreting this for companies with secondary nodes?") == ["解释", "企业", "二级节点"]


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        ("Revenue was 5 million yuan.", ["500万元"]),  # 5 × 1,000,000 = 5,000,000 元 = 500万元
        ("Revenue was 8,000,000 yuan.", ["800万元"]),
        ("Revenue was RMB 1.2 million.", ["120万元"]),
        ("We connected 6000 devices and 150 companies.", ["6000", "150"]),
        ("Is it 10% or 30 percent?", ["10%", "30%"]),
        ("New registrations reached 1.5 billion.", ["15亿"]),
    ],
)
def test_figures_are_written_as_the_chinese_text_writes_them(question: str, figures: list[str]) -> None:
    assert GLOSSARY.numbers(question) == figures


def test_an_english_question_becomes_the_chinese_words_and_figures_it_stands_for() -> None:
    question = "Our security service revenue was 5 million yuan. How much can we get at maximum?"
    assert GLOSSARY.translate(question) == "安全服务 收入 多少 最高 500万元"


def test_a_chinese_question_is_not_translated_and_unknown_words_are_dropped() -> None:
    assert GLOSSARY.translate("安全服务收入500万能补多少？") is None
    assert GLOSSARY.translate("Tell me a poem about spring") is None  # no glossary word: nothing to search


def test_the_wuhan_glossary_reads_its_package_terms(regulation) -> None:
    from pathlib import Path

    import yaml

    from assistant.package import VocabularyFile

    path = Path(__file__).resolve().parents[2] / "corpus" / regulation.id / "vocabulary.yaml"
    glossary = EnglishGlossary(VocabularyFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))).english)
    assert glossary.translate("What is the maximum subsidy for a secondary identifier resolution node?") == (
        "最高 补助 二级 标识解析 节点"
    )


# Statements written in English are rendered in order into Chinese for the fact reader.
STATEMENTS = EnglishGlossary({"registration": "注册", "changsha": "长沙", "revenue": "收入",
                              "connected devices": "台连接设备", "enterprise users": "家企业用户", "branch": "分公司"})


@pytest.mark.parametrize(
    ("message", "rendered"),
    [
        ("Nope, our registration is in Changsha.", "没有，我们注册在长沙。"),
        ("Our platform has 142 enterprise users and 6,450 connected devices.", "我们有142家企业用户和6450台连接设备。"),
        ("Revenue, two years combined: 3.6m RMB.", "收入，两年：360万元。"),
        ("revenue 1.6m in 2024", "收入160万在2024年"),
        ("We are not a branch.", "我们不是分公司。"),
    ],
)
def test_an_english_statement_is_rendered_in_order(message: str, rendered: str) -> None:
    assert STATEMENTS.render(message) == rendered


def test_a_chinese_message_is_not_rendered() -> None:
    assert STATEMENTS.render("我们注册在长沙，不是分公司") is None


def test_english_phrases_inside_a_chinese_sentence_are_rendered_where_they_stand() -> None:
    assert STATEMENTS.render("我们注册在长沙，not a branch") == "我们注册在长沙，不是分公司"
    # A run with nothing the glossary knows stays as written (ISO, sync): nothing to render.
    assert STATEMENTS.render("我这边sync一下，我们有ISO27001") is None


def test_an_english_place_is_read_by_the_package_reader() -> None:
    from assistant.corpus import DEFAULT_CORPUS_DIR, load_package
    from assistant.reading import FactReader, read_facts

    reader = FactReader.from_facts(load_package(DEFAULT_CORPUS_DIR / "wuhan-industrial-internet-fund-measures").facts)
    assert read_facts("Nope, our registration is in Changsha.", None, reader).delta == {
        "applicant": {"registered_in_wuhan": False}
    }
    assert read_facts("We're registered in Jiang'an District, Wuhan.", None, reader).delta["applicant"]["registered_in_wuhan"]


def test_a_long_english_amount_keeps_every_digit() -> None:
    # "g" formatting alone kept six significant digits: 4999995 became 5e+06 and was read as 5元 + 06.
    from assistant.corpus import DEFAULT_CORPUS_DIR, load_package
    from assistant.reading import FactReader

    reader = FactReader.from_facts(load_package(DEFAULT_CORPUS_DIR / "wuhan-industrial-internet-fund-measures").facts)
    rendered = reader.english.render("Our fees were four million nine hundred and ninety-nine thousand nine hundred and "
                                     "ninety-five yuan in 2024, and 1,234,500,000 yuan in total.")
    assert rendered is not None
    assert "4999995元" in rendered and "123450万元" in rendered
