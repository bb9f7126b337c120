"""The words of the demo data: fictional names, organisations and practice answers.

Every person and organisation here is made up: first and last names of many origins are
combined at random, and the organisations are invented. Practice answers are written for
some items of the shipped course (by item id); any other item gets a generic answer.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Adaeze", "Aisha", "Amara", "Andrés", "Anika", "Camila", "Chidi", "Dmitri", "Elif",
    "Emeka", "Farah", "Grace", "Hana", "Ines", "Jonas", "Kai", "Kalani", "Kenji", "Kwame",
    "Leila", "Lucía", "Malik", "Mateo", "Mei", "Nadia", "Nikolai", "Noah", "Olusegun",
    "Priya", "Rafael", "Ravi", "Rosa", "Sami", "Sofia", "Soo-jin", "Tariq", "Thandiwe",
    "Tomás", "Valentina", "Wen", "Yara", "Yuki", "Zainab", "Zoe",
)  # fmt: skip

LAST_NAMES = (
    "Abebe", "Achterberg", "Adeyemi", "Al-Masri", "Andersen", "Bautista", "Castellano",
    "Chowdhury", "Dubois", "Eriksen", "Fairweather", "Ferreira", "Gallagher", "Haddad",
    "Hakimi", "Ishikawa", "Jovanović", "Kamau", "Kowalczyk", "Lindqvist", "Mbatha",
    "Moreno", "Nakamura", "Nguyen", "Novak", "Okonkwo", "Ortega", "Petrov", "Quispe",
    "Rahman", "Sandoval", "Szabo", "Takahashi", "Tran", "Umarov", "Valdivia", "Whitfield",
    "Yildiz", "Zielinski",
)  # fmt: skip

ORGANISATIONS = (
    "Maple Hollow Recovery Center",
    "Northgate Counseling Collective",
    "Bluestem Community Health",
    "Saltmarsh Treatment Services",
)

# US state licensing and certification titles of addiction counselors
CREDENTIAL_PREFIXES = ("LADC", "CADC", "LCDC", "CAC", "LAC", "CASAC")

# the items of the shipped course every practising demo learner fills in once read;
# any other item, a third of them
ALWAYS_PRACTISED = frozenset(
    {"or-pain-in-caseload", "or-goals-for-today", "pp-volume-dial", "sp-sleep-diary",
     "cbt-hand-warming", "pit-self-care-plan"}
)  # fmt: skip

REFLECTIONS: dict[str, tuple[tuple[str, ...], ...]] = {
    # per item: one tuple of possible answers for each prompt, in order
    "or-pain-in-caseload": (
        (
            "Four of my seven clients last week brought up pain; two of them more than once.",
            "Most of them. Back pain and old injuries came up even in sessions about housing.",
            "At least three mentioned it in passing, usually when talking about sleep.",
        ),
        (
            "I usually listen, then suggest they talk to their prescriber. I rarely go further.",
            "I tend to change the subject back to recovery goals, which I now see misses a lot.",
        ),
        (
            "Something practical they can do tonight when the pain flares, besides waiting.",
            "A way to talk about pain and craving together without sounding like I doubt them.",
        ),
    ),
    "or-goals-for-today": (
        (
            "Why pain can stay long after an injury has healed.",
            "How opioids can make pain worse over time.",
        ),
        (
            "A short relaxation exercise I can teach in ten minutes.",
            "Pacing: helping someone plan activity without boom and bust.",
        ),
        (
            "Saying something that sounds like I think the pain is not real.",
            "Stepping outside my scope when medication questions come up.",
            "Nothing much; I mostly want more tools.",
        ),
    ),
    "pp-own-pain-story": (
        (
            "I broke a toe on a door frame; it hurt far more than a small fracture seemed to deserve.",
            "A burn from the oven: very sharp at first, a small mark in the end.",
        ),
        (
            "I was late and stressed, and it hurt more. On holiday the same kind of knock barely registered.",
            "I was alone and worried about work the next day; the pain felt bigger that night.",
        ),
        (
            "Yes, at an emergency department once. I felt dismissed and did not go back when I should have.",
            "Not that I remember, which makes me think about how often my clients are doubted.",
        ),
    ),
    "sp-own-sleep-reflection": (
        (
            "After a short night my shoulders ached and everything irritated me.",
            "Headache by noon, and my patience with clients was thinner.",
        ),
        (
            "I usually say they should talk to their doctor. Now I would ask about their sleep routine first.",
            "I would ask what a typical night looks like, hour by hour, before anything else.",
        ),
    ),
    "cbt-mindful-check-in": (
        (
            "Tightness in my jaw that eased a little once I noticed it.",
            "A dull ache in my lower back; it shifted when I breathed out slowly.",
        ),
        (
            "Thoughts about my next appointment. I came back by counting breaths.",
            "A to-do list kept pulling me away; naming it 'planning' helped me return.",
        ),
        (
            "Noticing is like seeing the wave coming; reacting is being knocked over by it.",
            "You can feel the urge and watch it, without having to do what it says.",
        ),
    ),
    "pit-self-care-plan": (
        (
            "Hearing how much pain clients are in and feeling I cannot fix it.",
            "Sessions where pain and craving are both high and nothing seems to help.",
        ),
        (
            "I stop eating lunch and start dreading Mondays.",
            "I get short with my family and sleep badly.",
        ),
        (
            "A ten-minute walk after lunch at work, and an evening without screens twice a week.",
            "The hand-warming exercise between sessions, and cooking with friends on Sundays.",
        ),
        (
            "My clinical supervisor, at our weekly meeting on Thursdays.",
            "A colleague in the next office; we agreed to check in every Friday.",
        ),
        ("Pacing, mostly with my own running.", "The relaxation practice, before bed."),
    ),
}

GENERIC_REFLECTIONS = (
    "I want to come back to this after talking it over in supervision.",
    "This reminded me of a client I saw last month; I will try this with them.",
    "I had not thought about it this way before. It changes what I will ask first.",
    "Something to discuss with my team at the next case review.",
)

WORKSHEET_TEXT: dict[str, tuple[str, ...]] = {
    # per worksheet field id: possible values of text fields
    "situation": (
        "Long drive to visit family, stuck in traffic",
        "Standing at a work event for two hours",
        "Evening at home after a hard day, alone",
        "Carrying groceries up three flights of stairs",
    ),
    "state": (
        "Tired, worried about money, slept badly",
        "Relaxed, distracted by good company",
        "Stressed and rushing, skipped lunch",
    ),
    "direction": ("Up", "Down", "About the same", "Up at first, then down"),
    "notes": (
        "Coffee after 4 pm",
        "Woke with back pain around 3 am",
        "Nap in the afternoon, 40 minutes",
        "Worried about an appointment",
        "",
    ),
    "role": ("Prescriber", "Primary care", "Pharmacist", "Physical therapist", "Family member"),
    "contact": ("Secure message through the clinic portal", "Phone, weekday mornings", "Email"),
    "consent": ("Yes, signed last month", "Not yet: to ask at the next session", "Yes"),
    "next-step": (
        "Share the pain diary before the next medication review",
        "Ask about a referral for physical therapy",
        "Agree on who the client calls during a flare",
    ),
    "activity": ("Walking the dog", "Gardening", "Playing with grandchildren", "Grocery shopping"),
    "feared-outcome": (
        "That my back will give out and I will be stuck in bed for a week",
        "That the pain will start and not stop",
    ),
    "last-done": ("Two months ago", "Last summer", "Over a year ago"),
    "first-step": (
        "Five minutes around the block with a friend",
        "One small bed, ten minutes, then a break",
    ),
    "mood": ("Anxious", "Low", "Irritable", "Frustrated"),
    "automatic-thought": (
        "This is never going to get better",
        "I can't cope with this without something",
        "Everyone thinks I'm making it up",
    ),
    "thought": ("This is never going to get better", "I can't get through today like this"),
    "evidence-for": ("The pain has been bad all week",),
    "evidence-against": (
        "Last month there were good days",
        "The breathing exercise helped on Tuesday",
    ),
    "evidence": ("Bad all week, but Tuesday was easier after the breathing exercise",),
    "balanced-thought": (
        "This is a flare, and flares have passed before",
        "Today is hard, and I have a plan for hard days",
    ),
    "action": (
        "Called my sponsor, then did the breathing exercise",
        "Took a short walk and used the heat pack",
    ),
}

GENERIC_TEXT = (
    "To talk over at the next session",
    "Discussed with the client; we agreed to try it for a week",
    "See the case notes",
)

RELAXATION_NOTES = (
    "Hands felt warmer by the end.",
    "Hard to settle at first; easier after a few minutes.",
    "Did it between two sessions at work.",
    "",
)

EVALUATION_TEXT: dict[str, tuple[str, ...]] = {
    "most-useful": (
        "The explanation of why pain persists, and the volume-dial picture.",
        "The pacing worksheet: I used it with a client the next day.",
        "Linking pain, mood and craving in one thought record.",
        "The sleep module. I had never asked clients about sleep in this much detail.",
    ),
    "what-to-change": (
        "More case examples from methadone programs.",
        "A printable summary of each module.",
        "",
    ),
    "other-comments": ("Thank you, this was practical.", "", ""),
}

GENERIC_EVALUATION_TEXT = ("Useful and practical.", "")
