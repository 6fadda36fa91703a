"""Chinese-in-general readings added with batch 9: A-not-A questions, 还是 continuing a question, month
ranges, English words for "none", and homophone corrections that never cut a common word."""

from __future__ import annotations

from assistant.language.normalise import normalise_message
from assistant.language.numerals import find_numbers
from assistant.language.pinyin import TermCorrector
from assistant.language.segments import split_segments


def test_a_not_a_forms_make_a_segment_a_question() -> None:
    for text in ("双跨那500万奖励要不要交税", "这样算不算首次", "是不是够了"):
        assert split_segments(text)[0].is_interrogative, text


def test_a_segment_opening_with_haishi_after_a_question_is_the_question_s_other_choice() -> None:
    first, second = split_segments("设备连接数5000台行不行，还是得5001台")
    assert first.is_interrogative and second.is_interrogative
    # After a statement, 还是 is "still": the segment states something.
    assert not split_segments("我们去年是分公司，现在还是分公司")[1].is_interrogative


def test_a_month_range_is_not_a_figure() -> None:
    assert [m.integer for m in find_numbers("新增注册量：今年1到9月是9000万")] == [90_000_000]


def test_english_words_for_none_are_read_as_chinese() -> None:
    assert normalise_message("两年内重大事故zero") == "两年内重大事故无"
    assert normalise_message("Zero Trust平台") == "Zero Trust平台".replace("Zero", "无")  # a whole word only
    assert normalise_message("zeros") == "zeros"


def test_message_corrections_never_cut_a_common_word() -> None:
    corrector = TermCorrector(["分公司", "独立法人", "事故"], keep_words_whole=True)
    assert corrector.correct("我们是分工司") == "我们是分公司"
    assert corrector.correct("我们是独力法人") == "我们是独立法人"
    assert corrector.correct("股份公司，江岸区的") == "股份公司，江岸区的"


def test_digits_typed_on_phones_and_read_by_scanners_are_digits() -> None:
    assert normalise_message("服务企业 1️⃣3️⃣4️⃣ 家") == "服务企业 134 家"
    assert normalise_message("设备连接数：6O8O台") == "设备连接数：6080台"
    assert normalise_message("新增企业节点：l23个") == "新增企业节点：123个"
    assert normalise_message("签约企业幺零七家") == "签约企业一零七家"
    # Letters that are not inside a figure stay letters: identifiers, English words, 幺 alone.
    for untouched in ("通过ISO27001认证", "5G全连接工厂", "I have 2 nodes", "Boo1", "幺妹"):
        assert normalise_message(untouched) == untouched


def test_a_crossed_box_denies_and_a_ticked_one_states() -> None:
    assert normalise_message("独立法人✔ 联合体✘") == "独立法人：有，联合体：无，"


def test_bullets_emoji_and_zero_fields_read_as_a_form() -> None:
    assert normalise_message("重大事故：0；严重失信 无 ▶ 诉求") == "重大事故：无；严重失信，无；诉求"
    assert normalise_message("打错了😂 设备是5300台套") == "打错了，设备是5300台套"
    assert normalise_message("重大事故一回也木有") == "重大事故一回也没有"


def test_the_scene_ends_after_a_colon_label_or_a_self_introduction() -> None:
    from assistant.language.segments import scene_end

    text = "审计助理要核对：补助怎么拨付？"
    assert text[scene_end(text) :] == "补助怎么拨付？"
    text = "我是园区招商的，企业问能补多少？"
    assert text[scene_end(text) :] == "企业问能补多少？"
    assert scene_end("申报材料有哪些：要原件吗？") == 0  # a label that asks is the question
    assert scene_end("我们是独立法人") == 0  # nothing would be left


def test_old_one_character_tens_and_a_scale_after_a_scale_are_read() -> None:
    assert [m.integer for m in find_numbers(normalise_message("服务企业一百卅一家"))] == [131]
    assert [m.integer for m in find_numbers(normalise_message("廿五个节点"))] == [25]
    # 一万二千万 is twelve thousand ten-thousands: the scale tail is the shortest one that leaves a number.
    assert [m.integer for m in find_numbers(normalise_message("新增一万二千万条"))] == [120_000_000]
    assert [m.integer for m in find_numbers(normalise_message("一点五亿"))] == [150_000_000]
