# ruff: noqa: E501 - word lists read best one rule to a line
"""Word lists behind the rating, warning and content-note rules: each a (pattern, weight) list.

Patterns are case-insensitive regular expressions over the story text. They flag passages for a writer to
look at; the weights are how much one passage says.
"""

from __future__ import annotations

import re

LEXICONS: dict[str, list[tuple[str, float]]] = {
    "sex_explicit": [
        (r"\b(?:had sex|having sex|make love|made love|making love|fuck(?:ed|ing)? (?:him|her|me|you))\b", 2.0),
        (r"\b(?:orgasm\w*|climax(?:ed)?|cock|erection|arousal|aroused|thrust(?:ed|ing|s)?)\b", 1.0),
        (
            r"\b(?:came|come) (?:apart|undone|hard)\b|\b(?:he|she|they|i) came(?=[.!]| with a (?:cry|groan|gasp|shout|moan))",
            1.5,
        ),
        (
            r"\b(?:moan(?:ed|ing|s)?|naked|undress(?:ed|ing)?|bare skin|his hips|her hips|between (?:his|her) legs)\b",
            0.7,
        ),
        (r"\b(?:nipples?|breasts?|groin|lube|condom)\b", 1.0),
    ],
    "sex_scene": [
        (
            r"\bunbutton\w*|\b(?:fell|lowered \w+|pulled (?:him|her)) (?:back )?(?:onto|into|down onto) (?:the|his|her) bed\b",
            1.0,
        ),
        (
            r"\b(?:his|her) mouth (?:on|against|down) (?:his|her|every)\b|\b(?:shudder|arch)(?:ed|ing)? (?:under|beneath|against) (?:him|her)\b",
            1.0,
        ),
        (r"\b(?:took|pulled|tugged|peeled) (?:off )?(?:his|her|their) (?:shirt|jeans|dress|clothes)(?: off)?\b", 1.0),
        (r"\bfade(?:s|d)? to black\b|\b(?:smut|pwp|lemon|nsfw|erotica)\b", 1.5),
    ],
    "sex_mild": [
        (r"\b(?:kiss(?:ed|es|ing)?|made out|making out)\b", 0.5),
        (r"\b(?:shirt off|pulled (?:him|her) (?:closer|down)|into bed|in bed together)\b", 1.0),
    ],
    "violence": [
        (
            r"\b(?:stab(?:bed|bing|s)?|shot|shoot(?:ing)?|punch(?:ed|es|ing)?|kick(?:ed)?|fight(?:ing)?|fought|hit him|hit her)\b",
            1.0,
        ),
        (r"\b(?:kill(?:ed|ing|s)?|murder(?:ed)?|slash(?:ed)?|strangl\w+|choked|attack(?:ed)?|wound(?:ed|s)?)\b", 1.0),
        (r"\b(?:knife|blade|gun|rifle|pistol|sword|machete|arrows?|bullets?)\b", 0.5),
    ],
    "violence_graphic": [
        (
            r"\b(?:gore|entrails|guts|brains?|severed|beheaded|decapitat\w+|disembowel\w*|gutted|spray(?:ed)? of blood)\b",
            2.0,
        ),
        (
            r"\b(?:throat (?:open|cut|slit)|slit (?:his|her|the) throat|cut (?:him|her|the man) open|through (?:his|her|the) neck)\b",
            2.0,
        ),
        (
            r"\b(?:head (?:came|rolled) off|took (?:his|her|its) head off|skull (?:cracked|split)|bone (?:snapped|cracked|splintered))\b",
            2.0,
        ),
        (
            r"\bblood (?:on the snow|sprayed|spattered|everywhere|pooled|poured)|\bhot blood\b|\bblood in (?:his|her|the) mouth\b",
            1.5,
        ),
        (
            r"\b(?:kill(?:ed|ing)? (?:him|her|them|the man)|the (?:man|woman|body) (?:dropped|fell|crumpled)|went limp)\b",
            1.0,
        ),
        (r"\b(?:knife|blade|sword|bayonet|machete|kunai) (?:into|through|in) (?:the|his|her|a|its) \w+", 1.5),
        (r"\bblood (?:in|on|from) (?:his|her|their|its) (?:teeth|mouth|face|hands)\b", 1.0),
        (
            r"\b(?:cracked|snapped|broke|crushed) (?:his|her|its|the man's) (?:neck|spine|skull|windpipe)\b|\bheadshot\b",
            2.0,
        ),
        (r"\b(?:cut|slit|opened|tore out) (?:his|her|its|their|the man's) (?:throat|belly|stomach)\b", 2.0),
    ],
    "blood": [(r"\b(?:blood\w*|bleed(?:ing|s)?|bled)\b", 1.0)],
    "injury": [
        (
            r"\b(?:wound(?:ed|s)?|injur(?:y|ies|ed)|stitch(?:es|ed|ing)?|bandag\w+|gauze|concussion|fractur\w+|broken (?:rib|arm|leg|wrist|bone)s?|sprain\w*|bruis\w+|cuts?)\b",
            1.0,
        ),
    ],
    "death": [
        (
            r"\b(?:died|dies|dying|death|dead|deceased|last breath|stopped breathing|no pulse|funeral|grave|corpse|killed)\b",
            1.0,
        ),
        (
            r"\b(?:eyes (?:went|were|had gone) (?:still|empty|glassy|blank|fixed)|went still|stopped moving|slipped away|never woke|lay still)\b",
            1.0,
        ),
    ],
    "death_of": [
        (
            r"(?<!could have )(?<!nearly )(?<!almost )(?<!had )(?<!nobody )(?<!no one )"
            r"\b(?:died|dies|is dead|was dead|in death|last breath|stopped breathing|(?:his|her) death"
            r"|dead (?:man|woman|boy|girl)'s|funeral|slipped away)\b(?! to me)",
            1.0,
        ),
    ],
    "noncon": [
        (
            r"\b(?:rap(?:e|ed|ing|ist)|non-?con\w*|without (?:his|her|their) consent|against (?:his|her|their) will|forced (?:himself|herself) on|sexual(?:ly)? assault\w*|molest\w*)\b",
            2.0,
        ),
    ],
    "minor": [
        (
            r"\b(?:(?:twelve|thirteen|fourteen|fifteen|sixteen|1[2-6])[- ]years?[- ]old|underage|middle school|freshman year of high school)\b",
            1.0,
        ),
    ],
    "profanity_strong": [(r"\b(?:fuck\w*|cunt\w*|motherfuck\w*)\b", 1.0)],
    "profanity_mild": [
        (r"\b(?:shit\w*|damn\w*|bastard\w*|bitch\w*|hell|ass(?:hole)?|crap|bloody hell|piss\w*)\b", 1.0)
    ],
    "nightmares": [
        (r"\b(?:nightmares?|bad dreams?|night terrors?|woke (?:up )?(?:screaming|shaking|gasping|with a start))\b", 1.0)
    ],
    "abuse": [
        (
            r"\b(?:abus(?:e|ed|er|ive)|conditioning|handlers?|the chair|wip(?:e|ed|ing) (?:him|her)|beat(?:en)? (?:him|her|me)|used to hit|scars? from|cupboard under the stairs|tortur\w+)\b",
            1.0,
        ),
    ],
    "hospital": [
        (
            r"\b(?:hospital\w*|infirmary|sickbay|ward|icu|intensive care|nurses?|iv|drip|monitors?|med ?bay|hospital wing|emergency room|a&e|visiting hours)\b",
            1.0,
        ),
    ],
    "alcohol": [
        (
            r"\b(?:beer|wine|whiske?y|vodka|bourbon|scotch|gin|rum|tequila|pints?|drunk|tipsy|hangover|bar|pub|brandy|ale|mead)\b",
            1.0,
        ),
    ],
    "grief": [
        (
            r"\b(?:grief|griev\w+|mourn\w*|funeral|bereave\w*|miss(?:ed)? (?:him|her) so|the grave|headstone|wake|ashes|condolence\w*)\b",
            1.0,
        ),
    ],
    "humor": [
        (
            r"\b(?:laugh(?:ed|ing|s|ter)?|grin(?:ned|ning|s)?|snort(?:ed)?|giggl\w+|chuckl\w+|joke[sd]?|joking|teas(?:e|ed|ing)|smirk\w*|deadpan|rolled (?:his|her|their) eyes|ridiculous|absurd)\b",
            1.0,
        ),
    ],
    "fluff": [
        (
            r"\b(?:smil(?:e|ed|ing)|warm(?:th)?|cozy|cosy|soft(?:ly)?|blanket|cocoa|cookies?|tea|hug(?:ged|ging|s)?|happy|fond(?:ly|ness)?|gentle|sweet)\b",
            1.0,
        ),
    ],
    "angst": [
        (
            r"\b(?:tears?|cr(?:y|ied|ying)|sob(?:bed|bing|s)?|guilt\w*|alone|lonel\w+|grief|hurt|pain|ache[sd]?|aching|regret\w*|broken|empty|despair|numb)\b",
            1.0,
        ),
    ],
    "comfort": [
        (
            r"\b(?:it's (?:okay|alright|all right)|you're safe|i've got you|i'm here|held (?:him|her)|hold(?:ing)? (?:him|her)|soothing|comfort\w*|stay with (?:me|him|her)|look after|take care of)\b",
            1.0,
        ),
    ],
    "family": [
        (
            r"\b(?:family|like a (?:son|daughter|brother|sister|father|mother|dad|mum|mom)|(?:our|my) kids?|adopt\w*|found family|home)\b",
            1.0,
        ),
    ],
}

COMPILED: dict[str, list[tuple[re.Pattern[str], float]]] = {
    name: [(re.compile(pattern, re.IGNORECASE), weight) for pattern, weight in rules]
    for name, rules in LEXICONS.items()
}
