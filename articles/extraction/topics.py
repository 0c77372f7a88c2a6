"""Topics of an article: IPTC subjects, recurring key phrases, places and organisations.

Pure Python + spaCy (no Django). ``find_topics(doc, document, people)`` is called by the pipeline
with the spaCy ``Doc`` of ``document.body`` (or ``None`` for non-English text, in which case only
subjects are found, from regex word tokens).

Topic names are meant to be shared across articles (the persistence layer keeps one row per
(kind, name)), so every name is normalised: subjects use the exact IPTC names, phrases are
lower case with a lemmatised head noun, places and organisations are canonicalised
("U.S." -> "United States", "Britain" -> "United Kingdom", no leading "the").
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from .document import Document, Person, Topic
from .names import TITLES
from .text import strip_accents

# ---------------------------------------------------------------------------------------------
# (a) Subjects: the 17 top-level IPTC Media Topics, each with a hand-written weighted lexicon.
# Cues are lemmas ("troop" also matches "troops") or multiword cues ("peace talk", "secretary of
# state"); each word of a cue matches a token's lemma, its lower-case form or a naive singular.
# Weights: 3 = unambiguous for the subject, 2 = typical, 1 or less = weak / ambiguous.
# ---------------------------------------------------------------------------------------------

SUBJECT_LEXICON: dict[str, dict[str, float]] = {
    "arts, culture, entertainment and media": {
        "film": 2.5, "movie": 3, "cinema": 3, "actor": 3, "actress": 3, "album": 3, "song": 2.5,
        "singer": 3, "band": 1.5, "concert": 3, "music": 2.5, "musician": 3, "festival": 1.5,
        "theatre": 2.5, "theater": 2.5, "novel": 2.5, "novelist": 3, "author": 1, "book": 1.5,
        "exhibition": 2.5, "museum": 2.5, "gallery": 2, "artist": 2.5, "art": 2, "painting": 2.5,
        "sculpture": 3, "oscar": 3, "grammy": 3, "bafta": 3, "premiere": 3, "box office": 3,
        "television": 2, "tv": 1.5, "tv show": 3, "sitcom": 3, "drama": 1.5, "series": 1,
        "netflix": 2.5, "broadcaster": 2, "newspaper": 1.5, "journalist": 1.5, "media": 1,
        "celebrity": 2.5, "documentary": 2.5, "opera": 3, "ballet": 3, "poet": 3, "poetry": 3,
        "literature": 3, "culture": 2, "cultural": 2, "heritage": 1.5, "comedian": 3,
        "comedy": 2.5, "streaming": 1.5, "director": 0.5, "award": 1, "star": 0.5, "rapper": 3,
        "pop": 1.5, "hollywood": 3, "playwright": 3, "orchestra": 3,
    },
    "conflict, war and peace": {
        "war": 3, "warfare": 3, "ceasefire": 3, "truce": 3, "troop": 3, "soldier": 3,
        "military": 2, "army": 2.5, "armed force": 3, "peace talk": 3, "peace deal": 3,
        "peace plan": 3, "peace summit": 3, "peace": 2, "missile": 3, "drone": 1.5,
        "airstrike": 3, "air strike": 3, "invasion": 3, "invade": 3, "occupation": 1.5,
        "shelling": 3, "artillery": 3, "gunpowder": 2, "weapon": 2, "arms": 1.5,
        "ammunition": 3, "combat": 3, "battle": 2, "battlefield": 3, "front line": 3,
        "frontline": 3, "offensive": 1.5, "attack": 1.5, "militant": 2.5, "insurgent": 3,
        "insurgency": 3, "rebel": 2.5, "hostage": 2.5, "terrorist": 2, "terrorism": 2,
        "bomb": 2, "bombing": 2, "conflict": 2, "hostility": 2.5, "defence": 1.5, "defense": 1.5,
        "nato": 2, "annex": 2.5, "annexation": 3, "war crime": 3, "military aid": 3,
        "armistice": 3, "siege": 2.5, "militia": 3, "jihadist": 3, "guerrilla": 3, "coup": 2,
        "air force": 2.5, "navy": 2, "warship": 3, "tank": 1, "casualty": 1, "genocide": 2.5,
        "refugee": 1, "territory": 1, "negotiation": 0.5, "fighter": 1, "fighting": 2,
        "kill": 0.5, "strike": 0.5,
    },
    "crime, law and justice": {
        "police": 2, "court": 1.5, "judge": 2, "jury": 3, "juror": 3, "trial": 2.5,
        "prosecutor": 3, "prosecution": 3, "prosecute": 3, "defendant": 3, "lawyer": 2,
        "attorney": 2, "charge": 1.5, "plead": 3, "guilty": 2.5, "innocent": 1.5, "sentence": 2,
        "prison": 2.5, "jail": 2.5, "prisoner": 2, "convict": 2.5, "conviction": 2.5,
        "arrest": 2.5, "crime": 3, "criminal": 2.5, "murder": 3, "homicide": 3,
        "manslaughter": 3, "fraud": 2.5, "theft": 3, "robbery": 3, "burglary": 3, "assault": 2,
        "rape": 3, "suspect": 2, "investigation": 1, "detective": 2.5, "lawsuit": 2.5, "sue": 2,
        "verdict": 2.5, "acquit": 3, "acquittal": 3, "appeal": 1, "law": 1, "legal": 1.5,
        "justice": 1.5, "supreme court": 2, "high court": 2.5, "crown court": 3,
        "magistrate": 3, "bail": 3, "custody": 1.5, "offence": 2, "offense": 2, "smuggling": 2.5,
        "trafficking": 2.5, "gang": 2.5, "stab": 2.5, "stabbing": 3, "shooting": 1.5, "gun": 1,
        "victim": 1, "testify": 2, "testimony": 2, "witness": 1.5, "indict": 3,
        "indictment": 3, "hearing": 1, "courtroom": 3, "officer": 1, "barrister": 3,
        "solicitor": 2, "inquest": 2, "misconduct": 2, "unlawful": 2.5, "illegal": 1.5,
        "crackdown": 1, "kidnap": 2.5, "kidnapping": 2.5, "ruling": 1, "penalty": 0.5,
    },
    "disaster, accident and emergency incident": {
        "flood": 3, "flooding": 3, "earthquake": 3, "quake": 3, "tsunami": 3, "hurricane": 2,
        "storm": 1, "wildfire": 3, "fire": 1.5, "blaze": 2.5, "firefighter": 3,
        "fire brigade": 3, "crash": 2.5, "collision": 2, "derail": 3, "derailment": 3,
        "explosion": 2, "accident": 3, "emergency": 2, "rescue": 2.5, "rescuer": 3,
        "evacuate": 2.5, "evacuation": 2.5, "disaster": 3, "landslide": 3, "mudslide": 3,
        "avalanche": 3, "eruption": 3, "volcano": 3, "death toll": 3, "casualty": 1,
        "injured": 1.5, "injure": 1.5, "injury": 1, "survivor": 1.5, "emergency service": 3,
        "collapse": 1.5, "drown": 2.5, "spill": 2, "debris": 2, "wreckage": 3, "relief": 1,
        "coastguard": 3, "paramedic": 2, "ambulance": 2, "tornado": 2.5, "cyclone": 2,
        "typhoon": 2, "drought": 1, "sinkhole": 3, "missing": 1, "victim": 0.5,
        "search and rescue": 3, "burst its bank": 3, "flood warning": 3, "devastation": 2,
        "destroy": 1, "damage": 1, "inundate": 3, "submerge": 2.5, "stranded": 2, "dead": 1,
    },
    "economy, business and finance": {
        "economy": 2.5, "economic": 2.5, "deal": 1.5, "profit": 2.5, "market": 2, "stock": 2,
        "investor": 2.5, "investment": 2, "invest": 2, "trade": 2, "tariff": 3, "inflation": 3,
        "interest rate": 3, "bank": 2, "central bank": 3, "company": 1.5, "firm": 1.5,
        "business": 2, "revenue": 3, "sale": 1.5, "price": 1.5, "cost": 1, "tax": 1.5,
        "budget": 1.5, "debt": 2, "loan": 2, "dollar": 1.5, "billion": 1.5, "million": 0.5,
        "money": 1.5, "earnings": 3, "ceo": 2.5, "chief executive": 2.5, "shareholder": 3,
        "share price": 3, "industry": 1.5, "export": 2.5, "import": 2, "mineral": 1.5,
        "rare earth": 2, "commodity": 3, "oil": 1.5, "gas": 1, "growth": 1, "recession": 3,
        "gdp": 3, "currency": 2, "finance": 2, "financial": 2, "fund": 1, "merger": 3,
        "acquisition": 2, "bankruptcy": 3, "startup": 2.5, "supply chain": 3, "consumer": 1.5,
        "retail": 2, "retailer": 3, "manufacturing": 2, "manufacturer": 2, "factory": 1.5,
        "economist": 3, "bond": 1.5, "crypto": 2.5, "bitcoin": 3, "payment": 1,
        "repayment": 1.5, "customer": 1, "pound": 0.5, "euro": 1, "sterling": 2.5,
        "spending": 1, "fiscal": 2.5, "monetary": 2.5, "wall street": 3, "stock market": 3,
        "loss": 0.5, "quarter": 0.5, "subsidy": 1.5, "brand": 1, "product": 1,
    },
    "education": {
        "school": 3, "pupil": 3, "student": 3, "teacher": 3, "university": 2.5, "college": 2,
        "education": 3, "educational": 3, "classroom": 3, "curriculum": 3, "exam": 3,
        "examination": 2, "degree": 1, "graduate": 2, "tuition": 3, "lecturer": 3,
        "professor": 1.5, "academic": 1.5, "campus": 2.5, "headteacher": 3, "head teacher": 3,
        "kindergarten": 3, "scholarship": 2, "learning": 1, "ofsted": 3, "gcse": 3,
        "literacy": 2.5, "school board": 3, "tuition fee": 3, "teaching": 2.5, "undergraduate": 3,
        "semester": 3, "nursery": 1.5, "schoolchild": 3, "lesson": 1.5, "grade": 1,
    },
    "environment": {
        "climate": 3, "climate change": 3, "emission": 3, "carbon": 3, "pollution": 3,
        "pollutant": 3, "environment": 2.5, "environmental": 2.5, "wildlife": 3, "species": 2.5,
        "biodiversity": 3, "conservation": 2.5, "deforestation": 3, "forest": 1.5,
        "renewable": 2.5, "solar": 2, "wind farm": 3, "fossil fuel": 3, "greenhouse gas": 3,
        "net zero": 3, "recycle": 2.5, "recycling": 2.5, "plastic": 1.5, "waste": 1.5,
        "sewage": 2, "ocean": 1, "river": 0.5, "habitat": 2.5, "endangered": 2.5,
        "extinction": 2.5, "ecosystem": 3, "sustainability": 2.5, "sustainable": 2,
        "global warming": 3, "coral": 2, "glacier": 2, "nature": 1, "green": 0.5,
        "clean energy": 3, "energy": 1, "conservationist": 3, "environmentalist": 3,
    },
    "health": {
        "health": 2.5, "hospital": 2.5, "doctor": 2.5, "nurse": 2.5, "patient": 2.5,
        "disease": 3, "virus": 2, "vaccine": 3, "vaccination": 3, "cancer": 3, "treatment": 2,
        "medical": 2.5, "medicine": 2.5, "drug": 1.5, "nhs": 3, "surgery": 2.5, "surgeon": 3,
        "symptom": 3, "infection": 2.5, "outbreak": 2, "pandemic": 3, "covid": 3, "illness": 3,
        "clinic": 2.5, "mental health": 3, "obesity": 3, "diabetes": 3, "dementia": 3,
        "heart": 1, "care": 1, "healthcare": 3, "therapy": 2, "diagnosis": 3, "diagnose": 3,
        "gp": 2, "pharmaceutical": 2, "epidemic": 3, "flu": 3, "measles": 3, "dose": 2,
        "public health": 3, "medication": 3, "ill": 1.5, "stroke": 1.5, "blood": 1,
        "clinical trial": 3, "health service": 3, "waiting list": 2, "a&e": 3, "ward": 1,
    },
    "human interest": {
        "birthday": 2.5, "anniversary": 1.5, "wedding": 2.5, "celebrate": 1.5,
        "celebration": 1.5, "pet": 2.5, "dog": 2, "cat": 1.5, "heartwarming": 3, "reunite": 2.5,
        "reunion": 2, "centenarian": 3, "charity": 1, "volunteer": 1, "hero": 1.5, "royal": 2,
        "prince": 2, "princess": 2, "king": 1, "queen": 1, "viral": 2, "oldest": 1.5,
        "bravery": 2, "kindness": 2.5, "zoo": 2, "lottery": 2.5, "jackpot": 3, "puppy": 3,
        "kitten": 3, "grandmother": 1.5, "grandfather": 1.5, "fundraiser": 2, "record": 0.5,
    },
    "labour": {
        "worker": 2.5, "employee": 2, "strike": 1.5, "union": 1.5, "trade union": 3, "wage": 2.5,
        "salary": 2, "pay": 1, "pay rise": 3, "pension": 2, "job": 2, "employment": 2.5,
        "unemployment": 2.5, "layoff": 3, "redundancy": 3, "workforce": 2.5, "employer": 2.5,
        "labor": 1, "walkout": 3, "picket": 3, "minimum wage": 3, "working condition": 3,
        "staff": 1, "hire": 1.5, "recruitment": 2, "industrial action": 3, "payroll": 3,
        "overtime": 2.5, "lay off": 3, "jobless": 3, "workplace": 2.5, "apprenticeship": 2.5,
    },
    "lifestyle and leisure": {
        "travel": 2, "holiday": 2, "vacation": 2, "tourism": 2.5, "tourist": 2.5,
        "restaurant": 2.5, "food": 1.5, "recipe": 3, "cooking": 2.5, "chef": 2.5, "fashion": 2.5,
        "garden": 2, "gardening": 3, "hobby": 3, "fitness": 1.5, "diet": 1.5, "wine": 1.5,
        "shopping": 1.5, "hotel": 2, "cruise": 2, "leisure": 3, "beauty": 1.5, "wellness": 2,
        "yoga": 3, "camping": 3, "hiking": 3, "beach": 1.5, "dating": 2, "cocktail": 3,
        "skincare": 3, "interior": 1.5, "makeover": 3, "lifestyle": 3,
    },
    "politics": {
        "president": 1.5, "minister": 2, "prime minister": 2.5, "election": 3, "vote": 2,
        "voter": 3, "government": 2, "parliament": 3, "parliamentary": 3, "mp": 2.5,
        "senator": 3, "senate": 3, "congress": 2.5, "congressman": 3, "lawmaker": 3,
        "legislation": 2.5, "bill": 1, "policy": 1.5, "political": 2.5, "politician": 3,
        "party": 1, "campaign": 1.5, "opposition": 2, "diplomat": 2.5, "diplomatic": 2.5,
        "diplomacy": 2.5, "envoy": 2.5, "ambassador": 2.5, "secretary of state": 2.5,
        "foreign minister": 2.5, "foreign affair": 2.5, "white house": 2.5, "kremlin": 2.5,
        "downing street": 3, "administration": 1.5, "summit": 2, "sanction": 1.5,
        "referendum": 3, "democracy": 2, "democrat": 2.5, "republican": 2.5, "conservative": 1.5,
        "chancellor": 2, "governor": 2, "mayor": 2, "council": 1.5, "cabinet": 2.5,
        "ministry": 2, "state department": 2.5, "treaty": 1.5, "official": 1, "leader": 1,
        "coalition": 2, "constitution": 2, "impeachment": 3, "poll": 1.5, "pm": 2,
        "memorandum": 1.5, "counterpart": 1.5, "bilateral": 2, "sovereignty": 2,
        "immigration": 1.5, "border": 1, "politics": 3, "tory": 3, "labour party": 3,
        "premier": 1.5, "regime": 1.5, "negotiation": 1, "talk": 0.5, "press conference": 1,
        "spokesperson": 1, "spokesman": 1, "spokeswoman": 1, "office": 0.5,
    },
    "religion": {
        "church": 3, "religious": 3, "religion": 3, "faith": 2.5, "pope": 3, "priest": 3,
        "bishop": 3, "mosque": 3, "temple": 2, "synagogue": 3, "muslim": 2.5, "christian": 2.5,
        "jewish": 2, "islam": 3, "islamic": 2, "hindu": 2.5, "buddhist": 2.5, "catholic": 3,
        "vatican": 3, "prayer": 3, "pray": 2.5, "worship": 3, "clergy": 3, "imam": 3,
        "rabbi": 3, "cardinal": 1.5, "ramadan": 3, "easter": 2, "christmas": 1, "bible": 3,
        "quran": 3, "god": 2, "spiritual": 2.5, "congregation": 3, "diocese": 3,
        "archbishop": 3, "sermon": 3, "pilgrimage": 3, "cathedral": 2.5, "monk": 3, "nun": 3,
        "theology": 3, "pilgrim": 3, "parish": 3, "vicar": 3, "conclave": 3,
    },
    "science and technology": {
        "scientist": 3, "science": 3, "scientific": 3, "research": 2, "researcher": 2.5,
        "study": 1, "technology": 3, "tech": 2.5, "artificial intelligence": 3, "ai": 3,
        "computer": 2, "software": 3, "internet": 2, "online": 1, "app": 2, "smartphone": 3,
        "data": 1.5, "cyber": 2, "cyberattack": 3, "hack": 2, "hacker": 2.5, "space": 1.5,
        "nasa": 3, "rocket": 2, "satellite": 2, "astronaut": 3, "planet": 2.5, "telescope": 3,
        "physics": 3, "chemistry": 3, "biology": 3, "laboratory": 2.5, "lab": 2,
        "experiment": 2.5, "discovery": 1.5, "innovation": 2, "robot": 3, "chip": 2,
        "semiconductor": 3, "algorithm": 3, "digital": 1.5, "engineer": 2, "quantum": 3,
        "genetic": 2.5, "gene": 2.5, "dna": 2.5, "device": 1.5, "social media": 1.5,
        "chatbot": 3, "physicist": 3, "astronomer": 3, "orbit": 2.5, "spacecraft": 3,
    },
    "society": {
        "community": 1.5, "social": 1.5, "poverty": 3, "homeless": 3, "homelessness": 3,
        "housing": 2, "migrant": 2, "migration": 2, "immigrant": 2, "refugee": 1.5,
        "asylum": 2, "welfare": 2.5, "benefit": 1, "inequality": 3, "discrimination": 3,
        "racism": 3, "gender": 2, "equality": 2, "diversity": 2, "lgbt": 3, "lgbtq": 3, "gay": 2,
        "transgender": 3, "family": 1, "marriage": 1.5, "population": 2, "demographic": 2,
        "protest": 1.5, "protester": 1.5, "activist": 1.5, "charity": 1.5, "volunteer": 1,
        "elderly": 1.5, "youth": 1, "social care": 3, "childcare": 2.5, "abortion": 2.5,
        "civil rights": 3, "human right": 2, "minority": 1.5, "ethnic": 2, "neighbourhood": 1.5,
        "resident": 1, "rent": 1.5, "tenant": 2, "women's right": 3, "feminist": 3,
    },
    "sport": {
        "match": 2, "game": 1.5, "goal": 1.5, "player": 2.5, "team": 2, "coach": 2.5,
        "manager": 1, "league": 3, "cup": 2, "championship": 3, "champion": 2.5,
        "tournament": 3, "season": 1.5, "score": 1.5, "win": 1, "victory": 1, "defeat": 1.5,
        "football": 3, "soccer": 3, "cricket": 3, "rugby": 3, "tennis": 3, "golf": 3,
        "basketball": 3, "baseball": 3, "athletics": 3, "athlete": 3, "olympic": 3,
        "olympics": 3, "world cup": 3, "stadium": 3, "fan": 0.5, "club": 1.5, "striker": 3,
        "midfielder": 3, "goalkeeper": 3, "defender": 1.5, "penalty": 1.5, "referee": 3,
        "premier league": 3, "wicket": 3, "innings": 3, "race": 1.5, "racing": 2,
        "grand prix": 3, "formula one": 3, "medal": 2.5, "marathon": 2.5, "boxing": 3,
        "boxer": 3, "final": 1, "semi final": 3, "quarter final": 3, "kick off": 2,
        "half time": 3, "scorer": 3, "hat trick": 3, "squad": 2.5, "pitch": 1.5, "bowler": 2.5,
        "batsman": 3, "lap": 2, "podium": 2.5, "sport": 3, "sporting": 3, "fixture": 2.5,
        "title": 0.5, "header": 1.5, "equaliser": 3, "equalizer": 3, "winner": 1, "draw": 1,
        "substitute": 2, "playoff": 3, "trophy": 2.5, "cyclist": 2.5, "swimmer": 2.5,
        "opponent": 1, "set": 0.5, "serve": 0.5, "break point": 3,
    },
    "weather": {
        "weather": 3, "forecast": 2.5, "forecaster": 3, "rain": 2.5, "rainfall": 3, "snow": 2.5,
        "temperature": 2, "heatwave": 3, "heat": 1.5, "storm": 2, "wind": 1.5, "gust": 3,
        "sunshine": 2.5, "sunny": 2.5, "cloud": 1.5, "cloudy": 3, "fog": 2, "frost": 2.5,
        "ice": 1, "thunderstorm": 3, "met office": 3, "meteorologist": 3, "celsius": 2.5,
        "fahrenheit": 2.5, "humid": 2.5, "humidity": 2.5, "drought": 1.5, "hurricane": 2,
        "cold": 1, "warm": 1, "hot": 1, "hail": 2.5, "blizzard": 3, "weather warning": 3,
        "yellow warning": 3, "amber warning": 3, "downpour": 3, "shower": 1.5, "mph": 1,
        "torrential": 2.5, "freezing": 2, "degree": 0.5,
    },
}

IPTC_SUBJECTS = tuple(SUBJECT_LEXICON)

HEADLINE_WEIGHT = 2.0  # a cue in the headline counts this many times
MIN_SUBJECT_EVIDENCE = 3.0  # raw weight a subject needs (beyond the best one) to be kept
RELATIVE_SUBJECT_THRESHOLD = 0.3  # ... and this share of the best subject's weight
MIN_DISTINCT_CUES = 2  # ... and this many different cue words: one ambiguous word ("forecast") is not a subject
SUBJECT_SATURATION = 6.0  # density (weight per 100 tokens) at which the score reaches ~0.63


def _naive_singular(word: str) -> str:
    """A rough English lemma for plural nouns, used without a parse and as a fallback."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_WORD_RE = re.compile(r"[^\W_]+(?:&[^\W_]+)?")


def _regex_words(text: str) -> list[str]:
    return [w.lower() for w in _WORD_RE.findall(text or "")]


def _forms(lower: str, lemma: str | None = None) -> frozenset[str]:
    forms = {lower, _naive_singular(lower)}
    if lemma:
        forms.add(lemma.lower())
    return frozenset(forms)


def _build_cue_index() -> dict[str, list[tuple[str, tuple[str, ...], float]]]:
    index: dict[str, list[tuple[str, tuple[str, ...], float]]] = defaultdict(list)
    for subject, cues in SUBJECT_LEXICON.items():
        for cue, weight in cues.items():
            words = tuple(_regex_words(cue.replace("-", " ")))
            if words:
                index[words[0]].append((subject, words, float(weight)))
    return index


_CUE_INDEX = _build_cue_index()


def _person_name_words(people: Iterable[Person]) -> set[str]:
    words: set[str] = set()
    for person in people or ():
        for name in [person.name, *person.aliases]:
            for word in _regex_words(strip_accents(name or "")):
                if word not in _TITLE_WORDS and len(word) > 1:
                    words.add(word)
    return words


# Words inside names that do not name the person: honorifics and titles, and the joining words of
# names like "Ann of Cleves" or "St John" (which also occur in subject cues: "secretary of state").
_TITLE_WORDS = TITLES | {"st", "saint", "the", "of"}


def _body_token_forms(doc, document: Document, people) -> list[frozenset[str]]:
    """Word forms of the body, skipping punctuation and words that belong to person names."""
    name_words = _person_name_words(people)
    if doc is None:
        return [
            _forms(word) for word in _regex_words(strip_accents(document.body))
            if word not in name_words
        ]
    in_mentions = {offset for p in people or () for m in p.mentions for offset in range(m.start, m.end)}
    forms = []
    for token in doc:
        if token.is_punct or token.is_space or not any(ch.isalnum() for ch in token.text):
            continue
        if token.ent_type_ == "PERSON":
            continue
        if token.idx in in_mentions:
            continue
        lower = strip_accents(token.lower_)
        if lower in name_words:
            continue
        if lower in {"'s", "’s", "s"}:
            continue
        forms.append(_forms(lower, strip_accents(token.lemma_)))
    return forms


def _cue_weights(token_forms: list[frozenset[str]], cues_seen: dict | None = None) -> Counter:
    """Lexicon weight per subject; ``cues_seen`` collects which distinct cues each subject matched."""
    weights: Counter = Counter()
    n = len(token_forms)
    for i, forms in enumerate(token_forms):
        candidates = set()
        for form in forms:
            candidates.update(_CUE_INDEX.get(form, ()))
        for subject, words, weight in candidates:
            if i + len(words) > n:
                continue
            if all(words[k] in token_forms[i + k] for k in range(1, len(words))):
                weights[subject] += weight
                if cues_seen is not None:
                    cues_seen.setdefault(subject, set()).add(words)
    return weights


def subject_weights(doc, document: Document, people=(), cues_seen: dict | None = None) -> tuple[Counter, int]:
    """Raw lexicon weight per subject (headline counted ``HEADLINE_WEIGHT`` times) and token count."""
    body_forms = _body_token_forms(doc, document, people)
    weights = _cue_weights(body_forms, cues_seen)
    if document.headline:
        name_words = _person_name_words(people)
        headline_forms = [
            _forms(w) for w in _regex_words(strip_accents(document.headline))
            if w not in name_words
        ]
        for subject, weight in _cue_weights(headline_forms, cues_seen).items():
            weights[subject] += HEADLINE_WEIGHT * weight
    return weights, len(body_forms)


def find_subjects(doc, document: Document, people=()) -> list[Topic]:
    cues_seen: dict = {}
    weights, n_tokens = subject_weights(doc, document, people, cues_seen)
    if not weights:
        return []
    length = max(n_tokens, 150) / 100.0  # short texts are not rewarded with huge densities
    ranked = sorted(weights.items(), key=lambda item: (-item[1], IPTC_SUBJECTS.index(item[0])))
    best = ranked[0][1]
    topics = []
    for rank, (subject, weight) in enumerate(ranked):
        if rank > 0 and (
            weight < MIN_SUBJECT_EVIDENCE
            or weight < RELATIVE_SUBJECT_THRESHOLD * best
            or len(cues_seen.get(subject, ())) < MIN_DISTINCT_CUES
        ):
            continue
        density = weight / length
        score = 1.0 - math.exp(-density / SUBJECT_SATURATION)
        topics.append(Topic(subject, "subject", round(max(score, 0.001), 3)))
    return topics


# ---------------------------------------------------------------------------------------------
# (b) Key phrases: recurring adjective/noun + noun bigrams and trigrams from noun chunks.
# ---------------------------------------------------------------------------------------------

MAX_PHRASES = 8
try:
    from spacy.lang.en.stop_words import STOP_WORDS as _STOP_WORDS
except ImportError:  # pragma: no cover - spaCy is installed wherever parses exist
    _STOP_WORDS = frozenset()
_PHRASE_ENT_TYPES = {
    "PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL",
    "MONEY", "PERCENT", "QUANTITY", "EVENT",
}
_VAGUE_ADJECTIVES = {
    "other", "more", "most", "further", "many", "several", "few", "next", "last", "first",
    "second", "third", "such", "same", "own", "various", "certain", "new", "big", "great",
    "good", "bad", "high", "highest", "large", "long", "little", "main", "major", "recent",
    "previous", "latest", "full", "whole", "entire", "possible", "current", "former", "top",
    "early", "late", "real", "important", "key", "huge", "small", "old", "little", "clear",
    "coming", "past", "different", "similar", "additional", "particular", "specific",
    "likely", "able", "tremendous", "greatest", "best", "worst", "less", "least", "much",
}
# Heads that describe people or time, not what the article is about.
_EXCLUDED_HEADS = {
    "president", "minister", "secretary", "envoy", "spokesman", "spokeswoman", "spokesperson",
    "counterpart", "official", "chief", "leader", "ambassador", "director", "man", "woman",
    "people", "person", "thing", "way", "time", "lot", "point", "day", "week", "year", "month",
    "hour", "minute", "number", "part", "kind", "fact", "matter", "side", "level", "morning",
    "evening", "night", "afternoon", "today", "yesterday", "tomorrow", "picture", "image",
    "photo", "reporter", "journalist", "spokesperson", "fan", "case", "end", "sort",
    "statement", "comment", "article", "story", "mr", "mrs", "ms",
}


def _phrase_token_ok(token, name_words: set[str]) -> bool:
    if token.pos_ not in ("NOUN", "ADJ"):
        return False
    if token.is_stop or not token.is_alpha or len(token.text) < 2:
        return False
    if token.ent_type_ in _PHRASE_ENT_TYPES:
        return False
    lower = strip_accents(token.lower_)
    if lower in _VAGUE_ADJECTIVES or lower in name_words:
        return False
    return True


# Plural-looking nouns whose lemma would be misleading ("media" -> "medium").
_KEEP_AS_IS = {"media", "data", "news", "arms", "goods", "earnings", "politics", "species",
               "series", "economics", "physics", "athletics", "olympics", "headquarters"}


def _head_lemma(token) -> str:
    lower = strip_accents(token.lower_)
    if lower in _KEEP_AS_IS:
        return lower
    return strip_accents(token.lemma_.lower())


def _headline_bigrams(doc, document: Document, people) -> dict[str, str]:
    """Noun(+noun) bigrams of the headline whose words the body uses as nouns/adjectives.

    Headlines are often mis-parsed ("trade deal edges closer" makes "deal" a verb), so pairs
    of headline words are checked against how the body tags them instead.
    Returns phrase key -> surface form.
    """
    if not document.headline:
        return {}
    name_words = _person_name_words(people)
    body_nouns: set[str] = set()
    body_modifiers: set[str] = set()
    entity_words: set[str] = set()
    for token in doc:
        lower = strip_accents(token.lower_)
        if token.ent_type_:
            entity_words.add(lower)
            continue
        if token.pos_ == "NOUN":
            body_nouns.update({lower, _head_lemma(token)})
            body_modifiers.update({lower, _head_lemma(token)})
        elif token.pos_ == "ADJ":
            body_modifiers.add(lower)
    words = _regex_words(strip_accents(document.headline))
    result = {}
    for a, b in zip(words, words[1:]):
        if any(
            w in name_words or w in entity_words or w in _VAGUE_ADJECTIVES or len(w) < 3
            or not w.isalpha() or w in _STOP_WORDS
            for w in (a, b)
        ):
            continue
        head = b if b in _KEEP_AS_IS else _naive_singular(b)
        if head in _EXCLUDED_HEADS or b in _EXCLUDED_HEADS:
            continue
        if head in body_nouns and (a in body_modifiers or _naive_singular(a) in body_modifiers):
            result[f"{a} {head}"] = f"{a} {b}"
    return result


def _phrase_candidates(doc, people) -> tuple[Counter, dict[str, set[str]]]:
    """Count normalised phrase keys; also remember the surface forms of each key."""
    name_words = _person_name_words(people)
    counts: Counter = Counter()
    surfaces: dict[str, set[str]] = defaultdict(set)
    for chunk in doc.noun_chunks:
        runs, run = [], []
        for token in chunk:
            if _phrase_token_ok(token, name_words):
                run.append(token)
            else:
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
        seen_in_chunk = set()
        for run in runs:
            for end in range(len(run)):
                head = run[end]
                if head.pos_ != "NOUN":
                    continue
                head_lemma = _head_lemma(head)
                if head_lemma in _EXCLUDED_HEADS or head.lower_ in _EXCLUDED_HEADS:
                    continue
                for size in (2, 3):
                    start = end - size + 1
                    if start < 0:
                        continue
                    words = [strip_accents(t.lower_) for t in run[start:end]] + [head_lemma]
                    if len(set(words)) < len(words):
                        continue
                    key = " ".join(words)
                    if key in seen_in_chunk:
                        continue
                    seen_in_chunk.add(key)
                    counts[key] += 1
                    surfaces[key].add(" ".join(t.lower_ for t in run[start : end + 1]))
    return counts, surfaces


def _in_text(surface: str, text_lower: str) -> bool:
    # The substring test first: building the word-boundary regex is the costly part, and most fail.
    return surface in text_lower and re.search(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text_lower) is not None


def find_phrases(
    doc, document: Document, people=(), limit: int = MAX_PHRASES, headline_doc=None
) -> list[Topic]:
    if doc is None:
        return []
    counts, surfaces = _phrase_candidates(doc, people)
    headline_keys: set[str] = set()
    if headline_doc is not None:
        headline_counts, headline_surfaces = _phrase_candidates(headline_doc, people)
        headline_keys = set(headline_counts)
        for key, forms in headline_surfaces.items():
            surfaces[key] |= forms
    for key, surface in _headline_bigrams(doc, document, people).items():
        headline_keys.add(key)
        surfaces[key].add(surface)
    headline = strip_accents((document.headline or "").lower())
    values = {}
    for key in set(counts) | headline_keys:
        count = counts.get(key, 0)
        in_headline = key in headline_keys or (
            bool(headline) and any(_in_text(s, headline) for s in surfaces[key] | {key})
        )
        if count >= 2 or in_headline:
            values[key] = count + (2 if in_headline else 0)
    ranked = sorted(values.items(), key=lambda item: (-item[1], len(item[0].split()), item[0]))
    chosen: list[tuple[str, float]] = []
    for key, value in ranked:
        words = key.split()
        if any(_overlaps(words, other.split()) for other, _ in chosen):
            continue
        chosen.append((key, value))
        if len(chosen) >= limit:
            break
    if not chosen:
        return []
    top = chosen[0][1]
    return [Topic(key, "phrase", round(value / top, 3)) for key, value in chosen]


def _overlaps(a: list[str], b: list[str]) -> bool:
    """True when one phrase is a contiguous part of the other ("peace talk" / "peace talk plan")."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))


# ---------------------------------------------------------------------------------------------
# (c) Places and organisations from named entities, canonicalised.
# ---------------------------------------------------------------------------------------------

MAX_ENTITIES = 8

CANONICAL_NAMES = {
    "us": "United States", "u.s.": "United States", "u.s": "United States",
    "usa": "United States", "u.s.a.": "United States", "u.s.a": "United States",
    "united states": "United States", "united states of america": "United States",
    "america": "United States", "states": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "u.k": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "eu": "European Union", "european union": "European Union",
    "un": "United Nations", "u.n.": "United Nations", "united nations": "United Nations",
    "nato": "NATO", "nasa": "NASA", "opec": "OPEC", "unesco": "UNESCO", "unicef": "UNICEF",
    "uae": "United Arab Emirates", "russian federation": "Russia",
    "hague": "The Hague", "gaza strip": "Gaza", "white house": "White House",
    "kremlin": "Kremlin", "state department": "State Department", "fbi": "FBI", "cia": "CIA",
    "nhs": "NHS", "bbc": "BBC", "who": "World Health Organization",
    "world health organisation": "World Health Organization", "imf": "IMF",
    "international monetary fund": "IMF", "ukraine": "Ukraine", "the ukraine": "Ukraine",
    "pentagon": "Pentagon", "downing street": "Downing Street", "no 10": "Downing Street",
    "number 10": "Downing Street", "congress": "Congress", "us congress": "Congress",
    "senate": "Senate", "supreme court": "Supreme Court", "met police": "Metropolitan Police",
    "metropolitan police": "Metropolitan Police", "scotland yard": "Metropolitan Police",
    "hamas": "Hamas", "hezbollah": "Hezbollah", "idf": "Israel Defense Forces",
}
# Canonical names that are organisations even when spaCy labels them as places or facilities.
_ORGANISATION_NAMES = {
    "White House", "Kremlin", "State Department", "Pentagon", "Downing Street", "Congress",
    "Senate", "Supreme Court", "NATO", "European Union", "United Nations",
}
# Fragments of titles and other furniture that spaCy picks up as ORG/GPE.
_ENTITY_STOPLIST = {
    "state", "foreign affairs", "europe and foreign affairs", "pm", "mp", "l", "r", "picture",
    "getty", "getty images", "reuters", "ap", "afp", "pa", "pa media", "epa", "shutterstock",
    "home office", "home", "office", "defence", "defense", "justice", "health", "treasury",
}
_TITLE_HEADS = {"secretary", "minister", "commissioner", "ministers", "secretaries"}
_PLACE_LABELS = {"GPE", "LOC"}
_ORG_LABELS = {"ORG"}


def _clean_entity_text(text: str) -> str:
    text = text.replace("’", "'").replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"('s|')$", "", text).strip()
    text = text.strip(" .,;:!?\"()[]-–—")
    if text.lower().startswith("the "):
        text = text[4:].strip()
    return text


def canonical_entity(text: str) -> str:
    """Canonical human-readable name of a place or organisation mention."""
    cleaned = _clean_entity_text(text)
    return CANONICAL_NAMES.get(cleaned.lower().rstrip("."), CANONICAL_NAMES.get(cleaned.lower(), cleaned))


def _in_title(ent) -> bool:
    """True for "State" in "Secretary of State" and "Europe" in "Minister for Europe and ..."."""
    doc = ent.doc
    i = ent.start - 1
    steps = 0
    while i >= 0 and steps < 6:
        token = doc[i]
        lower = token.lower_
        if lower in _TITLE_HEADS:
            return steps > 0 and doc[ent.start - 1].lower_ in ("of", "for", "and")
        if lower in ("of", "for", "and") or (token.is_title and token.pos_ == "PROPN"):
            i -= 1
            steps += 1
            continue
        break
    return False


def _person_names(people, doc) -> tuple[set[str], set[str]]:
    """Lower-cased full person names/aliases and the words of those names."""
    names: set[str] = set()
    for person in people or ():
        for name in [person.name, *person.aliases]:
            if name:
                names.add(strip_accents(_clean_entity_text(name)).lower())
    if doc is not None:
        # Names spaCy labels PERSON more often than anything else (it mislabels some
        # persons as ORG/GPE, and some places as PERSON, so a single label is not trusted).
        labels: dict[str, Counter] = defaultdict(Counter)
        for ent in doc.ents:
            key = strip_accents(_clean_entity_text(ent.text)).lower()
            labels[key]["PERSON" if ent.label_ == "PERSON" else "other"] += 1
        for key, counter in labels.items():
            if counter["PERSON"] > counter["other"]:
                names.add(key)
    words = set()
    for name in names:
        words.update(w for w in _regex_words(name) if w not in _TITLE_WORDS and len(w) > 1)
    return names, words


def _entity_mentions(doc, person_names: set[str], person_words: set[str]):
    """(kind, canonical name, surface text) for each place/organisation entity of ``doc``."""
    for ent in doc.ents:
        if ent.label_ in _PLACE_LABELS:
            kind = "place"
        elif ent.label_ in _ORG_LABELS or ent.label_ == "FAC":
            kind = "organisation"
        else:
            continue
        if len(ent) == 1 and ent[0].pos_ == "ADJ":  # "Ukrainian" tagged as GPE
            continue
        name = canonical_entity(ent.text)
        if ent.label_ == "FAC" and name not in _ORGANISATION_NAMES:
            continue
        if name in _ORGANISATION_NAMES:
            kind = "organisation"
        lower = strip_accents(name).lower()
        if len(name) < 2 or not any(ch.isalpha() for ch in name) or name == name.lower():
            continue
        if lower in _ENTITY_STOPLIST or _in_title(ent):
            continue
        words = [w for w in _regex_words(lower)]
        if lower in person_names or (words and all(w in person_words for w in words)):
            continue
        yield kind, name, _clean_entity_text(ent.text)


def _count_surfaces(text: str, surfaces: dict) -> Counter:
    """Occurrences of each key's surface forms in ``text``, longest forms first, no overlaps."""
    pairs = sorted(
        ((surface, key) for key, forms in surfaces.items() for surface in forms),
        key=lambda pair: -len(pair[0]),
    )
    claimed: list[tuple[int, int]] = []
    counts: Counter = Counter()
    for surface, key in pairs:
        for match in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
            start, end = match.span()
            if any(start < e and s < end for s, e in claimed):
                continue
            claimed.append((start, end))
            counts[key] += 1
    return counts


def find_entities(
    doc, document: Document, people=(), limit: int = MAX_ENTITIES, headline_doc=None
) -> list[Topic]:
    if doc is None:
        return []
    person_names, person_words = _person_names(people, doc)
    counts: dict[str, Counter] = {"place": Counter(), "organisation": Counter()}
    surfaces: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, name, surface in _entity_mentions(doc, person_names, person_words):
        counts[kind][name] += 1
        surfaces[(kind, name)].add(surface)
    # spaCy labels the same string differently from sentence to sentence ("Kyiv" as GPE, then
    # as PERSON), so the mentions of each accepted name are recounted in the text itself.
    for key, count in _count_surfaces(doc.text, surfaces).items():
        kind, name = key
        counts[kind][name] = max(counts[kind][name], count)
    headline_names: set[tuple[str, str]] = set()
    if headline_doc is not None:
        for kind, name, _ in _entity_mentions(headline_doc, person_names, person_words):
            headline_names.add((kind, name))
            counts[kind][name] += 0  # headline-only entities are candidates too
    headline = strip_accents(document.headline or "")
    topics: list[Topic] = []
    for kind in ("place", "organisation"):
        values = {}
        for name, count in counts[kind].items():
            forms = surfaces[(kind, name)] | {name}
            in_headline = (kind, name) in headline_names or bool(headline) and any(
                _in_text(strip_accents(f), headline)
                for f in forms
            )
            values[name] = count + (2 if in_headline else 0)
        ranked = sorted(values.items(), key=lambda item: (-item[1], item[0]))
        kept = [(n, v) for n, v in ranked if v >= 2][:limit]
        if not kept:
            continue
        top = kept[0][1]
        topics.extend(Topic(n, kind, round(v / top, 3)) for n, v in kept)
    return topics


# ---------------------------------------------------------------------------------------------


def find_topics(
    doc, document: Document, people: list[Person] | None = None, headline_doc=None
) -> list[Topic]:
    """Subjects (most central first), then key phrases, places and organisations.

    ``headline_doc`` is the parse of the headline, when there is one: it lets a phrase or place
    that only the headline names count.
    """
    people = people or []
    topics = find_subjects(doc, document, people)
    topics += find_phrases(doc, document, people, headline_doc=headline_doc)
    topics += find_entities(doc, document, people, headline_doc=headline_doc)
    return topics
