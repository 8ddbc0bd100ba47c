"""Page furniture: the lines a page wraps around an article, told by their shape.

Bylines ("By Jane Doe", "Jane Doe, Staff Writer", "Reporting by ..."), timestamps ("Updated 3:42
PM EDT, Thu April 30, 2026", "5 min read"), photo captions and credits ("(Photo by ... /Getty
Images)", "Image: ..."), ad slots, paywall / newsletter / cookie / app prompts, a newsletter's own footer ("You are receiving this
because ...", "Forward this to a friend", "Unsubscribe", "Nothing here is legal advice") and
contents heading ("In this issue"), sponsor slots, navigation ("Skip
to content", "Back to news", breadcrumbs, tags), share buttons, inline "Read more: <headline>"
links, embedded-post attributions, copyright lines, a desk's tip line ("Tips: desk@..."), an
opinion page's note on its writer ("The writer is a former editor ...", "<Name>'s column appears
monthly. The views expressed are his own.") and stray script or CSS.

Pure functions over one normalised line. They are conservative with prose: a line that is long
and ends like a sentence (`is_prose`) is article text unless it carries a photo credit or a
prompt only a site writes ("delivered to your inbox", "we use cookies").
"""

from __future__ import annotations

import functools
import re

from tracker.core.dates import MONTHS, WEEKDAY_PATTERN, WEEKDAYS, month_pattern

PROSE_LENGTH = 150  # a line this long that ends like a sentence is article text
MAX_FURNITURE = 300  # longer lines are never furniture

_END = re.compile(r"[.!?][\"”’)]*$")
_NAME = r"(?:[A-Z][\w'’.-]*|d[aei]|de la|van|von|der|bin|al)"
_NAMES = rf"{_NAME}(?:\s+{_NAME}){{0,4}}(?:\s*(?:,|and|&)\s*{_NAME}(?:\s+{_NAME}){{0,4}}){{0,3}}"
_ROLES = (
    r"(?:(?:senior|staff|chief|contributing|legal|tech(?:nology)?|business|political|news|"
    r"deputy|managing|associate|investigative|court|global|national|west coast|ai|special)\s+)*"
    r"(?:reporter|correspondent|writer|editor|journalist|columnist|contributor|analyst|producer|"
    r"author|photographer|bureau chief|fellow)s?"
)
_BYLINE = re.compile(
    rf"^(?i:(?:written |words |story |text |reporting |interview )?by)\s+{_NAMES}"
    r"(?:\s*(?:[,|·•/]|\s[-–—])\s*.{0,60})?$"
)
_CREDITS_LINE = re.compile(
    r"^(?i:(?:additional )?(?:reporting|writing|editing|research|graphics|fact[- ]checking)"
    r"(?: by)?)\b.{0,160}(?i:\b(?:by|editing|edited)\b).{0,120}$"
)
# "Ann Vu contributed reporting.", "The Associated Press contributed to this report.", "Ann Vu in
# Tarn and Tom Roe contributed reporting from Oslo.": names from the line's start, then the note;
# "He said the engineer contributed research." is a sentence
_CONTRIBUTOR = (
    rf"{_NAME}(?:\s+{_NAME}){{0,4}}(?: (?:in|from) [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){{0,2}})?"
)
_CONTRIBUTED = re.compile(
    rf"^{_CONTRIBUTOR}(?:(?:,|,? and|,? &) {_CONTRIBUTOR}){{0,5}} (?:also )?contributed "
    r"(?:reporting|research|to this (?:report|story|article))"
    r"(?: (?:from|in) [A-Z][^.!?]{0,60})?\.?$"
)
_NAME_ROLE = re.compile(
    rf"^{_NAMES}\s*(?:,|\||[-–—])\s*(?i:{_ROLES})\b.{{0,50}}$|^(?i:{_ROLES})(?i: at [\w .'’&-]{{1,40}})?$"
    # "Dan Reyes UK technology editor": the name and the role with nothing between
    rf"|^{_NAMES}\s+(?i:{_ROLES})$"
)
_NOT_A_NAME = re.compile(
    r"(?i:by\s+(?:the|a|an|then|now|law|contrast|comparison|noon|midnight|\d|"
    rf"{'|'.join((*WEEKDAYS, *MONTHS))})\b)"
)
_DESK = re.compile(
    r"^[A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*){0,3} (?i:staff|desk|newsroom|team|editors|editorial|"
    r"editorial (?:staff|team|board)|staff reports?|wire services?|news services?)$"
    r"|^(?i:(?:from )?(?:staff|wire|staff and wire|wire and staff) reports?|staff)$"
)
# "Posted by Jane Doe", "Posted on November 6, 2025 by Jane Doe": a blog's byline, wherever it sits
_POSTED = re.compile(
    rf"^(?i:posted|published|filed|written)(?P<date>(?:\s+(?i:on|at))?\s+[\w ,.:/-]{{1,40}}?)?"
    rf"\s+(?i:by)\s+{_NAMES}$"
)
# A note on the writer, by name or as "The writer": "Ann Vu covers courts.", "The writer is a
# former harbour editor." (an opinion page's convention; "The author is ..." stays: news about
# authors says so)
_BIO = re.compile(
    rf"^(?P<who>{_NAMES}|The (?:writer|columnist)) "
    r"(?i:is an?|was an?|covers|writes about|reports on)\b"
)
_BIO_ROLE = re.compile(rf"(?i:\b{_ROLES}\b|\bcovers\b|\bwrites about\b|\breports on\b)")
# An opinion page's note on its writer ends by disowning the views: "Ann Vu is a novelist. The
# views expressed are her own."
_OWN_VIEWS = re.compile(
    r"(?i:\b(?:the )?(?:views|opinions) (?:expressed )?(?:here |in this \w+ )?are "
    r"(?:his|her|their|my|the (?:author|writer|columnist)['’]s) own\.?)$"
)
# ... or says when the column runs, then disowns the views: "Ann Vu's column appears monthly.
# The views expressed are her own."
_COLUMN_NOTE = re.compile(
    rf"^{_NAMES}['’]s? (?i:column|newsletter|letter) (?i:appears|runs|is published)\b[^.!?]{{0,40}}"
    r"\.\s+"
)

_MONTHS = month_pattern()
_DAYS = WEEKDAY_PATTERN
# Time zones as pages print them; upper case where a line must say a zone ("All times are ET",
# not "All times are wrong"), any case in a date line
_ZONES = r"[ECMP][SD]T|ET|PT|CT|MT|UTC|GMT|BST|CET|CEST|EET|EEST|IST|AEST|AEDT|JST|HKT|SGT|Z"
_TIME_WORDS = (
    r"updated|published|posted|modified|edited|last|first|originally|on|at|as of|date|time|"
    r"min|mins|minute|minutes|hours?|hrs?|days?|seconds?|ago|read|reading|listen|just now|"
    r"today|yesterday|a\.?m\.?|p\.?m\.?|noon|midnight"
)
_DATE_TOKEN = re.compile(
    rf"(?i:\b\d{{1,2}}:\d{{2}}(?::\d{{2}})?\b|\d+|\b(?:{_MONTHS}|{_DAYS}|{_ZONES})\b\.?|"
    rf"\b(?:{_TIME_WORDS})\b)"
)
_DATE_SIGNAL = re.compile(
    rf"(?i:\d{{1,2}}:\d{{2}}|\d+\s*(?:-|\s)?(?:min(?:ute)?s?|hours?|hrs?)\b|\b(?:{_MONTHS})\b\.?\s*\d|"
    r"\d{4}-\d{2}-\d{2}|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:updated|published|posted)\b)"
)
_READ_TIME = re.compile(r"(?i:\d+\s*(?:-\s*)?(?:min(?:ute)?s?|hours?)\b\s*(?:read|listen))")

_AGENCIES = (
    r"getty images|getty|ap photo|ap|the associated press|associated press|reuters|afp|"
    r"bloomberg|shutterstock|alamy|epa(?:-efe)?|nurphoto|invision|sopa images|imago|dpa|"
    r"anadolu|xinhua|pool|courtesy(?: of [\w .'’&-]{1,40})?|handout|file|istock(?:photo)?|"
    r"unsplash|the washington post|the new york times|wikimedia commons"
)
_CAPTION_LABEL = re.compile(
    r"^(?i:(?:file |main |top |lead |header |featured |cover )?(?:photo(?:graph)?|image|picture|"
    r"illustration|graphic|video|caption|credit|pictured|photo illustration|composite)s?"
    r"(?: credits?)?\s*(?:[:|]|by\b))"
)
_SOURCE = re.compile(
    r"^(?i:source|sources|via|originally published (?:at|by|in))\s*:\s*[^.!?]{1,50}$"
)
_CREDIT_END = re.compile(
    rf"(?i:(?:/|\bvia\b|\s[-–—|]\s*|\bphoto(?:graph)?(?:er)?:?\s*|\bcredit:?\s*|\bimage:?\s*)"
    rf"\s*[\w .'’-]{{0,40}}?(?:{_AGENCIES})\s*\)?\.?$)"
    # the agency first, then the photographer's name: "REUTERS/Ann Vu", "AP Photo/Ann Vu"
    r"|^(?i:reuters|ap photo|ap|afp|epa(?:-efe)?|getty images|bloomberg|xinhua|anadolu|pool|"
    r"shutterstock|alamy)\s*/\s*[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}$"
)
# A caption's credit after its sentence, naming whoever it is: "... London. Photograph: Ann
# Vu/Tarn Pictures", "... Image: Harbour Memo", "Photo (cc) 2021 by Ann Vu / Quay",
# "Credit...Ann Vu for The Courier"
_CREDIT_WORD = r"(?:[A-Z][\w'’.&-]*|for|of|the|via|and|&|de|da|van|von|le|la)"
_CREDIT_NAMED = re.compile(
    r"(?:^|[.!?…][\"”’)]?\s+)(?i:(?:photo(?:graph)?|image|picture|illustration|composite|"
    r"graphic|video|credit|photo illustration)s?)(?:\s*\((?i:cc)\)\s*\d{4})?"
    r"\s*(?::|\.\.\.|…|(?i:by|via)\b)\s*[\"“]?"
    rf"[A-Z][\w'’.&-]*(?:(?:\s*/\s*|\s+){_CREDIT_WORD}){{0,10}}[\"”]?\.?$"
)
_CREDIT_PAREN = re.compile(
    rf"\((?i:(?:photo|image|photograph|illustration|credit|pictured|picture)\b[^()]{{0,160}}|"
    rf"[^()]{{0,120}}\b(?:{_AGENCIES})\b[^()]{{0,40}})\)\s*\.?$"
)

_AD = re.compile(
    r"^(?i:advertisement|advertising|ads?|ad placeholder|ad slot|ad feedback|sponsored(?: content| post| story)?|"
    r"paid (?:content|post|partner content|for by [\w .'’&-]{1,40})|promoted(?: content)?|"
    r"partner content|presented by [\w .'’&-]{1,40}|"
    # a newsletter's sponsor slot: "A word from our sponsor", "Today's sponsor"
    r"(?:a (?:word|message|note) from )?(?:our|today['’]s|this (?:week|issue)['’]s) sponsors?|"
    r"(?:story|article|text) continues (?:below|after)(?: this| the)?(?: advertisement| ad)?|"
    r"continue reading (?:below|the main story|after (?:the |this )?(?:ad|advertisement))|"
    r"scroll (?:down )?to continue(?: reading)?|skip (?:the )?ad(?:vertisement)?)\s*[.:!→»›]*$"
)
_PROMPT_START = re.compile(
    r"^(?i:sign up\b|subscribe\b|register (?:now|today|for free|to)\b|log ?in\b|sign in\b|"
    r"create (?:a|an|your) (?:free )?account|get (?:the|our) (?:free )?(?:app|newsletter)|"
    r"download (?:the|our) (?:[\w .'’&-]{1,40} )?app\b|"
    r"enjoying [\w .'’&-]{1,40}\?|privacy notice\s*:|(?:open|read|continue) in (?:the )?app|"
    r"get the app|"
    r"continue reading\b|keep reading\b|read (?:the )?full (?:story|article|report|piece|interview)\b|"
    r"read more (?:on|at|from) (?:our|the) [\w .'’&-]{1,40}(?:page|site|website|app)\b|already (?:a subscriber|a member|have an account)|"
    r"become a (?:member|subscriber|supporter)|support (?:our|independent|quality) journalism|"
    r"join (?:now|today|us|our|the conversation|\d[\d,]* )|start (?:your|a) free trial|"
    r"try (?:it )?(?:free|for \$?\d)|unlock (?:this|full|unlimited)|"
    r"get (?:unlimited|full|digital|instant) access|gift (?:this|the) (?:article|story)|"
    r"listen to (?:this )?(?:article|story)|enter your e-?mail|don['’]t miss\b|never miss\b|"
    r"want more\b|like this (?:story|article)|enjoy(?:ed)? this (?:story|article)|"
    r"thanks? (?:you )?for (?:reading|signing up|subscribing)|you['’]ve (?:read|reached|used)|"
    r"you have (?:read|reached|used) (?:your|\d)|this (?:article|story|content) is (?:for|only|exclusive)|"
    r"we use cookies|this (?:site|website) uses cookies|accept(?: all)? cookies|"
    r"(?:manage|change|update) (?:cookie |privacy |your |e-?mail )*"
    r"(?:preferences|settings|choices|subscriptions?)\b|"
    r"cookie (?:settings|preferences|policy)|by (?:clicking|continuing|signing up|subscribing|"
    r"entering your|registering)|follow us\b|follow (?:@\w+|[\w .'’]{1,40} on (?:x|twitter|"
    r"facebook|instagram|linkedin|threads|bluesky|google news))|"
    r"turn on (?:notifications|alerts)|allow notifications|get (?:[\w .'’&-]{1,40} )?alerts\b|"
    # a newsletter's footer: "Forward this to a friend", "Forwarded this? Subscribe", "You are
    # receiving this because ...", "Unsubscribe", "View in browser"
    r"forward (?:this|it)(?: e-?mail| newsletter| issue)? to (?:a friend|friends|someone|a colleague)|"
    r"(?:was this |were you )?forwarded (?:this|to you)\b[^.!?]{0,40}\?|"
    r"you(?:['’]re| are) (?:receiving|getting|reading) this\b[^.!?]{0,60}\bbecause\b|"
    r"you(?:['’]re| are) subscribed (?:as|to|at)\b|(?:click here )?to unsubscribe\b|"
    r"unsubscribe(?: here| now| anytime| at any time)?\s*[.!]?$|"
    r"view (?:this (?:e-?mail|newsletter|issue) )?(?:in|on) (?:your |a |the )?(?:browser|web)\b|"
    r"have a (?:news )?tip|got a tip|"
    r"send us a tip|contact the (?:author|reporter|newsroom)|email the (?:author|reporter)|"
    r"write to [\w .'’-]{1,40} at \S+@|report an error|corrections? policy|newsletter\b)"
)
# An e-mail address, its two parts runs without "@" (a line of many "@" is read in one pass)
_EMAIL = r"[^\s@]+@[^\s@]+\.\w{2,10}"
_PROMPT_ANY = re.compile(
    r"(?i:\b(?:your|the) inbox\b|\bour (?:free )?newsletters?\b|"
    r"\bnewsletters?\b.{0,60}\b(?:sign up|subscribe)|\b(?:sign up|subscribe)\b.{0,60}\bnewsletter|"
    r"\bfree (?:articles?|stories) (?:left|remaining)|\bsubscribers? only\b|\bfor subscribers\b|"
    r"\bto continue reading\b|\bstart your free trial\b|\bsign up (?:for )?free\b|"
    r"\bwe use cookies\b|\byou agree to our\b|\bour (?:privacy|cookie) policy\b|"
    r"\bby continuing to (?:browse|use)\b|\ball rights reserved\b|\bwe (?:may )?earn (?:a )?"
    r"(?:commission|affiliate)|\baffiliate (?:links?|commission)|\bsponsored by\b)"
    # a desk's tip line after what it covers: "Harbour Memo follows the port's cases. Tips:
    # desk@memo.example"
    r"|(?:^|[.!?]\s+)(?i:(?:send (?:us )?(?:your )?)?(?:news )?tips?)\s*(?::|to\b|at\b)\s*"
    rf"{_EMAIL}\.?$"
    # a newsletter saying what it is, a line of its own: "Harbour Memo is a weekly digest for
    # port lawyers."
    r"|^[A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){0,3} is (?:a|an) (?:[\w-]+ ){0,2}"
    r"(?:newsletter|digest|briefing)\b[^.!?]{0,80}\.?$"
    # a newsletter's disclaimer, its last sentence: "Nothing here is legal advice."
    r"|(?:^|[.!?]\s+)(?i:nothing (?:here|in this \w+)|this (?:newsletter|issue|e-?mail|post|site)"
    r"(?: is not| isn['’]t| does not constitute)) (?i:(?:is |constitutes )?(?:legal|investment|"
    r"financial|tax) advice)\.?$"
)
_STRONG_PROMPT = re.compile(
    r"(?i:\bwe use cookies\b|\byou agree to our\b|\bdelivered (?:straight |directly )?to your inbox\b|"
    r"\bby continuing to (?:browse|use)\b|\ball rights reserved\b)"
    # where the story ran in print: "Appeared in the May 2, 2026, print edition as '...'."
    r"|^Appeared in the [^.]{0,40}print edition(?: as\b|\.?$)"
    r"|^(?i:a version of this (?:article|story) (?:appears|appeared) in print\b)"
)
# A live blog's and a developing story's own lines: "Live updates from Oakland", "This post
# will be updated.", "This is a developing story.", "All times are ET"
_LIVE = re.compile(
    r"^(?i:(?:follow )?(?:our )?live (?:updates|coverage|blog|reporting)"
    r"(?: (?:from|in|at|on) [^.!?:]{1,50})?|"
    r"this (?:post|story|article|page|blog|live blog|report) (?:will be|is being|has been|"
    r"was|may be) (?:updated|refreshed)\b[^!?]{0,100}|"
    r"this is a (?:developing|breaking|live)(?: news)? (?:story|report|page)\b[^!?]{0,80}|"
    r"(?:check|refresh|come) back (?:here |later |soon )*for (?:more|updates|the latest)\b[^!?]{0,60}|"
    r"refresh(?: (?:this|the) page)? (?:for|to see) (?:more|updates|the latest)\b[^!?]{0,60}|"
    rf"all times (?:are |stated are |in )?(?-i:{_ZONES}|Eastern|Pacific|Central)(?: time)?|"
    r"breaking(?: news)?|exclusive|developing(?: story)?|just in|live now)\s*[.:!]?$"
)
_NAV = re.compile(
    r"^(?i:skip to (?:main |the )?(?:content|navigation|search|footer|article)|jump to\b.{0,40}|"
    r"back to (?:top|news|blog|home|homepage|articles?|stories|[\w ]{1,30})|[←↑⬅«‹]\s*.{0,40}|"
    r"home|menu|search|close|next|previous|prev|next (?:article|story|post)|"
    r"previous (?:article|story|post)|show (?:more|less)|load more|see (?:all|more)|view (?:all|more)|"
    r"view comments|\d+\s*comments?|comments? \(\d+\)|print|save|saved|bookmark|copy link|"
    r"link copied|(?:tags?|topics?|filed under|categories|sections?|(?:read )?more about|"
    r"explore more on (?:these|this) topics?)\s*[:|]?\s+.{1,120}|"
    r"(?:suggested|related|more|popular) topics\s*:?|"
    r"(?:home|news)\s*[>›»/|]\s*.{0,100}|toggle navigation|navigation|main menu|"
    r"listen(?: now)?|play|pause|watch(?: now)?|full screen|enlarge (?:this )?image|"
    r"expand|collapse|(?:\d+ )?(?:photos?|images?|slides?)|gallery|video|audio|"
    r"(?:show|hide|toggle|view) caption|opens? in (?:a )?new (?:window|tab)|share full article|"
    r"reuse this content|newsletters?|"
    # a digest's table of contents: "In this issue", "In today's edition", "Contents"
    r"in (?:this|today['’]s|this week['’]s) (?:issue|edition|newsletter|briefing|digest)|"
    r"(?:table of )?contents|this article is more than \d+ (?:years?|months?) old|"
    r"[_*=~•·\-–—]{3,}|(?:[*•·] ){2,}[*•·])\s*[.:→»›]*$"
)
_INLINE_LINK = re.compile(
    r"^(?i:read more|read also|also read|read next|related|related (?:story|article|coverage|content|link)|"
    r"see also|more|more on this|must read|recommended|trending|watch|listen|explainer|"
    r"further reading|don['’]t miss|opinion|analysis|background|live updates?|"
    r"more (?:guides|explainers|stories|coverage|reading|analysis))"
    r"\s*[:|»›>→]\s*\S.{0,160}$"
)
# "More from <Site>: <a headline>" (no full stop: a sentence after a name is article text)
_MORE_FROM = re.compile(
    r"^(?i:more from) [A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){0,4}\s*:\s*[^.]{1,120}$"
)
_SOCIAL_WORDS = re.compile(
    r"(?i:\b(?:share|shares|sharing|this|article|story|post|page|on|via|x|twitter|facebook|"
    r"linkedin|e-?mail|whatsapp|reddit|bluesky|threads|mastodon|telegram|pinterest|flipboard|"
    r"instagram|youtube|tiktok|print|copy|link|url|save|comment|comments|gift|tweet|pin|sms|"
    r"messenger|more|options|menu|close)\b)"
)
_EMBED = re.compile(
    r"^(?:[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s*.{0,40}|(?:https?://|www\.|pic\.twitter\.com/)\S+|"
    rf"@\w{{1,30}}|{_EMAIL}|a post shared by .{{1,80}}|view (?:this post|on) \w+.{{0,40}})$",
    re.I,
)
# A wire's standards footer ("Our Standards: ...", "<Outlet> Standards: ...", trust principles)
_STANDARDS = re.compile(
    r"^(?:(?i:our)|[A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){0,3}) (?i:editorial )?(?i:standards)\s*:"
    r".{0,20}\b(?i:our|how we|trust|principles|accuracy|independence|ethics)\b"
    r"|(?i:\btrust principles\b)"
    # the footer's link alone: "Tarn Courier Editorial Standards", "Our Standards"
    r"|^(?i:our standards)$|^(?:(?i:our)|[A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){0,3}) "
    r"(?i:editorial standards|standards (?:and|&) (?:ethics|practices|principles))$"
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s*\d{4}|(?i:copyright)\s*(?:©|\(c\))?\s*\d{4})")
_CODE_START = re.compile(
    r"^\s*(?:var |let |const |function\s*\w*\s*\(|\(function|window\.|document\.|googletag\.|"
    r"if\s*\(|for\s*\(|return\b|try\s*\{|\}\s*\)?\s*;?|<\/?(?:script|style|div|span|iframe)\b|"
    r"@media\b|@import\b|@font-face\b|[.#][\w-]+(?:\s*[.#:>\w-]+)*\s*\{|[a-z-]+\s*:\s*[^;]{1,60};\s*$)"
)
_CODE_END = re.compile(r"(?:[;{}]|\)\s*;?|\]\s*;?)\s*$")
_CODE_TOKEN = re.compile(r"[=(){}\[\]]|\w\.\w+\(|=>|&&|\|\|")
_SEPARATORS = re.compile(r"\s+[|·•/]\s+|\s+[-–—]\s+|\s*[|·•]\s*")
# A row of section names: short capitalised items between bars or dots ("Tech | Markets | Deals",
# "Courtside Law | Litigation"), never a sentence
BAR_SPLIT = re.compile(r"\s+[|·•]\s+")  # a bar or a dot between spaces: items of a row
_MENU_ITEM = re.compile(r"^[A-Z&][\w'’.&-]*(?: [\w'’.&-]+){0,2}$")
MENU_ITEM = 25  # an item of a section menu is at most this long
MENU_ITEMS = 3  # a menu has this many items; a "Site | Section" label has two short ones
LABEL_WORDS = 2  # each part of a "Site | Section" label is at most this many words


def ends_like_sentence(line: str) -> bool:
    return bool(_END.search(line))


def is_prose(line: str) -> bool:
    """Long and ends like a sentence: article text, whatever words it has."""
    return len(line) >= PROSE_LENGTH and ends_like_sentence(line)


def is_menu(line: str) -> bool:
    """A section menu: three or more short capitalised items between bars or dots, none of them
    a sentence ("Tech | Markets | Deals"); or a "Site | Section" label, two items of at most two
    words ("Harbour Memo | Litigation"). A headline with its site's name after a bar ("Disney
    sues Midjourney | The Verge") is neither: `title_clean` takes the site's name off."""
    if len(line) > 120 or not BAR_SPLIT.search(line):
        return False
    parts = BAR_SPLIT.split(line)
    if len(parts) < MENU_ITEMS and any(len(part.split()) > LABEL_WORDS for part in parts):
        return False
    return all(
        len(part) <= MENU_ITEM and bool(_MENU_ITEM.match(part)) and not ends_like_sentence(part)
        for part in parts
    )


def is_code(line: str) -> bool:
    """Stray script or CSS: starts like code, or ends like code with code punctuation inside."""
    if _CODE_START.match(line):
        return bool(_CODE_TOKEN.search(line) or line.strip() in {"}", "});", "})();", "};"})
    return bool(_CODE_END.search(line)) and len(_CODE_TOKEN.findall(line)) >= 3


def is_timestamp(line: str) -> bool:
    """Dates, times, "Updated ...", "5 min read": nothing else but at most two label words."""
    if len(line) > 120 or not _DATE_SIGNAL.search(line):
        return False
    rest = re.sub(r"[\W_]+", " ", _DATE_TOKEN.sub(" ", line)).split()
    return len(rest) <= (2 if _READ_TIME.search(line) or ":" in line else 1)


def is_byline(line: str) -> bool:
    if len(line) > 160:
        return False
    if _BYLINE.match(line) and (not ends_like_sentence(line) or len(line) <= 60):
        return not _NOT_A_NAME.match(line)
    if _CREDITS_LINE.match(line) or _NAME_ROLE.match(line) or _DESK.match(line):
        return True
    if _CONTRIBUTED.match(line):
        return True
    posted = _POSTED.match(line)
    if posted and (not posted["date"] or is_timestamp(posted["date"].strip())):
        return True
    if _COLUMN_NOTE.match(line) and _OWN_VIEWS.search(line):
        return True
    bio = _BIO.match(line) if len(line) <= 300 else None
    if bio is None:
        return False
    return bool(_BIO_ROLE.search(line, bio.end("who")) or _OWN_VIEWS.search(line))


def is_caption(line: str) -> bool:
    if _CREDIT_PAREN.search(line) or _CREDIT_END.search(line) or _CREDIT_NAMED.search(line):
        return len(line) <= MAX_FURNITURE
    if _SOURCE.match(line):
        return True
    return len(line) <= 200 and bool(_CAPTION_LABEL.match(line))


def is_prompt(line: str) -> bool:
    """Paywall, newsletter, cookie, app and follow prompts, ads and copyright lines."""
    if _AD.match(line) or _COPYRIGHT.match(line):
        return True
    if len(line) <= 160 and _STANDARDS.search(line):
        return True
    if _STRONG_PROMPT.search(line) or _LIVE.match(line):
        return True
    if is_prose(line):
        return False
    return bool(_PROMPT_START.match(line) or _PROMPT_ANY.search(line))


def is_share(line: str) -> bool:
    """A row of share buttons: nothing but the names of networks and share words."""
    return len(line) <= 120 and not _SOCIAL_WORDS.sub("", line).strip(" \t:|·•,.-–—/→»›+")


def _is_furniture_part(line: str) -> bool:
    return (
        is_timestamp(line)
        or is_byline(line)
        or is_share(line)
        or bool(_NAV.match(line))
        or is_menu(line)
        or bool(_EMBED.match(line))
        or is_prompt(line)
    )


def _is_label(part: str) -> bool:
    """A short name-like part of a furniture row ("AI Navigate Editorial", "TechCrunch")."""
    return len(part) <= 40 and not ends_like_sentence(part) and len(part.split()) <= 4


@functools.lru_cache(maxsize=50_000)
def is_furniture(line: str) -> bool:
    """Whether one (normalised, non-empty) line is page furniture rather than article text."""
    if not line or len(line) > MAX_FURNITURE:
        return False
    if is_caption(line) or is_code(line):
        return True
    if is_prose(line):
        return bool(_STRONG_PROMPT.search(line))
    if _is_furniture_part(line) or _INLINE_LINK.match(line) or _MORE_FROM.match(line):
        return True
    parts = [p for p in _SEPARATORS.split(line) if p and p.strip(" .:")]
    if len(parts) < 2:
        return False
    flags = [_is_furniture_part(p) for p in parts]
    return any(flags) and all(f or _is_label(p) for f, p in zip(flags, parts, strict=True))


def is_headline(line: str) -> bool:
    """Looks like a headline: a few words, short, not a sentence that ends in a full stop."""
    words = line.split()
    if not 3 <= len(words) <= 25 or len(line) > 160:
        return False
    if line.endswith(".") and not re.search(r"\b[A-Z]\.$|\.\.\.$", line):
        return False
    return not is_furniture(line)
