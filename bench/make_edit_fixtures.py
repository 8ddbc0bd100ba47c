"""Writes tests/fixtures/edits: before/after article pairs (own words) with quotes and where each
quote is after the edit (null when the edit removed it). Run: python bench/make_edit_fixtures.py
tests/fixtures/edits"""

import json
import pathlib
import sys

OUT = pathlib.Path(sys.argv[1])
P = []  # (slug, kind, before, edits, quotes[(before_exact, after_exact|None)])


def add(slug, kind, before, edits, quotes):
    P.append((slug, kind, before.strip("\n") + "\n", edits, quotes))


add(
    "typo-fixes",
    "typo fixes in and around quotes",
    """
Musk Tells Jury xAI Leaned on OpenAI Models

Elon Musk told jurors on Thursday that his artifical intelligence company xAI had “partly” relied on models built by OpenAI while training its Grok chatbot.

Asked by OpenAI's lawyer whether xAI distilled OpenAI's systems, Musk said the practice was “generally standard accross the industry” and that every lab checks its work against rivals.

The admission came on the third day of a trial that turns on whether OpenAI abandoned its founding mission. Musk's lawyers say the nonprofit's shift to a capped-profit structure was a breech of the promises made to early donors.

OpenAI denies the claims and says Musk himself backed a for-profit arm before leaving the board in 2018.
""",
    [
        ("artifical", "artificial"),
        ("accross", "across"),
        ("breech", "breach"),
    ],
    [
        ("“partly” relied on models built by OpenAI", "“partly” relied on models built by OpenAI"),
        ("“generally standard accross the industry”", "“generally standard across the industry”"),
        (
            "was a breech of the promises made to early donors",
            "was a breach of the promises made to early donors",
        ),
        (
            "Musk himself backed a for-profit arm before leaving the board in 2018",
            "Musk himself backed a for-profit arm before leaving the board in 2018",
        ),
    ],
)

add(
    "inserted-paragraph",
    "a paragraph inserted above the quotes",
    """
OpenAI's Terms Forbid Training Rival Models on Its Output

OpenAI's terms of use have long said customers may not use output from its services to develop models that compete with OpenAI.

Legal scholars say the clause is easier to write than to enforce. “A contract only binds the people who signed it,” said one professor of technology law, adding that proving which outputs went into a training set is hard.

The question moved from seminar rooms to a courtroom this week after Musk's testimony about xAI's use of OpenAI models.

Google and Anthropic publish similar restrictions in their own usage policies.
""",
    [
        (
            "Legal scholars say",
            "Several industry groups have asked regulators to clarify whether such clauses are enforceable against companies that never accepted them directly, for instance when outputs are bought from a data broker.\n\nLegal scholars say",
        ),
    ],
    [
        (
            "may not use output from its services to develop models that compete with OpenAI",
            "may not use output from its services to develop models that compete with OpenAI",
        ),
        (
            "“A contract only binds the people who signed it,”",
            "“A contract only binds the people who signed it,”",
        ),
        (
            "after Musk's testimony about xAI's use of OpenAI models",
            "after Musk's testimony about xAI's use of OpenAI models",
        ),
        (
            "Google and Anthropic publish similar restrictions",
            "Google and Anthropic publish similar restrictions",
        ),
    ],
)

add(
    "removed-paragraph",
    "a paragraph removed with its quote",
    """
Judge Keeps Charitable Trust Claim Alive

A federal judge in Oakland declined to dismiss Musk's claim that OpenAI broke a charitable trust, sending the dispute toward a jury.

In a twelve-page order, the judge wrote that Musk had “plausibly alleged” that his donations came with conditions attached.

The judge did throw out a fraud count, saying the complaint did not identify a specific false statement. Lawyers for Musk said they would consider amending it.

OpenAI said in a statement that it was “confident the facts will show these claims have no merit.”
""",
    [
        (
            "The judge did throw out a fraud count, saying the complaint did not identify a specific false statement. Lawyers for Musk said they would consider amending it.\n\n",
            "",
        ),
    ],
    [
        (
            "declined to dismiss Musk's claim that OpenAI broke a charitable trust",
            "declined to dismiss Musk's claim that OpenAI broke a charitable trust",
        ),
        ("“plausibly alleged”", "“plausibly alleged”"),
        ("The judge did throw out a fraud count", None),
        (
            "“confident the facts will show these claims have no merit.”",
            "“confident the facts will show these claims have no merit.”",
        ),
    ],
)

add(
    "reworded-sentence",
    "sentences reworded by the editor",
    """
Anthropic Says Distillation by Rivals Violates Its Terms

Anthropic said on Monday that it had detected large volumes of queries it believes were designed to copy the abilities of its Claude models.

The company said such distillation campaigns break its usage policy, which bars using Claude to build competing products.

“We take the protection of our models seriously and will act against misuse,” a spokesperson said.

The statement did not name any company. It follows similar complaints from OpenAI earlier in the year.
""",
    [
        (
            "The company said such distillation campaigns break its usage policy, which bars using Claude to build competing products.",
            "According to the company, campaigns of this kind violate a usage policy that forbids building competing products with Claude.",
        ),
        ("The statement did not name any company.", "No company was named in the statement."),
    ],
    [
        ("detected large volumes of queries", "detected large volumes of queries"),
        ("such distillation campaigns break its usage policy", None),
        (
            "“We take the protection of our models seriously and will act against misuse,”",
            "“We take the protection of our models seriously and will act against misuse,”",
        ),
        ("The statement did not name any company.", None),
    ],
)

add(
    "changed-quote",
    "a quote corrected after publication",
    """
xAI Responds to Testimony

xAI issued a short statement after Musk's appearance in court. “Grok was trained on our own infrastructure with our own data,” the company said.

It added that “benchmarking against public models is something every lab does.”

A lawyer for OpenAI said the statement was at odds with what Musk told the jury.
""",
    [
        (
            "“Grok was trained on our own infrastructure with our own data,”",
            "“Grok was trained on our own infrastructure, overwhelmingly with our own data,”",
        ),
        (
            "It added that “benchmarking against public models is something every lab does.”",
            "It added that “comparing results with other public models is routine for every lab.”",
        ),
        (
            "A lawyer for OpenAI",
            "Correction: an earlier version of this article misquoted the statement.\n\nA lawyer for OpenAI",
        ),
    ],
    [
        (
            "“Grok was trained on our own infrastructure with our own data,”",
            "“Grok was trained on our own infrastructure, overwhelmingly with our own data,”",
        ),
        ("“benchmarking against public models is something every lab does.”", None),
        ("was at odds with what Musk told the jury", "was at odds with what Musk told the jury"),
    ],
)

add(
    "live-blog-update",
    "live blog: new entries added at the top",
    """
Live: Musk v. OpenAI, Day Three

10:42 — Musk is back on the stand. OpenAI's counsel opens with questions about Grok.

10:15 — The judge reminds jurors not to read coverage of the case.

09:58 — Court is in session. Musk arrives with three lawyers.
""",
    [
        (
            "Live: Musk v. OpenAI, Day Three\n\n",
            "Live: Musk v. OpenAI, Day Three\n\n11:30 — Musk says xAI used OpenAI models “partly” to train Grok. The courtroom goes quiet.\n\n11:05 — Questions turn to distillation. Musk calls it “a normal thing to do.”\n\n",
        ),
    ],
    [
        (
            "OpenAI's counsel opens with questions about Grok",
            "OpenAI's counsel opens with questions about Grok",
        ),
        (
            "The judge reminds jurors not to read coverage of the case.",
            "The judge reminds jurors not to read coverage of the case.",
        ),
        ("Musk arrives with three lawyers", "Musk arrives with three lawyers"),
    ],
)

add(
    "whitespace-reflow",
    "paragraphs re-wrapped and spaces changed",
    """
Google Updates Its Generative AI Terms

Google has updated the terms that govern its generative AI services. The new text says users may not use the services to develop machine learning models that compete with Google's.

The change was published without an announcement and took effect on the first of the month.

A company spokesperson said the update “clarifies long-standing expectations” rather than adding new ones.
""",
    [
        (
            "Google has updated the terms that govern its generative AI services. The new text says",
            "Google has updated the terms that govern its\ngenerative AI services.  The new text says",
        ),
        (
            "The change was published without an announcement and took effect",
            "The change was published without an\nannouncement and took effect",
        ),
    ],
    [
        (
            "may not use the services to develop machine learning models that compete with Google's",
            "may not use the services to develop machine learning models that compete with Google's",
        ),
        (
            "published without an announcement and took effect on the first of the month",
            "published without an\nannouncement and took effect on the first of the month",
        ),
        ("“clarifies long-standing expectations”", "“clarifies long-standing expectations”"),
    ],
)

add(
    "smart-quotes",
    "straight quotes turned into typographic ones",
    """
Musk Calls OpenAI Suit "a Distraction"

Musk described OpenAI's counterclaims as "a distraction from the real question" during a break in the trial.

OpenAI's lawyers said in a filing that Musk's suit was "an attempt to slow down a competitor."

Both sides are expected to rest their cases next week.
""",
    [
        ('"a distraction from the real question"', "“a distraction from the real question”"),
        ('"an attempt to slow down a competitor."', "“an attempt to slow down a competitor.”"),
        ('Calls OpenAI Suit "a Distraction"', "Calls OpenAI Suit “a Distraction”"),
    ],
    [
        ('"a distraction from the real question"', "“a distraction from the real question”"),
        ('"an attempt to slow down a competitor."', "“an attempt to slow down a competitor.”"),
        (
            "Both sides are expected to rest their cases next week.",
            "Both sides are expected to rest their cases next week.",
        ),
    ],
)

add(
    "paragraphs-reordered",
    "two paragraphs swapped",
    """
What Is Model Distillation?

Distillation trains a small model to imitate a larger one by learning from the larger model's answers.

Labs use the technique on their own models all the time to make cheaper versions of them.

The controversy starts when the teacher model belongs to someone else and its terms forbid the practice.

Whether such terms can be enforced is one of the questions the Musk trial has put in the spotlight.
""",
    [
        (
            "Labs use the technique on their own models all the time to make cheaper versions of them.\n\nThe controversy starts when the teacher model belongs to someone else and its terms forbid the practice.",
            "The controversy starts when the teacher model belongs to someone else and its terms forbid the practice.\n\nLabs use the technique on their own models all the time to make cheaper versions of them.",
        ),
    ],
    [
        ("learning from the larger model's answers", "learning from the larger model's answers"),
        ("on their own models all the time", "on their own models all the time"),
        ("the teacher model belongs to someone else", "the teacher model belongs to someone else"),
        (
            "one of the questions the Musk trial has put in the spotlight",
            "one of the questions the Musk trial has put in the spotlight",
        ),
    ],
)

add(
    "boilerplate-added",
    "newsletter and related-links boilerplate added",
    """
Jury Selection Begins in Musk v. OpenAI

Jury selection began on Monday in the long-running dispute between Elon Musk and OpenAI.

The judge told prospective jurors the trial could last three weeks.

Several candidates were excused after saying they had strong views about Musk.
""",
    [
        (
            "Jury Selection Begins in Musk v. OpenAI\n\n",
            "Jury Selection Begins in Musk v. OpenAI\n\nSign up for our daily technology newsletter.\n\n",
        ),
        (
            "strong views about Musk.\n",
            "strong views about Musk.\n\nRelated: What is model distillation? | OpenAI's terms explained | Timeline of the case\n",
        ),
    ],
    [
        ("Jury selection began on Monday", "Jury selection began on Monday"),
        ("the trial could last three weeks", "the trial could last three weeks"),
        ("had strong views about Musk", "had strong views about Musk"),
    ],
)

add(
    "repeated-phrase",
    "quote text that appears twice; an edit in between",
    """
Distillation on Trial

OpenAI says distillation of its models by rivals is prohibited. Its lawyers repeated that distillation of its models by rivals is prohibited when they cross-examined Musk.

Musk answered that the same methods are used by everyone.

Experts disagree on whether the rule can be enforced against a company that never signed up.
""",
    [
        ("Its lawyers repeated", "In court on Thursday, its lawyers repeated"),
        ("Musk answered", "Musk, visibly irritated, answered"),
    ],
    [
        (
            "distillation of its models by rivals is prohibited",
            "distillation of its models by rivals is prohibited",
            2,
        ),
        ("the same methods are used by everyone", "the same methods are used by everyone"),
        ("never signed up", "never signed up"),
    ],
)

add(
    "numbers-updated",
    "figures and dates corrected",
    """
OpenAI Valuation Figures Cited in Court

An OpenAI executive told the court the company had raised about $13 billion from Microsoft since 2019.

Musk's lawyers say he gave roughly $44 million to the nonprofit in its early years.

The executive said the board approved the restructuring on March 11, 2019.
""",
    [
        ("about $13 billion", "about $13.5 billion"),
        ("roughly $44 million", "roughly $45 million"),
        ("March 11, 2019", "March 12, 2019"),
    ],
    [
        (
            "had raised about $13 billion from Microsoft since 2019",
            "had raised about $13.5 billion from Microsoft since 2019",
        ),
        (
            "he gave roughly $44 million to the nonprofit",
            "he gave roughly $45 million to the nonprofit",
        ),
        ("the board approved the restructuring", "the board approved the restructuring"),
    ],
)

add(
    "headline-and-lede-rewritten",
    "headline and opening rewritten; body kept",
    """
Musk Says xAI Used OpenAI Models

Elon Musk said Thursday that xAI used OpenAI models in training Grok.

He told the jury that distillation is “what everybody does” and that xAI had done it only in part.

OpenAI's lawyer asked whether Musk understood that OpenAI's terms forbid it. Musk said he had not read them.
""",
    [
        (
            "Musk Says xAI Used OpenAI Models\n\nElon Musk said Thursday that xAI used OpenAI models in training Grok.",
            "Musk Concedes Partial Use of OpenAI Models to Train Grok\n\nIn a striking moment on the witness stand, Elon Musk conceded on Thursday that his company xAI had partly relied on OpenAI's models while building Grok.",
        ),
    ],
    [
        ("xAI used OpenAI models in training Grok", None),
        ("distillation is “what everybody does”", "distillation is “what everybody does”"),
        ("Musk said he had not read them", "Musk said he had not read them"),
    ],
)

add(
    "sentence-split",
    "a long sentence split in two",
    """
Regulators Watch the Trial

European officials are following the case closely because the AI Act requires providers of general-purpose models to document their training data, and a finding that one lab trained on another's outputs could test those rules.

A spokesperson for the European Commission declined to comment on the trial itself.
""",
    [
        (
            "training data, and a finding that one lab trained on another's outputs could test those rules.",
            "training data. A finding that one lab trained on another's outputs could test those rules.",
        ),
    ],
    [
        (
            "requires providers of general-purpose models to document their training data",
            "requires providers of general-purpose models to document their training data",
        ),
        (
            "a finding that one lab trained on another's outputs could test those rules",
            "A finding that one lab trained on another's outputs could test those rules",
        ),
        ("declined to comment on the trial itself", "declined to comment on the trial itself"),
    ],
)

add(
    "words-inserted-in-quote",
    "a word inserted inside a quoted sentence",
    """
Anthropic Policy Chief Comments

Anthropic's policy chief said the company supports open research but not the copying of its models.

“Using our outputs to train a competing model is a clear violation of our terms,” she said in an interview.

She said the company had closed thousands of accounts linked to such activity.
""",
    [
        (
            "“Using our outputs to train a competing model is a clear violation of our terms,”",
            "“Using our outputs at scale to train a competing model is a clear violation of our terms,”",
        ),
        ("thousands of accounts", "more than two thousand accounts"),
    ],
    [
        (
            "“Using our outputs to train a competing model is a clear violation of our terms,”",
            "“Using our outputs at scale to train a competing model is a clear violation of our terms,”",
        ),
        (
            "supports open research but not the copying of its models",
            "supports open research but not the copying of its models",
        ),
        (
            "closed thousands of accounts linked to such activity",
            "closed more than two thousand accounts linked to such activity",
        ),
    ],
)

add(
    "dash-and-case-changes",
    "dashes and capitalisation normalised by the CMS",
    """
Trial Timeline - What Comes Next

Closing Arguments are expected on May 14 - the judge has asked both sides to keep them under two hours.

The Jury will then deliberate on the Charitable Trust claim and on OpenAI's counterclaim.

A verdict could come before the end of the month.
""",
    [
        ("Trial Timeline - What Comes Next", "Trial timeline — what comes next"),
        (
            "Closing Arguments are expected on May 14 - the judge",
            "Closing arguments are expected on May 14 — the judge",
        ),
        (
            "The Jury will then deliberate on the Charitable Trust claim",
            "The jury will then deliberate on the charitable trust claim",
        ),
    ],
    [
        (
            "Closing Arguments are expected on May 14 - the judge has asked",
            "Closing arguments are expected on May 14 — the judge has asked",
        ),
        ("deliberate on the Charitable Trust claim", "deliberate on the charitable trust claim"),
        (
            "A verdict could come before the end of the month.",
            "A verdict could come before the end of the month.",
        ),
    ],
)

add(
    "mostly-rewritten",
    "an article rewritten almost entirely",
    """
OpenAI Responds

OpenAI said on Friday that Musk's testimony confirmed what it had argued all along.

“He has now admitted under oath what we suspected,” a company spokesperson said.

The company did not say whether it would bring a separate claim against xAI.
""",
    [
        (
            "OpenAI said on Friday that Musk's testimony confirmed what it had argued all along.\n\n“He has now admitted under oath what we suspected,” a company spokesperson said.\n\nThe company did not say whether it would bring a separate claim against xAI.",
            "In a brief note to reporters, OpenAI welcomed what it called a candid answer from Musk and said its lawyers were reviewing the transcript.\n\nAsked whether a separate lawsuit against xAI was being prepared, the company declined to comment.",
        ),
    ],
    [
        ("“He has now admitted under oath what we suspected,”", None),
        ("Musk's testimony confirmed what it had argued all along", None),
        ("whether it would bring a separate claim against xAI", None),
    ],
)

add(
    "truncated-summary-to-full",
    "a feed summary replaced by the full article",
    """
Grok Training Data in Question

Musk's testimony raises new questions about how Grok was built. Observers say the answer could matter for...
""",
    [
        (
            "Observers say the answer could matter for...",
            "Observers say the answer could matter for every company that sells access to a model through an API.\n\nIf a court finds that terms of use can stop a rival from learning from outputs, labs may tighten their rules further.\n\nIf it finds the opposite, the clauses may become little more than a warning.",
        ),
    ],
    [
        (
            "raises new questions about how Grok was built",
            "raises new questions about how Grok was built",
        ),
        ("Observers say the answer could matter", "Observers say the answer could matter"),
    ],
)

add(
    "html-entities-cleaned",
    "stray entities and non-breaking spaces cleaned",
    """
Court Schedule

The court will sit Monday&nbsp;through Thursday, from 8:30 a.m. to 2:30 p.m.

Musk&#8217;s testimony is expected to continue on Tuesday.

OpenAI&#8217;s chief executive may be called as a witness later in the week.
""",
    [
        ("Monday&nbsp;through", "Monday through"),
        ("Musk&#8217;s testimony", "Musk’s testimony"),
        ("OpenAI&#8217;s chief executive", "OpenAI’s chief executive"),
    ],
    [
        (
            "The court will sit Monday&nbsp;through Thursday",
            "The court will sit Monday through Thursday",
        ),
        (
            "testimony is expected to continue on Tuesday",
            "testimony is expected to continue on Tuesday",
        ),
        (
            "chief executive may be called as a witness",
            "chief executive may be called as a witness",
        ),
    ],
)

add(
    "correction-appended-and-name-fixed",
    "a name corrected throughout",
    """
Witness List Released

The witness list includes Shivon Zillis, a former OpenAI board member, and Greg Brockman, OpenAI's president.

Zillis is expected to testify about board discussions in 2018.

Brockmann is expected to be asked about the creation of the capped-profit company.
""",
    [
        ("Brockmann is expected", "Brockman is expected"),
        (
            "capped-profit company.\n",
            "capped-profit company.\n\nCorrection: An earlier version of this article misspelled Greg Brockman's name.\n",
        ),
    ],
    [
        ("a former OpenAI board member", "a former OpenAI board member"),
        ("testify about board discussions in 2018", "testify about board discussions in 2018"),
        (
            "Brockmann is expected to be asked about the creation of the capped-profit company",
            "Brockman is expected to be asked about the creation of the capped-profit company",
        ),
    ],
)

add(
    "quote-attribution-moved",
    "attribution moved from after to before a quote",
    """
Musk on Distillation

“Everybody uses other models to check their own,” Musk said, when pressed on the point.

He added that xAI's own research team had raised no objections at the time.
""",
    [
        (
            "“Everybody uses other models to check their own,” Musk said, when pressed on the point.",
            "When pressed on the point, Musk said: “Everybody uses other models to check their own.”",
        ),
    ],
    [
        (
            "“Everybody uses other models to check their own,”",
            "“Everybody uses other models to check their own.",
        ),
        (
            "xAI's own research team had raised no objections",
            "xAI's own research team had raised no objections",
        ),
    ],
)

add(
    "paragraph-deleted-and-added",
    "one paragraph replaced by another",
    """
Day Four Recap

The fourth day of trial focused on the founding emails between Musk and OpenAI's founders.

Jurors saw a 2015 message in which Musk proposed a much larger initial funding commitment.

In the afternoon, a former OpenAI researcher testified about the lab's early compute budget.

Court resumes on Monday.
""",
    [
        (
            "In the afternoon, a former OpenAI researcher testified about the lab's early compute budget.",
            "The afternoon session was cancelled after a juror fell ill.",
        ),
    ],
    [
        ("focused on the founding emails", "focused on the founding emails"),
        (
            "Musk proposed a much larger initial funding commitment",
            "Musk proposed a much larger initial funding commitment",
        ),
        ("a former OpenAI researcher testified about the lab's early compute budget", None),
        ("Court resumes on Monday.", "Court resumes on Monday."),
    ],
)

add(
    "near-duplicate-sentences",
    "a similar sentence added near the quote",
    """
Terms Compared

OpenAI's terms prohibit using output to develop competing models.

Anthropic's usage policy prohibits using its services to build competing products.

Google's terms take a similar line for its generative AI services.
""",
    [
        (
            "OpenAI's terms prohibit using output to develop competing models.\n",
            "OpenAI's terms prohibit using output to develop competing models.\n\nxAI's own terms prohibit using output to develop competing models as well, a point OpenAI's lawyers raised in court.\n",
        ),
    ],
    [
        (
            "OpenAI's terms prohibit using output to develop competing models.",
            "OpenAI's terms prohibit using output to develop competing models.",
        ),
        (
            "prohibits using its services to build competing products",
            "prohibits using its services to build competing products",
        ),
        (
            "take a similar line for its generative AI services",
            "take a similar line for its generative AI services",
        ),
    ],
)

add(
    "removed-quote-with-lookalike",
    "a sentence removed while a near-twin stays",
    """
Whose Terms Apply?

OpenAI's terms prohibit using output to develop competing models.

xAI's terms prohibit using output to develop competing products, a reporter pointed out.

Musk was not asked about xAI's own terms during his testimony.
""",
    [
        ("OpenAI's terms prohibit using output to develop competing models.\n\n", ""),
    ],
    [
        ("OpenAI's terms prohibit using output to develop competing models.", None),
        (
            "xAI's terms prohibit using output to develop competing products",
            "xAI's terms prohibit using output to develop competing products",
        ),
        ("was not asked about xAI's own terms", "was not asked about xAI's own terms"),
    ],
)

add(
    "short-quote-removed-repeated",
    "a short common quote removed where it also occurs elsewhere",
    """
Hearing Notes

On the schedule, the judge said the trial would start in the spring.

On the motion to seal exhibits, the judge said she would rule by Friday.

On the witness list, the parties still disagree about two names.
""",
    [
        ("On the motion to seal exhibits, the judge said she would rule by Friday.\n\n", ""),
    ],
    [
        ("the judge said", "the judge said"),
        ("the judge said", None, 2),
        (
            "the parties still disagree about two names",
            "the parties still disagree about two names",
        ),
    ],
)

OUT.mkdir(parents=True, exist_ok=True)
for n, (slug, kind, before, edits, quotes) in enumerate(P, 1):
    after = before
    for old, new in edits:
        assert after.count(old) == 1, (slug, old)
        after = after.replace(old, new)
    qs = []
    for exact, expect, *rest in quotes:
        occurrence = rest[0] if rest else 1
        assert before.count(exact) >= occurrence, (slug, exact)
        start = after_start = -1
        for _ in range(occurrence):
            start = before.index(exact, start + 1)
        if expect is not None:
            assert after.count(expect) >= occurrence and (
                occurrence > 1 or after.count(expect) == 1
            ), (slug, expect)
            for _ in range(occurrence):
                after_start = after.index(expect, after_start + 1)
        elif occurrence == 1:
            assert exact not in after, (slug, exact)
        qs.append(
            {
                "exact": exact,
                "start": start,
                "after": expect,
                "after_start": after_start if expect is not None else None,
            }
        )
    d = OUT / f"{n:02d}-{slug}"
    d.mkdir(exist_ok=True)
    (d / "before.txt").write_text(before)
    (d / "after.txt").write_text(after)
    (d / "quotes.json").write_text(
        json.dumps({"edit": kind, "quotes": qs}, indent=2, ensure_ascii=False) + "\n"
    )
print(len(P), "pairs,", sum(len(p[4]) for p in P), "quotes")
