"""Short articles written for these tests (own words), with the traits of real input: curly and
straight quotes, possessives, a missing space after a sentence, relative dates."""

from __future__ import annotations

TESTIMONY = (
    "Elon Musk told jurors in Oakland on Thursday that xAI had partly relied on OpenAI models "
    "when it trained Grok. Asked about distillation, Musk said it was “standard practice” across "
    "the industry.He added that every lab checks its work against rivals’ systems.\n"
    "Google has moved to stop what it calls distillation attacks, which it describes as “theft "
    "that violates our terms.”\n"
    "“Distillation is a legitimate way to make small models, but rivals can abuse it,” "
    "Anthropic said in a post."
)

OPENAI_REACTS = (
    "OpenAI's lawyers said on April 30, 2026 that the admission mattered. OpenAI has accused "
    "several labs of using distillation to copy its models without permission."
)

UNRELATED = (
    "A new cafe opened near the Googleplex last month, serving coffee with a hint of musk. "
    "Nobody from any AI lab was there."
)
