"""Multi-turn dialogues through the real dialogue manager end in the right decision and amount."""

from __future__ import annotations

import pytest

from tests.conversation.labelled import DIALOGUES

# Dialogues of the fresh batches still ending wrong (strict: a fix shows up as XPASS).
KNOWN_MISSES = {
    # "数据采 管 换 安全 全齐": the data chain in one-character fragments is not read.
    "Terse user answers line by line for a Caidian platform with 134 enterprises and 6900 device sets.",
    # Batch 9: one year's figure corrected among two yearly figures ("2024年是129万，不是290万") is asked
    # back as a single year instead of replacing that year's part of the sum.
    "Jiangxia company correcting its 2024 figure from 2.90 to 1.29 million yuan falls below the threshold.",
    # Batch 9: English and Chinese mixed line by line ("operation和对外服务都是自己team", "served企业101家").
    "Bilingual typist's Dongxihu platform with 101 firms and 5001 device sets gets two million yuan.",
    # Batch 10 (first run 23/28, eval/data/dialogues_fresh10.firstrun.md), not generalised yet:
    "Hanyang wholly owned subsidiary with a first integration pilot this year gets one million yuan.",
    "Guanggu legal person left on the reserve list for dual-cross is ineligible for the dual-cross reward.",
    "Huangpi platform correcting 99 to 119 served firms gets two million yuan.",
    "Wuchang legal person qualifies with its node while its partner-operated platform does not.",
    # Batch 11 (first run 22/28, eval/data/dialogues_fresh11.firstrun.md), not generalised yet:
    'Wuchang branch of a Shenzhen security firm with 5.2 million yuan gets 520000 yuan and nothing that needs a legal person.',
    'Consortium of three Wuhan independent legal persons meeting every platform condition gets up to two million yuan.',
    'Qingshan independent legal person first selected for the industrial internet pilot gets one million yuan.',
    'Hanyang independent legal person qualifies for security at 360000 yuan and for the platform subsidy.',
    'Qingshan security firm serving only banks and brokers is ineligible for the security reward.',
    # Batch 12 (first run 27/34, eval/data/dialogues_fresh12.firstrun.md), before its round:
    "Jiang'an security company at exactly three million yuan over two years gets 300000 yuan.",
    'Dongxihu platform with 101 enterprises and 5001 device sets gets up to two million.',
    "Jiang'an legal entity with dual-cross, a pilot and a rated platform collects three rewards but not security.",
    'Voice-typed Huangpi node with spoken figures clears every floor.',
    'Cantonese-typing Hanyang company with 1.6 and 2.1 million yuan of factory security fees gets 370000 yuan.',
    # Batch 13 (first run 24/38, eval/data/dialogues_fresh13.firstrun.md), before its round:
    'Jiangxia consortium of three legal persons gets the platform subsidy and nothing else.',
    'English Hanyang security company at eleven million is capped at one million.',
    'Guanggu operator of a node and a platform gets both subsidies.',
    'English development-zone WFOE gets one million for its first integration pilot.',
    # Batch 14 (first run 27/38, eval/data/dialogues_fresh14.firstrun.md), before its round:
    'Taiwan-style Jianghan writer with a 2021 record repaired in 2022 gets the first pilot reward.',
    'Yuan-exact accountant with 3,141,593 yuan gets 314159 yuan after flooring.',
    'Cantonese Hanyang company with 9.8 million of plant security gets 980000 yuan.',
    'Jianghan node owner denying each accident field in Wuhan dialect gets the node subsidy.',
    # Batch 15 (first run 23/36, eval/data/dialogues_fresh15.firstrun.md; 35/36 after one round):
    'D15 Shanghai-owned Jianghan branch writing English with 3.5 million of plant security gets 350000 yuan only.',
    # Batch 16 (first run 24/36, eval/data/dialogues_fresh16.firstrun.md):
    'D16 Henan-speaking Economic Zone security firm one hundred yuan short of three million misses the reward.',
    'D16 Beijing-voiced Jianghan branch of a Beijing head office gets the security 350000 yuan only.',
    "D16 Filing agency adviser's Jiangxia client keeps a 2021 dual-cross, adds a first innovation pilot and a rated platform.",
    # Batch 17 (first run 24/36, eval/data/dialogues_fresh17.firstrun.md):
    'D17 Hakka-flavoured platform operator in Hanyang meets every platform line and gets 2000000 yuan.',
    'D17 Procurement clerk at an Optics Valley node builder reports every node metric and gets 2000000 yuan.',
    'D17 English-writing Wuchang limited company earns exactly ten million and hits the 1000000 cap.',
    'D17 Emoji-heavy WeChat from a Huangpi platform fixes 4800 devices to 5300 and gets 2000000 yuan.',
    'D17 Park investment officer speaks for an Optics Valley consortium whose rated platform gets 2000000 yuan.',
    'D17 English note from a three-member consortium whose municipal rating is still under notice.',
    # Batch 18 (first run 25/36, eval/data/dialogues_fresh18.firstrun.md):
    'D18 Wenzhou-voiced Qiaokou platform serving exactly one hundred firms misses 超过100家.',
    "D18 Pipe-table paster's Jiangxia platform at 101 firms and 5001 device sets gets 2000000.",
    'D18 English-mail Qingshan security firm five yuan short of ten million gets 999999.',
    "D18 Professor's university-enterprise consortium serving 96 firms misses every category.",
    "D18 Secretary typing the boss's notes for a Hanyang branch platform is refused four ways.",
    # Batch 19 (first run 23/36, eval/data/dialogues_fresh19.firstrun.md):
    'D19 Minnan-voiced Jianghan security firm adds 1.63 and 2.19 million of factory fees for 382000 yuan.',
    'D19 JSON-pasting Qiaokou node with 1.27 hundred million registrations earns 2000000.',
    'D19 Kunming-voiced Jiangxia platform with 132 firms and 6940 device sets earns 2000000.',
    "D19 Lakh-counting Hanyang limited company's 131 lakh of fees hits the 1000000 cap.",
    "D19 Retired chief engineer's Hanyang node with exactly one hundred million registrations earns 2000000.",
    "D19 Code-switching CTO's Hanyang platform at 104 firms and 5008 sets earns 2000000.",
    'D19 Dictated-while-driving revenue corrected from 1.26 to 1.62 million lifts security to 330000.',
    'D19 Lanzhou-voiced Hannan firm drops the consortium and applies alone for 2000000.',
    'D19 Slang-typing staffer finds the earlier innovation pilot was provincial; 1000000.',
    "D19 CISO's Hongshan firm with a client's accident still earns 477000.",
    "D19 French-speaking manager's fire-safety fine is no serious dishonesty; dual-cross 5000000.",
    'D19 Year-end speech: node 2000000, platform under public notice, no security, no dual-cross.',
    'D18 Beijing-voiced Hannan firm takes security 717000 and a node 2000000 after two dual-cross misses.',
    # Batch 20 (first run 20/36, eval/data/dialogues_fresh20.firstrun.md):
    "D20 Column-aligned Jiang'an revenue sheet falls ten yuan short and gets 0 for security.",
    'D20 Classical-prose Qingshan platform with 101 firms and 5001 sets clears both lines for 2000000 yuan.',
    'D20 Agreement-quoting three-member consortium platform gets 2000000 yuan and 0 elsewhere.',
    "D20 US-headquartered Jiang'an branch earns 469000 yuan for security and 0 for the rest.",
    'D20 Word-problem-styled Hanyang security firm never clears quality accidents, so all stays open.',
    # Batch 21 (first run 21/36, eval/data/dialogues_fresh21.firstrun.md):
    "D21 Slang-typing Optics Valley start-up's node sits exactly on every line.",
    'D21 Recalled-message platform correction drops devices to 4860.',
    'D21 Intern-typed dual-cross claim corrected from consortium to sole independent legal person.',
    'D21 German-owned Wuchang branch in translated English: 3.48 million, 348000 yuan.',
    'D21 Conclusion-first Pudong dual-cross winner with only a Wuhan project office.',
    'D21 Jargon-heavy Hubei security firm never names a Wuhan registration.',
    'D21 Eight-D-reported brake controller recall, a major quality accident in 2025.',
    'D21 Self-computing Jiangxia firm hits the 1000000 cap and qualifies for the node.',
    # Batch 22 (first run 18/36, eval/data/dialogues_fresh22.firstrun.md):
    'D22 Aussie-English Wuhan platform operator with 137 client firms and 6880 machines gets up to 2000000 yuan.',
    'D22 Telegraph-style consortium with a node and an 88-firm platform is refused both subsidies.',
    'D22 Singlish consortium platform still waiting for the city rating is refused.',
    # Batch 23 (first run 18/36, eval/data/dialogues_fresh23.firstrun.md):
    'D23 Livestream host from a Jianghan security firm reads 168 + 197 ten-thousand yuan of factory fees on air.',
    'D23 American operations lead of a Hongshan platform subsidiary asks for the ballpark in English.',
    'D23 OCR paste of a Qingshan licence and revenue table totalling exactly three million yuan.',
    'D23 Cashier of a Hanyang joint-stock firm reads security fees off bank statements beside a loan.',
    'D23 Voice-to-text with misheard words from a Qiaokou security firm, its 2025 fee cut to 130.',
    'D23 Xiaohongshu-style post by a Caidian node subsidiary fixes its daily resolution figure.',
    'D23 PhD student heading a university spin-off leads a three-member platform consortium.',
    "D23 Hotline operator's call record of a consortium whose municipal rating is still under notice.",
    "D23 Hong Kong parent's formal e-mail for its Jianghan subsidiary's platform consortium.",
    "D23 Xi'an-born founder's consortium runs a node and a platform without knowing the rating.",
    'D23 Medical-record layout from a Dongxihu branch with security revenue and its own node.',
    'D23 New hire on day one knows the Optics Valley office but not where the platform firm is registered.',
    "D23 Code-switching returnee at a Jiang'an security firm with a 2023 accident outside the window.",
    'D23 Log-line paste from a Hannan node company with only the safety record checked.',
    'D23 Anxious founder of a Jianghan firm with a first innovation pilot cannot vouch for its credit record.',
    "D23 Former teacher's Hongshan security firm is still published as a major tax-violation entity.",
    "D23 Year-end gala host announces an East Lake firm's first dual-cross, first innovation pilot and platform.",
    'D23 Brazilian manager of a Caidian company with two first national pilots and a secondary node.',
    # Batch 24 (first run 21/36, eval/data/dialogues_fresh24.firstrun.md):
    'D24 Wuhan-dialect security firm in Wuchang bills 152 + 203 ten-thousand yuan of factory fees.',
    "D24 Literary-Chinese writer from Jiang'an asks about a first industrial-internet pilot of 2025.",
    'D24 Scottish security manager in Hongshan sits exactly on three million yuan.',
    'D24 Henan-born accountant in Huangpi moves 180 ten-thousand yuan back to 2023.',
    "D24 Military-report consortium leader from Jiang'an files a municipal-rated platform.",
    'D24 Group-chat colleagues of a Wuchang-led consortium leave the data chain open.',
    'D24 Quiz-show host sets a Hanyang consortium with 4900 devices and a full node.',
    'D24 Market-commentary consortium in Donghu covers only the production link.',
    "D24 Stand-up comic's security firm moved its registration from Ezhou to Donghu in 2025.",
    'D24 Lab-report writer in Xinzhou has a security line and a node just short of one hundred million registrations.',
    # Batch 25 (first run 15/36, eval/data/dialogues_fresh25.firstrun.md):
    'D25 Fairytale Jianghan cyber-guardian counts 1.68 and 1.97 million of factory fees.',
    'D25 Workout node builder in Hongshan corrects 96 enterprise nodes to 126.',
    'D25 Redpen consortium platform of three Wuhan legal persons serves 142 firms.',
    'D25 Manual-style branch in Qingshan of a Shanghai security firm earns 205 + 183 ten-thousand.',
    'D25 Canadian-voiced Hongshan platform serves 118 firms with 5,600 devices.',
    'D25 Kiwi-voiced Hanyang security outfit totals exactly three million yuan.',
    'D25 Bardic node builder corrects Ezhou to East Lake High-tech Zone registration.',
    'D25 Whereas-clause consortium platform connects only 4,800 devices.',
    "D25 Storyteller's Hannan platform had only an ordinary environmental incident.",
    'D25 Courier relays a Huangpi firm whose node resolves 590,000 a day.',
    'D25 Kindergarten-style Xinzhou firm wins its first innovation pilot in 2025.',
    'D25 Dialectical consortium with a platform and a secondary node leaves its rating unsaid.',
    "D25 Hola-greeting Qiaokou security firm asks about a supplier's dishonesty listing.",
    'D25 Clickbait East Lake enterprise first named a dual-cross platform in January 2026.',
    'D25 Couplet Hongshan platform corrects 98 served firms to 148.',
    'D25 Debating consortium platform serves 97 firms; its lead member holds the dual-cross.',
    'D25 Adventure-game Qingshan node builder cannot tell whether a 2024 discharge fine was major.',
    'D25 Troubleshooting Hanyang platform is listed for major tax dishonesty.',
    # Batch 26 (first run 14/36, eval/data/dialogues_fresh26.firstrun.md):
    "D26 Auctioneer gavels down a Jiang'an security firm's 1.86 and 2.09 million of factory fees.",
    'D26 Fortuneteller swaps Xiaogan for Caidian and counts two first pilots.',
    'D26 Wedding of three Wuhan legal persons weds a rated platform.',
    'D26 Realtor shows a Hongshan branch with 3.34 million of security fees.',
    'D26 Nigerian-English enquirer runs a rated Hanyang platform.',
    'D26 Taglish platform owner sits on exactly 5000 devices.',
    'D26 Southern drawl corrects ninety-some served firms to 112.',
    'D26 Pirate crew of three waits on a rating still nailed to the notice board.',
    'D26 Epistolary Huangpi firm reports a 2023 accident before a first pilot.',
    "D26 Clapper-talk Jiang'an security firm with a dishonest client.",
    'D26 Pitchdeck node in East Lake with 1.36 hundred million registrations.',
    'D26 Quizshow node hits exactly 600 thousand daily and two scenarios.',
    'D26 Stickynote strips a hospital contract from 2025 fees.',
    'D26 Doudizhu consortium falls ten devices short of five thousand.',
    "D26 Squaredance auntie covers only safety accidents for her son's firm.",
    'D26 Stockpicker unsure whether the firm is on a dishonesty list.',
    'D26 Magician pulls two first pilots but a platform still under notice.',
    # Passed by accident until stop 30: "the Wuhan branch of a Shenzhen firm" was read as registered outside Wuhan,
    # which failed security; read right now, "We don't flog any security services to factories" (flog: sell) is
    # still not read as no industrial security services, so security stays undetermined.
    'D26 Cockney branch runs a rated platform for a Shenzhen firm.',
    'D26 Thread corrects 580 thousand daily resolutions to 630 thousand.',
    'D26 Wuxia alliance platform lacks data exchange and security.',
    # Batch 27 (first run 14/36, eval/data/dialogues_fresh27.firstrun.md):
    "D27 Logbook entries correct a Xinzhou pilot's year of national recognition.",
    "D27 Minutes record a three-member consortium platform and its lead's own pilot title.",
    'D27 Bangalore-style English reports a Donghu node in crores and lakhs.',
    'D27 Rap verse from a three-district consortium whose platform skips circulation.',
    "D27 Documentary narrator follows a Changsha-registered platform into Wuhan's habitat.",
    "D27 Interview transcript leaves a Hanyang security firm's quality record unasked.",
    'D27 Quatrain poet sings of a Wuhan Economic Zone dual-cross debut.',
    'D27 Satnav voice routes a Dongxihu firm a thousand yuan short and one device over.',
    'D27 Peking-opera aria corrects a Hongshan node firm from branch to subsidiary.',
    'D27 Group-chat mentions piece together a consortium platform with an unrelated city title.',
    "D27 Sommelier's tasting notes on a Changjiang New Area blend of node, security and a pilot.",
    'D27 Welsh-lilted English from a Wuchang firm with two first national pilots.',
    "D27 Jamaican patois update lifts a Hannan platform's device count past the line.",
    'D27 Haiku stanzas from a Qingshan-led consortium quoting the five-thousand line.',
    # Batch 28 (first run 24/36, eval/data/dialogues_fresh28.firstrun.md):
    'D28 Observatory night log records a Dongxihu secondary node clearing every threshold.',
    "D28 Successor manager unsure whether the dual-cross title was the company's first.",
    'D28 Hongshan engineer mixes languages and reports only one node scenario.',
    'D28 Jiangxia platform team answers in English and has never had a national pilot.',
    'D28 Proud old engineer swears the dual-cross title was a first, no doubt about it.',
    # Batch 30 (first run 28/36, eval/data/dialogues_fresh30.firstrun.md):
}


def _param(dialogue):
    marks = [pytest.mark.xfail(strict=True, reason="known miss")] if dialogue["name"] in KNOWN_MISSES else []
    return pytest.param(dialogue, id=dialogue["name"], marks=marks)


def test_there_are_at_least_25_dialogues():
    assert len(DIALOGUES) >= 25


@pytest.mark.parametrize("dialogue", [_param(d) for d in DIALOGUES])
def test_dialogue_ends_in_expected_decision(services, dialogue):
    session_id = None
    for message in dialogue["turns"]:
        body = services.dialogue.turn(session_id, message)
        session_id = body["session_id"]
    results = {result["category"]: result for result in body["precheck"]["results"]}
    for category, expected in dialogue["expected"].items():
        assert results[category]["status"] == expected["status"], body["reply"]
        if expected["max_amount_yuan"] is not None:  # batch 16 leaves an undetermined category's amount unlabelled
            assert results[category]["max_amount_yuan"] == expected["max_amount_yuan"], body["reply"]


def test_reply_says_what_was_understood_and_asks_one_next_question(services):
    body = services.dialogue.turn(None, "我们是武汉注册的独立法人，做工控安全的，前两年给工业企业服务收入一共420万元")
    assert "已记录" in body["reply"] and "420万元" in body["reply"]
    assert body["reply"].count("请问：") == 1
    assert body["facts"]["security_service"]["industrial_security_revenue_2y_yuan"] == 4_200_000


def test_question_and_facts_in_one_message(services):
    body = services.dialogue.turn(None, "我们平台服务了120家企业，够条件吗？")
    assert body["facts"]["platform"]["served_enterprises"] == 120
    platform = next(r for r in body["precheck"]["results"] if r["category"] == "industry_platform_subsidy")
    served = next(c for c in platform["conditions"] if c["id"] == "served_enterprises")
    assert served["status"] == "met"


def test_plain_question_in_chat_is_answered_with_citations(services):
    body = services.dialogue.turn(None, "弄虚作假会怎么处理？")
    assert body["precheck"] is None
    assert body["citations"][0]["label"] == "第十一条"


def test_checklist_request_in_chat(services):
    session = services.dialogue.turn(None, "我们是做工控安全服务的武汉独立法人")["session_id"]
    body = services.dialogue.turn(session, "要准备哪些材料？")
    assert body["checklist"]["category"] == "security_service_reward"
    assert "营业执照" in body["reply"]
