"""What the bot says around the answers: help, commands' replies, buttons, errors (English, marked for the catalogs).

Admin commands stay English on purpose: their readers are the team, and their words are the knowledge base's.
"""

from __future__ import annotations

from bot.i18n import N_

EXAMPLES = (  # (button label, destination, topics, passports) on /start
    (N_("North Korea with a US passport?"), "KP", ["entry"], ["US"]),
    (N_("Is Turkmenistan open?"), "TM", ["status"], []),
    (N_("Pyongyang marathon stories"), "KP", ["reports"], []),
)
WELCOME = N_(
    "<b>Welcome to Borderline.</b> Ask me whether you can travel to a restricted place, whether its border is "
    "open, how safe it is, who has been there and how to get in. Every fact comes with its source and the date it "
    "was checked.\n\nTell me your passport once with /passport US (or several: /passport US MX). Try one of these:"
)
HELP = N_(
    "<b>Borderline</b> answers questions about travelling to restricted places, with dated, sourced facts.\n\n"
    "Just ask, in your own words and language, e.g. <i>Can I go to North Korea as an American?</i>, "
    "<i>Is Eritrea safe?</i>, <i>How do I get to Tibet?</i>\n\n"
    "<b>Commands</b>\n"
    "/passport US MX — remember your passports (/passport shows them, /passport clear forgets)\n"
    "/follow KP — get a message when facts about a destination change; /unfollow KP; /following\n"
    "/language — the language I answer in\n"
    "/about — sources, licences and what this bot is not\n"
    "/privacy — what is stored about you; /forget deletes it\n"
    "In groups: /ask &lt;question&gt;, or mention me. Anywhere: type @%(username)s north korea"
)
ABOUT = N_(
    "<b>About Borderline</b>\n\n"
    "Curated facts about restricted destinations, each with its source and the date it was checked, on top of "
    "dated baselines for every country: the Passport Index dataset (February 2026, MIT licence), US State "
    "Department advisories (August 2026 snapshot, public domain), UK FCDO page dates (Contains public sector "
    "information licensed under the Open Government Licence v3.0), Smartraveller levels (February 2025), country "
    "names from mledoze/countries (ODbL 1.0) and Unicode CLDR.\n\n"
    "Borderline is not a government service, a travel agent or a lawyer. Rules change without notice: check the "
    "official sources linked in each answer before you travel. Nothing here is legal advice."
)
PRIVACY = N_(
    "<b>Privacy</b>\n\n"
    "Stored about you: your Telegram user id with the passports you saved (/passport), the language you chose "
    "(/language), the destinations you follow (/follow), and reports you chose to share. Questions are counted "
    "under an opaque hash, not your id; the text of questions the bot could not answer is kept so admins can "
    "improve it.\n\n"
    "/forget deletes everything stored under your user id, and the questions counted under its hash, at once."
)
SLOW_DOWN = N_("You are sending questions very fast. Please slow down a little.")
SLOW_DOWN_SHORT = N_("Please slow down a little.")
ASK_USAGE = N_("Usage: /ask &lt;question&gt;, e.g. <code>/ask can I go to North Korea as an American?</code>")
TEXT_ONLY = N_("I can only read text questions. Try: Can I go to North Korea with a US passport?")
NOTHING_STORED = N_("Nothing was stored about you.")
YOUR_PASSPORTS = N_("Your passports: %(passports)s. Change them with /passport US MX, or /passport clear.")
NO_PASSPORT = N_("No passport saved. Save yours with e.g. /passport US (several: /passport US MX).")
PASSPORTS_CLEARED = N_("Your saved passports are forgotten.")
NOT_A_PASSPORT = N_(
    "I did not recognise %(words)s as a passport. Usage: /passport US MX (ISO country codes, at most %(max)s), "
    "/passport to show, /passport clear to forget."
)
THAT = N_("that")
PASSPORTS_SAVED = N_("Saved: %(passports)s. I will use them for your questions.")
FOLLOW_USAGE = N_("Usage: /follow KP (a destination code or name), e.g. /follow North Korea")
UNFOLLOW_USAGE = N_("Usage: /unfollow KP (a destination code or name), e.g. /unfollow North Korea")
FOLLOWING_NOW = N_("You now follow %(name)s: I will message you when its facts change.")
ALREADY_FOLLOWING = N_("You already follow %(name)s.")
UNFOLLOWED = N_("You no longer follow %(name)s.")
NOT_FOLLOWING = N_("You were not following %(name)s.")
FOLLOW_NONE = N_("You follow no destination. Try /follow KP.")
FOLLOW_LIST = N_("You follow:\n%(lines)s\n\nStop with /unfollow CODE.")
BUTTON_EXPIRED = N_("This button has expired. Please ask your question again.")
OVERVIEW = N_("Overview")
DATED_FACTS = N_("Dated, sourced travel facts")
ASK_IN_PRIVATE = N_("Ask Borderline in private")
INLINE_CHECKED = N_("%(passport)s: %(verdict)s (checked %(date)s)")
NOTHING_TO_CANCEL = N_("Nothing to cancel.")
CANCELLED = N_("Cancelled.")
SHARE_PROMPT = N_("Tell us what you experienced, in your own words (at least 20 characters). Start with "
                  "'name: Your Name;' if you want to be credited.")
STEP_PROMPT = N_("(%(number)s/%(total)s) %(prompt)s\n/cancel to stop.")
UNKNOWN_DESTINATION = N_("I do not know that destination. Try a code such as KP.")
# /language
LANGUAGE_NOW = N_("I answer in %(language)s here. Choose another language, or let me follow the language of "
                  "each question:")
LANGUAGE_AUTO_NOW = N_("I answer in the language of each question (else your Telegram language). Choose a "
                       "language to always use:")
LANGUAGE_SET = N_("From now on I answer in %(language)s. /language auto goes back to the language of each question.")
LANGUAGE_AUTO = N_("I will answer in the language of each question, else in your Telegram language.")
LANGUAGE_UNKNOWN = N_("I do not speak %(words)s yet. I can answer in: %(languages)s. Usage: /language de, or "
                      "/language auto.")
LANGUAGE_AUTO_BUTTON = N_("Automatic")
# The command menu (setMyCommands), per language
COMMAND_DESCRIPTIONS = {
    "start": N_("Welcome and examples"),
    "help": N_("What I can do"),
    "passport": N_("Save your passports: /passport US MX"),
    "follow": N_("Get updates about a destination: /follow KP"),
    "unfollow": N_("Stop updates: /unfollow KP"),
    "following": N_("Destinations you follow"),
    "language": N_("The language I answer in"),
    "about": N_("Sources, licences, disclaimer"),
    "privacy": N_("What is stored about you"),
    "forget": N_("Delete everything stored about you"),
    "share": N_("Share a first-hand report: /share KP text"),
    "ask": N_("Ask a question: /ask north korea"),
}
PRIVATE_COMMANDS = ("start", "help", "passport", "follow", "unfollow", "following", "language", "about", "privacy",
                    "forget", "share")
GROUP_COMMANDS = ("ask", "language", "help")
SHARE_USAGE = N_(
    "Usage: /share KP what you experienced (at least 20 characters, in your own words), or just /share to be "
    "asked step by step. An admin reviews it before it appears in answers; start with 'name: Your Name;' to be "
    "credited."
)
SHARE_THANKS = N_("Thank you! Your report #%(number)s about %(name)s waits for review.")
CODE_PROMPT = N_("Which destination? A code or a name, e.g. KP or North Korea.")
UNKNOWN_COMMAND = N_("I do not know that command. /help lists what I can do.")
