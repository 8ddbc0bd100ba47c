"""The pipeline on the real-news corpus (tests/fixtures/realnews), target by target.

One ingest per module: the fixture loads every case file and ingests the whole corpus inside a
transaction, scores it, prints the table and the misses (`-s` shows them), and rolls back. Each
target has a floor (today's figure: a ratchet, raise it when you improve the target) and the
goal of issue 14 beside it. Rates where lower is better (noise, furniture left, lines lost,
titles wrong, decoys filed) have a ceiling instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from django.db import transaction

from tests.linking.realnews import REALNEWS, corpus_ingest, corpus_read, gold_problems
from tests.linking.realnews_score import Scores, corpus_score, folder_scores
from tracker.linking.matcher import matcher_invalidate

# pytest-django sets the test database up only for a session holding a django_db test; the
# module fixture below writes to it before any test's own transaction starts.
pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Target:
    today: float  # the floor (or the ceiling, when lower is better) the code must keep
    goal: float | None  # issue 14's done-when figure (None: the issue sets none)
    lower_is_better: bool = False


# figure -> floor/ceiling today and the goal. Raise a floor (lower a ceiling) when a
# change improves a figure; a goal met becomes the floor.
TARGETS: dict[str, Target] = {
    # bartz-v-anthropic (12 articles) and decoys 23-24, added untuned, lowered the floors of
    # events, issues.precision, positions, stories, cases.precision, decoys filed (decoys/18,
    # Claude trained on users' chats, is filed under it) and titles wrong (a section menu
    # under a masthead, three Sterling Business Journal pages)
    # disney-v-midjourney (12 articles) and decoys 25-27, added untuned (labelled before any
    # run), lowered claims.recall, issues.recall, events.precision, positions (stances of "the
    # studios" and "the complaint") and stories.recall
    # reddit-v-perplexity (13 articles) and decoys 28-30, held out until the end of the
    # session's tuning and added untuned, lowered claims, issues, events, positions (0.188/0.070
    # on the folder), cases.precision and decoys filed (decoys/30, Amazon's suit against
    # Perplexity, is filed under it; the guide reddit-v-perplexity/13 under both Reddit cases)
    # and titles wrong (an "Opinion | <headline>" line is passed over as a label and the first
    # sentence taken: reddit-v-perplexity/06)
    # kadrey-v-meta (13 articles) and decoys 31-33, labelled before any run and added untuned,
    # lowered claims, positions (0.286/0.105 on the folder), stories.recall (the three reports
    # of Meta's BitTorrent filing stay apart), suggested noise (another case's Monday ruling, a
    # December statement told in passing), furniture left ("Lantern Wire Standards: ...", an
    # opinion page's author line) and titles wrong ("Opinion | <headline>" again: 09)
    # concord-v-anthropic (14 articles) and decoys 60-62, held out until the end of the
    # session's tuning and added untuned (labelled before any run), lowered the floors below
    # to main's figures with them (positions 0.500/0.195 on the folder; a newsletter digest
    # joins the news of the suit it leads with; concord-v-anthropic/11 and /12, leaning on
    # Bartz v. Anthropic, filed under that case; decoys/60, Universal Music Group's settlement
    # with Udio, filed under concord-v-anthropic; a newsletter's subscription footer left)
    # xai-v-openai (14 articles: xAI's trade secrets suit against OpenAI) and decoys 63-65,
    # held out until the end of the session's tuning and added untuned (labelled before any
    # run), lowered the floors below to main's figures with them (SQLite and PostgreSQL alike):
    # claims (OpenAI's "harassment" read as Musk v. OpenAI's counterclaim), issues (0.696/0.421
    # on the folder), events, positions (0.077/0.025 on the folder: OpenAI calling the suit
    # harassment read as opposing the question whether it is; the judge's finding given to
    # xAI), stories.recall, cases (three articles that recall Musk v.
    # OpenAI filed under it or under nyt-v-openai instead), suggested noise and furniture left
    # (a wire's "Editorial Standards" line, newsletter and alert footers, a digest's "In this
    # issue")
    # decoys/40-44 (a party of a case in another dispute with another opponent: Meta v. FTC,
    # Disney's letter to Google, Musk's Tesla pay ruling, Anthropic suing the Pentagon, the
    # Times suing Perplexity) and getty-v-stability/19 (an explainer naming other suits as
    # background), labelled before any run and added untuned, lowered the floors below to
    # main's figures with them: cases.precision 0.967 -> 0.952 and decoys filed 1 -> 4
    # (decoys/40 under kadrey-v-meta, 42 under musk-v-openai, 43 under reddit-v-anthropic),
    # issues, events.precision, positions.precision 0.823 -> 0.815 (decoys/41 and 44 give
    # Google and Reddit stances), suggested noise 4/30 -> 7/33 (the
    # decoys' own news suggested for the case they were filed under) and furniture left 1/1177
    # -> 4/1210 (a digest's tagline, a law site's "More explainers" and the link under it)
    # dow-jones-v-perplexity (14 articles: Dow Jones and the New York Post against Perplexity)
    # and decoys 66-68, held out until the end of the session's tuning and added untuned
    # (labelled before any run), lowered the floors below to main's figures with them (SQLite
    # and PostgreSQL alike): claims (the copyright claim told as "copyright case" or "copyright
    # suit"), issues (0.931/0.711 on the folder), events.recall, positions (0.571/0.129 on the
    # folder: the publishers' stances told with "say" or "argue" inside the sentence, the
    # defendant's motion or website post, "its core defense"), cases.recall (an opinion page
    # filed nowhere), suggested noise (the defendant's website reply) and furniture left (a
    # court reporter's tip line, an opinion writer's note, a digest's "In this issue")
    # andersen-v-stability (14 articles: illustrators against Stability AI, Midjourney, DeviantArt
    # and Runway AI) and decoys 69-71, held out until the end of the session's tuning and added
    # untuned (labelled before any run), lowered the floors below to main c68934e's figures with
    # them (SQLite and PostgreSQL alike): claims, issues, events, positions (0.326/0.190 on the
    # folder: the artists' stances told by "the artists", "their complaint" or a lawyer, or in
    # their own words; the companies' motions), stories.recall, cases (a motions report naming
    # no judge filed under disney-v-midjourney, three disney-v-midjourney reports recalling the
    # artists' suit filed under it too) and suggested noise
    "parties.precision": Target(today=1.0, goal=0.9),
    # x-corp-v-bright-data: "Musk's X" alone is not found
    # a paper's short form ("the Post") in an article filed under its case: 0.996 -> 0.998
    "parties.recall": Target(today=0.997, goal=0.9),
    # several cases between the same parties: the one whose own title, claim, event, judge or
    # suit the article tells first (routing.routes_foremost), not the other it recalls as
    # background, so the other's claims stay out: 0.937 -> 0.952
    "claims.precision": Target(today=0.941, goal=0.9),
    # a claim told by other forms of its keywords' words (claimphrases.py): "contributed to
    # infringement", "its main copyright allegations"; a count or a name between them ("copied
    # 2,243 Westlaw headnotes"): 0.904 -> 0.910
    # a claim told by its legal kind's everyday words (claimphrases.KINDS: "accused it of
    # copying ... without permission", "violated its terms of use", "overloaded its servers"):
    # 0.899 -> 0.965 (precision 0.962 -> 0.960)
    # several cases between the same parties (routing.routes_foremost): 0.934 -> 0.945
    # an opinion page on the case (routing._quarrel): 0.927 -> 0.931
    "claims.recall": Target(today=0.915, goal=0.9),
    # a keyword naming whom the question is about ("competitors") counts where its sentence
    # asks the question, not "licensed to a competitor" (analysis._asks): 0.963 -> 0.973
    # a keyword two issues of a case share ("license": must an answer engine license posts,
    # may a licensee sue) counts where its sentence uses two of the issue's own words
    # (issuewords.keyword_shared): 0.948 -> 0.957
    # several cases between the same parties (routing.routes_foremost) reads xai-v-openai/01,
    # /09 and /14 as xAI's suit, whose issues they touch beyond their labels (Musk's case
    # recalled as "accusing him of harassment", "the keys to Grok's source code", "keep
    # recruiting each other's researchers"): 365 right, 29 wrong -> 368 right, 30 wrong,
    # 0.926 -> 0.925, recall 0.865 -> 0.872: lowered
    "issues.precision": Target(today=0.906, goal=None),
    # headlines are read for claims and issues too ("...Over Data Scraping"), quotes in the title
    # a past-tense keyword's other forms ("pirated": "pirate library", "pirating"): 0.900 -> 0.913
    # a photo caption is furniture and leaves the text: getty-v-stability/02 named "AI training"
    # only in its caption (its body says "training AI on copyrighted material"): 0.894 -> 0.890
    # an issue's keyword in another order or form (issuewords.issues_told: "training AI" for
    # "AI training", "privacy of users" for "user privacy"): 0.890 -> 0.920 (precision 0.975 ->
    # 0.968)
    # reddit-v-perplexity/13 loses answer-engine-licensing, whose one keyword was in a
    # related-guide headline left in its text ("How AI companies license data"): 0.912 -> 0.909
    # several cases between the same parties (routing.routes_foremost): 0.865 -> 0.872
    # an opinion page on the case (routing._quarrel): 0.859 -> 0.863
    "issues.recall": Target(today=0.85, goal=None),
    # a keyword naming a year ("2023 ruling") is that year's ruling, not any
    # a motion, a dropped suit or an approved settlement is not the suit or the certification
    # (the act a title's verb says); another party's filing is not the event; someone's word
    # with a one-word keyword in passing reports nothing: 0.975 -> 0.985
    # of two events an undated sentence tells alike, the article's news (an event of the days
    # before it) is the one it reports: 0.971 -> 0.975 (kadrey-v-meta 0.882 -> 0.938)
    # no event of a case the article names only in passing (routing.routes_covering):
    # 0.963 -> 0.975 (231 of 237) with decoys/34-39
    # several cases between the same parties (routing.routes_foremost): 0.922 -> 0.936
    # a refiling is an act of its own, its actor read from its title: 0.936 -> 0.939
    "events.precision": Target(today=0.919, goal=0.9),
    # a filing told in the passive ("the lawsuit was brought last August"): 0.869 -> 0.874
    # "a judge ruled in June" on an undated page refers to the case's judge: 0.874 -> 0.879
    # outlets' wording (a new lawsuit, agreed to pay, went out of business), the subject of an
    # opening clause, a date bounding a period: 0.882 -> 0.895
    # a sentence reports the act its title tells after a verb that says none ("files an amended
    # complaint") besides another party's motion; a suit told by its noun as news or by its
    # date ("Reddit's new lawsuit", "its October lawsuit"): 0.884 -> 0.895 (185 articles)
    # several cases between the same parties (routing.routes_foremost): 0.869 -> 0.882
    "events.recall": Target(today=0.864, goal=0.8),
    # thomson-reuters-v-ross, measured before any tuning for it: 0.55 / 0.25
    # a cue speaks to the issue named nearest it; an allegation told as a noun ("Musk's
    # allegations that"); a participle whose subject opens a clause ("after Musk sued OpenAI,")
    # "nothing about that use is transformative"; a rival's motive ("about market share, not
    # copyright") is a rebuttal, settled by one position of the party's own
    # an issue's keyword told in another form of its words ("crawling" for "crawler")
    # "protected by copyright" answers a question of protection ("original enough to be
    # protected?"), it fears nothing
    # "the complaint says" speaks for the party said to have sued
    # a condition ("If the studios objected ...") says nothing; a name modifying a noun ("the
    # Disney and Universal suit") is no antecedent of "it": 0.853 -> 0.873
    # an issue asking whether a wrong was done ("were they circumvented?", "bypassed",
    # "evaded", "breached", "misappropriated") is answered "yes" by condemning it:
    # 0.811 -> 0.846 (reddit-v-perplexity 0.125 -> 0.562)
    # decoys/34 (a launch recalling that the studios "say its image generator copies their
    # characters") gives the studios a position in an article about no case: 0.799 -> 0.792
    # a question whether piracy was done ("Did X download pirated books?") or whether the
    # practice should be stopped ("Should X be barred from training ...?") is answered "yes" by
    # condemning it; one of permission ("Could X download pirated books ...?") is not turned:
    # 0.769 -> 0.795 (concord-v-anthropic 0.526 -> 0.732)
    # a sentence closed by a person or a court in their own name (", Lee wrote.", ", the judge
    # found.") is their account, not the party's it tells: 0.795 -> 0.807 (concord-v-anthropic
    # 0.732 -> 0.821)
    # a principal of two suits (Reddit) speaks, in a report on one, to that suit's issues, not
    # to the other's in its words: 0.807 -> 0.821 (reddit-v-anthropic 0.905 -> 0.974,
    # reddit-v-perplexity 0.731 -> 0.760, concord-v-anthropic 0.821 -> 0.842)
    # "He" opening a sentence after "Judge Vince Chhabria found that the authors, among them
    # Sarah Silverman, ..." is the titled subject, not the person in its aside: 0.821 -> 0.829
    # (kadrey-v-meta 0.615 -> 0.667)
    # a question whether a party did what it is accused of ("Did X obtain Y's trade secrets?")
    # and whether a suit is harassment are answered "yes" by condemning; harassment is a wrong:
    # 0.791 -> 0.812 (xai-v-openai 0.077 -> 0.571)
    # "its complaint" after "it sued" is the suer's; a pronoun after an opening phrase ("In
    # asking for dismissal, its lawyers wrote") stands for the subject before; the wrongs of a
    # suit accusing the speaker ("dismiss X's lawsuit accusing it of ...") are the suit's:
    # 0.812 -> 0.814
    # "she wrote" closing a sentence that opens with no party goes on with the subject of the
    # sentence before ("Lin found that ... Li gave ... . Asking ... is routine, she wrote.":
    # the judge, not Li); a name opening the quotation that "the company" closes is not the
    # company: 0.814 -> 0.817 (xai-v-openai 0.615 -> 0.667)
    # an accusation in the passive ("Li ... is accused of uploading", "a new hire is accused
    # of walking out with code") is no one's: 0.817 -> 0.822 (xai-v-openai 0.667 -> 0.800)
    # asking a court to stop the practice ("sought the injunction", "asked for the injunction")
    # condemns it: 0.811 -> 0.812 (concord-v-anthropic 0.833 -> 0.844)
    # several cases between the same parties (routing.routes_foremost) files xai-v-openai/01,
    # /09 and /14 under their own case, whose issues the positions reader then over-reads in
    # them (xAI's complaint "says OpenAI went after the people who had the keys to Grok's
    # source code"): 247 right, 57 wrong -> 249 right, 59 wrong, 0.812 -> 0.808, recall
    # 0.503 -> 0.507, beside cases 0.978 / 0.983 -> 0.995 / 1.0 and claims 0.937 / 0.934 ->
    # 0.952 / 0.945: lowered
    # a position is a party's in the case of its issue (analysis._taking_part: not music
    # publishers' words on the authors' pirated library, nor the Times' on Dow Jones's suit in a
    # decoy), and a plain statement takes its party's side only in a report of the case (not a
    # decoy's "the company said" on its own hires): 67 wrong -> 58, 0.793 -> 0.815
    # a question whether the claim goes on ("Can the startup be sued over this in New York?",
    # "Can Reddit sue over posts its users own?"), whether someone is owed for the practice or
    # loses readers to it is answered "yes" by the claimant (stances.issue_framing): 0.815 ->
    # 0.831 (dow-jones-v-perplexity 0.571 -> 0.714, kadrey-v-meta 0.676 -> 0.757)
    # a statement's clause that names no keyword speaking to another issue in that issue's own
    # words ("... fair use, and that the chatbot hands users copies of the lyrics"): 271 right,
    # 53 wrong -> 282 right, 54 wrong, 0.836 -> 0.839
    # a principal's plain statement naming its issue holds its camp's side of the case's
    # question (sides.sides_framed: the publishers "say the answers repeat their reporting word
    # for word", the company "asked the court to transfer the case"), not a participle, the suit
    # told by its subject, a claim given up, a speaker found by a pronoun, nor a settlement
    # both camps signed: 286 right, 54 wrong -> 313 right, 60 wrong, 0.841 -> 0.839
    # (getty-v-stability and musk-v-openai one wrong more each: Getty's argument at trial read
    # on where training happened, "OpenAI says Musk supported a for-profit structure";
    # dow-jones-v-perplexity three: the publishers' "what Perplexity takes is something else:
    # the reporting" read as opposing free facts, labelled on the copying, and the judge's
    # "able to pay for a case" inside Perplexity's argument)
    # no camp settles a question whose framing is only guessed (stances.issue_framing_told:
    # "Do the generators wrong artists by imitating their styles?", "Is DeviantArt liable
    # ...?", "Does a country's law reach training done abroad?"): 325 right, 94 wrong -> 325
    # right, 84 wrong, 0.776 -> 0.794 (andersen-v-stability 0.326 -> 0.405, getty-v-stability
    # 0.862 -> 0.893; no right position lost)
    "positions.precision": Target(today=0.794, goal=0.8),
    # reported speech with no "said" ("disagreed with", "is seeking", "asked the court to",
    # "was pleased"), "who accused" after the parties, "Jane Roe, who represents X", an
    # executive introduced as "X's general counsel, Jane Roe," then "she"; an executive
    # introduced after "Its" (the organisation last named), "at risk", a negation through a
    # possessive ("no user's privacy"), the reporter's ", but it pleaded": 0.531 -> 0.569;
    # a side named by its parties' kind "studio" ("the studios say"): 0.569 -> 0.603;
    # "the company" after an opening phrase, and "it said" inside a sentence, stand for the
    # sentence's own subject or the one before; "In a separate case" is another dispute: 0.615
    # the same question's "yes" turned: 0.534 -> 0.557; parties listed after a comma ("which
    # sued X, Y and two others, said") are no apposition of the verb's subject: 0.567
    # getting past a barrier ("circumvented nothing" denied), only what anyone may see: 0.494
    # -> 0.514; a participle speaks for every party of the subject ("Disney and Universal sued,
    # saying"), "X's defense is that", "X's argument is simple:": 0.519; a wrong used as a label
    # ("argued the pirated books were fair use") gives way to the judgement: 0.536
    # the same questions turned ("Did X download pirated books?", "Should X be barred from"):
    # 0.503 -> 0.526 (concord-v-anthropic 0.230 -> 0.345)
    # and the camps of the case, freed of the judge's account, settle more: 0.526 -> 0.530
    # the same questions turned ("Did X obtain ...?", "Is the suit harassment?"): 0.472 -> 0.486
    # the same change lowered recall 0.4867 -> 0.4847 (238 -> 237 found): reddit-v-anthropic/12's
    # "the AI company argues that Reddit's case, which accuses it of breaking the site's terms,
    # ..." was Reddit's opposing preemption only because "the company" was taken for Reddit and
    # the suit's "accuses" for its cue; it is Anthropic's, and the suit's words no cue of its
    # an accusation in a participle: after a name opening with a small letter ("xAI sued last
    # week, accusing ..."), after a joined clause ("..., and OpenAI has countersued him,
    # accusing"), joined by "and" to a first ("naming its chief executive and accusing them"),
    # the accusing verb speaking to the issue named nearest it: 0.485 -> 0.493 (concord 0.368 ->
    # 0.402, xai-v-openai 0.200 -> 0.225; precision 0.823 -> 0.823, xai-v-openai 0.800 ->
    # 0.750: "accusing OpenAI of ... hiring its former employees to get access to confidential
    # information" is read on the case's "confidential information" issue, not its hiring one)
    # the same requests for a remedy: 0.497 -> 0.503 (concord-v-anthropic 0.402 -> 0.437)
    # several cases between the same parties (routing.routes_foremost): 0.503 -> 0.507
    # the same questions turned: 0.463 -> 0.472
    # who says it (attribution.py, speakers.py): a speaker set in after a short lead ("That,
    # they argue, is ..."), a wire's dateline before the subject, two opening phrases before
    # "the company", the complaint of a suit told with adjectives ("filed a trade secrets
    # lawsuit", "refiled its case"), an initial's period in an apposition ("lodged in the U.S.
    # District Court"), "the company" after a speaker set into the sentence before: 0.472 ->
    # 0.479
    # a side with its members listed ("The publishers, among them A, B and C, said", "A, B, C
    # and other publishers asked for the injunction"; not objects: "which sued A, B and two
    # other companies"): 0.479 -> 0.490 (concord-v-anthropic 0.437 -> 0.506)
    # "their lawyer, Jane Roe," introduces a speaker for the side "their" stands for ("the
    # authors' side"), who speaks for it later ("Roe said"): 0.490 -> 0.495
    # a clause speaking to another issue in its own words: 0.490 -> 0.510 (concord 0.506 ->
    # 0.586, disney 0.396 -> 0.479)
    # a party's position told as a noun ("Its position is that", "X's core defense, that",
    # "X's argument that"): 0.495 -> 0.497
    # the camp's side of a plain statement naming its issue: 0.517 -> 0.566
    "positions.recall": Target(today=0.514, goal=0.6),
    # a pasted page's date line gives it a publication date (time proximity for stories, an
    # upper bound for events); an analysis, opinion piece or explainer is a story of its own
    # (news/commentary.py), and so is what an opening sentence reports as a different act
    # ("back to state court" is not the removal); recall pays for it: an explainer under a
    # question headline (musk-v-openai/11) and a trade-press follow-up four days on
    # (x-corp-v-bright-data/07) are labelled the news they discuss; an undated motion to
    # dismiss (nyt-v-openai/07) still joins another party's motion a week later
    # pasted pages titled by their headline rather than a section menu join their stories
    # (recall 0.855 -> 0.880); one of them, decoys/24 (same outlet, day and company as the
    # settlement story, another subject), joined that story: precision 0.952 -> 0.928. Time and
    # date bonuses now count in proportion to the content shared, so it stays apart; "tell us"
    # in a headline, a genre kicker and a digest mark commentary: precision 0.928 -> 0.982 (153 articles)
    # a digest named by its week further on in its headline ("..., and the rest of the week in
    # music") is commentary: 0.965 -> 0.982 (concord-v-anthropic/14)
    "stories.precision": Target(today=0.982, goal=0.95),
    # a capital "Me" inside a sentence is a film's name, not the writer's voice; reactions to
    # "Friday's settlement" are a follow-up of the same days, not a look back: 0.871 -> 0.911
    # a headline's subject the lead writes only at sentences' starts is still a name, and a
    # wire's dateline is not the day of what it reports: 0.895 -> 0.906 (a wire and a trade page
    # of one filing: dow-jones-v-perplexity 11+12, kadrey-v-meta 10+11)
    "stories.recall": Target(today=0.888, goal=0.7),
    # an event in generic words with one side named files nothing; a shared defendant goes to the
    # case whose judge is named too (routing.py): 0.983 -> 1.0, decoys filed 1 -> 0
    # decoys/34-39 (a launch, an investment, an earnings call, another suit against a defendant,
    # an op-ed, a licensing deal), added untuned: 0.993 -> 0.974, decoys filed 0 -> 3; a case
    # named in passing (one paragraph, not the lead) is not what the article is about, a suit
    # read in the passive ("was sued by"), the headline's suit between other parties files
    # nothing (routing.routes_covering, suits.lead_suit): 0.974 -> 1.0, decoys filed 3 -> 0
    # one side in words of a suit, with nothing else of the case (its other side, a claim, its
    # judge) and no headline or lead telling the case's suit, is the party's other dispute
    # (routing.case_route): 0.952 -> 0.978, decoys filed 4 -> 0, suggested noise 7/33 -> 3/28,
    # xai-v-openai/14 no longer under nyt-v-openai; positions 0.815/0.493 -> 0.813/0.497 (two
    # right positions and one wrong one on xai-v-openai): the precision floor is lowered for it
    # several cases between the same parties: a report on xAI's suit recalling Musk's own
    # (xai-v-openai/01, /09) is xAI's, whose suit its headline, judge and ruling tell first, and
    # "Elon Musk's company" there is xAI, not Musk (routing.routes_foremost); "xAI v. OpenAI"
    # names X.AI Corp. v. OpenAI (matcher.captions), and OpenAI alone, which a digest's items
    # on xAI's and Musk's suits share, does not file it under The Times' (routes_covering:
    # xai-v-openai/14); Judge Eumi Lee ruling in the lead tells the publishers' first case from
    # the authors' case recalled later, which no longer ties with it (concord-v-anthropic/12):
    # 0.978 / 0.983 -> 0.995 / 1.0
    "cases.precision": Target(today=0.976, goal=0.97),
    # the case's judge named in the lead paragraph counts as its evidence there, and the lead
    # paragraph telling a case (title, claim, event, judge) adds 1.5 to its score: the
    # publishers' second suit, its judge ruling in the lead, is filed under their case beside
    # the authors' case recalled below (concord-v-anthropic/12): 0.978 -> 0.983; claims recall
    # 0.930 -> 0.934, issues recall 0.863 -> 0.865; positions precision 0.813 -> 0.811 (its
    # "Anthropic had opposed the amendment" read as opposing the torrenting question: the
    # floor is lowered for the filing, which is right)
    # an opinion page on the case: its two sides joined by a word of their quarrel ("its fight
    # with Dow Jones"), in a lead a writer's note precedes (routing._quarrel, _lead_paragraph):
    # 0.995 -> 1.000 (dow-jones-v-perplexity/13); claims recall 0.927 -> 0.931, issues recall
    # 0.859 -> 0.863
    "cases.recall": Target(today=0.995, goal=None),
    "decoys_filed": Target(today=0, goal=0, lower_is_better=True),
    # new events only for the case an article is filed under, from dated sentences whose main
    # verb is an event verb; not an act of reporting ("pointed reporters to"), a company's
    # business in passing (a merger announced, a purchase in a relative clause) nor a date
    # planned (a trial date called off): 0 of 14 on SQLite and PostgreSQL alike, the ceiling
    # leaves one suggestion of room
    # nor a development told with a party of another case only ("a ruling on Monday in a
    # similar case against Anthropic"): 3 of 24 -> 1 of 22 (kadrey-v-meta, reddit-v-perplexity)
    # several cases between the same parties (routing.routes_foremost): 3 of 28 -> 2 of 28
    "suggested noise": Target(today=0.148, goal=0.25, lower_is_better=True),
    "suggested duplicates": Target(today=0.2, goal=None, lower_is_better=True),
    # a site's name above a pasted page's headline is not its title (and leaves the body, and
    # so does its repeat under the headline); standards footers, "Posted by" bylines and "Staff
    # report" go too, and site prompts naming the site ("Download the <Site> app", "Enjoying
    # <Site>?"), "Read more about:" tag rows, "More from <Site>: <headline>" (0.032: 21 of 652); section
    # menus and "Site | Section" labels (0.029: 19 of 652); print-edition notes, captions
    # crediting a person or a site, role bylines, live-blog lines, "Most Popular News" and topic
    # lists, labels between a pasted headline and its first sentence, "Read the full story on
    # our <Section> page" (with disney-v-midjourney: 0.027, 20 of 741 -> 0.001, 1 of 741: a
    # site named inside a quoted sentence, which must stay)
    # a standards footer in other words ("<Wire> Standards: how we report and correct") and an
    # opinion page's note on its writer ending "The views expressed are her own": 0.006 -> 0.003
    # a live page's "Refresh for updates": 0.003 -> 0.002
    # a newsletter's footer ("You are receiving this because ...", "Forward this to a friend",
    # "Forwarded this? Subscribe", "Unsubscribe", a disclaimer "Nothing here is legal advice"),
    # a digest's "In this issue", a named alerts prompt ("Get <Site> alerts for ..."), a
    # standards link alone ("<Wire> Editorial Standards") and "More guides: <headline>":
    # 0.011 (13 of 1177; xai-v-openai 8 of 77) -> 0.001 (1 of 1177, a masthead), lines lost 0
    # a newsletter saying what it is ("<Site> is a daily digest for ...") and a "More
    # explainers" block of headlines: 0.003 (4 of 1210) -> 0.001 (1 of 1210, a masthead)
    # a desk's tip line ("<Site> tracks new filings ... Tips: desk@...") and an opinion page's
    # note on its writer ("The writer is a former editor ...", "<Name>'s column appears monthly.
    # The views expressed are his own."): 0.004 (5 of 1311) -> 0.001 (1 of 1311; the one left is
    # counted because a kept sentence names the outlet, "he told Levant Business Daily")
    "furniture left": Target(today=0.001, goal=0.10, lower_is_better=True),
    "lines lost": Target(today=0.0, goal=0.0, lower_is_better=True),
    # a masthead line above a pasted page's headline is skipped; a section menu ("Tech |
    # Markets | Deals") is furniture, never the title, and a site's tagline under its name is
    # passed over for the headline below it: 0.082 -> 0.0
    # a genre and the headline on the first line ("Opinion | <headline>") are the title, kicker
    # and all; lower on a page the same shape stays a link to another piece: 0.017 -> 0.0
    "titles wrong": Target(today=0.0, goal=0.0, lower_is_better=True),
}


@pytest.fixture(scope="module")
def realnews(django_db_setup, django_db_blocker, tmp_path_factory) -> Scores:
    corpus = corpus_read()
    with django_db_blocker.unblock(), transaction.atomic():
        matcher_invalidate()
        ingested = corpus_ingest(corpus, tmp=tmp_path_factory.mktemp("realnews"))
        assert not ingested.errors, ingested.errors
        scores = corpus_score(corpus, ingested.ids)
        scores.folders = folder_scores(corpus, ingested.ids)
        transaction.set_rollback(True)
    matcher_invalidate()
    print("\n" + scores.table() + "\n" + targets_table(scores.figures()) + "\n" + scores.misses())
    return scores


def targets_table(figures: dict[str, float]) -> str:
    rows = [f"{'figure':22} {'now':>7} {'floor':>7} {'goal':>6}"]
    for name, target in TARGETS.items():
        goal = "" if target.goal is None else f"{target.goal:g}"
        rows.append(f"{name:22} {figures[name]:7.3f} {target.today:7g} {goal:>6}")
    return "\n".join(rows)


def test_gold_labels_are_consistent():
    corpus = corpus_read()
    assert len(corpus.articles) >= 265
    assert gold_problems(corpus) == []


def test_gold_checker_names_bad_labels(tmp_path):
    """The label checker itself: a quote, a furniture line and a party it must reject."""
    folder = tmp_path / "acme-v-globex"
    folder.mkdir()
    case = {"slug": "acme-v-globex", "title": "Acme v. Globex", "parties": [
        {"name": "Acme", "kind": "organization", "role": "plaintiff", "aliases": ["Acme Corp."]},
        {"name": "Globex", "kind": "organization", "role": "defendant", "aliases": []},
    ]}  # fmt: skip
    (folder / "case.json").write_text(json.dumps(case))
    (folder / "01-wire.txt").write_text(
        "Acme sues\nBy A. Writer\nAcme Corp. sued Globex on Monday.\n"
    )
    labels = {
        "input": {"via": "file", "source": "Wire", "url": "https://w.example/1", "published": None},
        "title": "Acme sues", "case": "acme-v-globex", "parties": ["Acme", "Initech"],
        "claims": [], "issues": [], "events": [], "new_events": [], "story": "s",
        "positions": [{"party": "Acme", "issue": "x", "stance": "supports", "quote": "not there"}],
        "furniture": ["By A. Writer", "Share this"],
    }  # fmt: skip
    (folder / "gold.json").write_text(json.dumps({"articles": {"01-wire.txt": labels}}))
    problems = gold_problems(corpus_read(tmp_path))
    assert problems == [
        "acme-v-globex/01-wire.txt: party 'Initech' is in no case file",
        "acme-v-globex/01-wire.txt: names 'Globex' but does not label it",
        "acme-v-globex/01-wire.txt: position on 'x', not one of the article's issues",
        "acme-v-globex/01-wire.txt: quote not in the article: 'not there'",
        "acme-v-globex/01-wire.txt: furniture not a line: 'Share this'",
    ]


def test_gold_checker_reads_a_name_inside_a_longer_one_as_the_longer(tmp_path):
    """A party named inside a longer party name ("Acme Records") is not named; alone it is."""
    folder = tmp_path / "acme-records-v-globex"
    folder.mkdir()
    case = {"slug": "acme-records-v-globex", "title": "Acme Records v. Globex", "parties": [
        {"name": "Acme", "kind": "organization", "role": "stakeholder", "aliases": []},
        {"name": "Acme Records", "kind": "organization", "role": "plaintiff", "aliases": []},
        {"name": "Globex", "kind": "organization", "role": "defendant", "aliases": []},
    ]}  # fmt: skip
    (folder / "case.json").write_text(json.dumps(case))
    labels = {
        "input": {"via": "file", "source": "Wire", "url": "https://w.example/1", "published": None},
        "title": "Label sues", "case": "acme-records-v-globex",
        "parties": ["Acme Records", "Globex"], "claims": [], "issues": [], "events": [],
        "new_events": [], "story": "s", "positions": [], "furniture": [],
    }  # fmt: skip
    (folder / "01-wire.txt").write_text("Label sues\nAcme Records sued Globex on Monday.\n")
    (folder / "02-wire.txt").write_text("Label sues\nAcme Records sued Globex. Acme said no.\n")
    gold = {"articles": {"01-wire.txt": labels, "02-wire.txt": labels}}
    (folder / "gold.json").write_text(json.dumps(gold))
    problems = gold_problems(corpus_read(tmp_path))
    assert problems == ["acme-records-v-globex/02-wire.txt: names 'Acme' but does not label it"]


def test_every_article_is_ingested(realnews):
    assert not [m for m in realnews.pr["cases"].misses if m.endswith("not ingested")]


@pytest.mark.parametrize("figure", sorted(TARGETS))
def test_target_holds_its_floor(realnews, figure):
    value, target = realnews.figures()[figure], TARGETS[figure]
    if target.lower_is_better:
        assert value <= target.today, (
            f"{figure} {value:.3f} above {target.today} (goal {target.goal})"
        )
    else:
        assert value >= target.today, (
            f"{figure} {value:.3f} below {target.today} (goal {target.goal})"
        )


def test_folder_figures_add_up_to_the_corpus(realnews):
    """Each folder is scored alone (its articles, its case's suggestions); the per-article
    counts of the folders add up to the whole corpus's, and story pairs wanted inside folders
    are all the pairs wanted."""
    folders = realnews.folders.values()
    assert {g.folder for g in corpus_read().articles} == set(realnews.folders)
    for name in ("parties", "claims", "issues", "events", "positions", "cases"):
        whole = realnews.pr[name]
        parts = [(s.pr[name].tp, s.pr[name].fp, s.pr[name].fn) for s in folders]
        assert tuple(map(sum, zip(*parts, strict=True))) == (whole.tp, whole.fp, whole.fn), name
    for name, whole in realnews.rates.items():
        parts = [(s.rates[name].bad, s.rates[name].total) for s in folders]
        assert tuple(map(sum, zip(*parts, strict=True))) == (whole.bad, whole.total), name
    stories = realnews.pr["stories"]
    assert sum(s.pr["stories"].tp + s.pr["stories"].fn for s in folders) == stories.tp + stories.fn
    assert sum(s.pr["stories"].fp for s in folders) <= stories.fp


def test_corpus_is_where_the_readme_says():
    assert (REALNEWS / "README.md").exists()
