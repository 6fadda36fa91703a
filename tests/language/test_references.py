"""Article numbers a question names, in Chinese, Traditional and English, without another law's."""

from __future__ import annotations

import pytest

from assistant.language.references import LAST_ARTICLE, article_numbers

TITLE = "武汉市工业互联网发展专项资金管理办法（征求意见稿）"


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("这个办法第一条说，制订它是为了什么？", (1,)),
        ("第十五條講的終止期", (15,)),
        ("本办法第５条的奖励", (5,)),
        ("Article 2 lists the uses of the fund", (2,)),
        ("as Art. 11 puts it", (11,)),
        ("what does article two say", (2,)),
        ("第五条第（一）项第3目和第七条", (5, 7)),
        ("《武汉市工业互联网发展专项资金管理办法》第三条", (3,)),
        ("第二十条的原文", (20,)),
    ],
)
def test_named_articles_are_found(text, numbers):
    assert article_numbers(text, TITLE) == numbers


@pytest.mark.parametrize(
    "text",
    [
        "《网络安全法》第二十一条怎么说",  # another law's article
        "我们第二条生产线刚投产",  # 条 as a measure word
        "第二次申报",
        "the articles of association",
    ],
)
def test_no_article_of_this_regulation_is_named(text):
    assert article_numbers(text, TITLE) == ()


@pytest.mark.parametrize("text", ["办法最后一条说了什么", "Under its final article, when does it end?"])
def test_the_last_article_is_named_by_position(text):
    assert article_numbers(text, TITLE) == (LAST_ARTICLE,)


@pytest.mark.parametrize("text", ["这个办法开篇说依据了哪两份文件？", "开头就说了制定目的", "What does the opening article rely on?"])
def test_the_first_article_is_named_by_position(text):
    assert article_numbers(text, TITLE) == (1,)
