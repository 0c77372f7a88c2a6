"""The turns of an interview transcript in the body ("HOST: Why now?" / "ANN LEE: Because ...")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicons
from .names import fold

# A turn: a speaker in capitals (one to three words), a colon, then what was said.
_TURN = re.compile(r"^((?:[A-Z][A-Z.'’-]+ ){0,2}[A-Z][A-Z'’-]+):\s+(\S.*)$", re.S)
# Capitalised labels before a colon that are not speakers ("UPDATE: …", "WASHINGTON: …" is a dateline).
_NOT_SPEAKERS = lexicons.words("not_turn_speakers")


@dataclass(frozen=True)
class Turn:
    paragraph: int  # index of the paragraph the turn is
    label: str  # the speaker as the transcript writes it: "ANN LEE", "HOST", "NF"
    said_at: int  # offset in the paragraph where what was said starts


def transcript_turns(paragraphs: list[str]) -> list[Turn]:
    """The paragraphs that are turns of a transcript, when the body has turns of at least two
    speakers (one "NAME: text" paragraph is a heading or a dateline, not a transcript)."""
    turns = []
    for n, paragraph in enumerate(paragraphs):
        match = _TURN.match(paragraph)
        if match is None:
            continue
        label = match.group(1).strip()
        if fold(label) in _NOT_SPEAKERS or len(match.group(2).split()) < 2:
            continue
        turns.append(Turn(paragraph=n, label=label, said_at=match.start(2)))
    if len({turn.label for turn in turns}) < 2:
        return []
    return turns
