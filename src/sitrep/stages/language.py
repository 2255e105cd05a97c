"""Language identification: which supported language a document is in, or why it is skipped."""
from __future__ import annotations

from functools import cache

from pydantic import BaseModel

from sitrep import lang as langdata

# below this many letters the identifier guesses; such documents are skipped, not coded
MIN_LETTERS = 20
# Below this probability the identifier's answer is a guess (junk, lists of names, a mix of
# languages): the document is skipped. Among 4,996 real English and French news articles and
# ACLED notes, the lowest probability of a right answer was 0.21 (a one-line note).
MIN_PROBABILITY = 0.15


class LanguageDecision(BaseModel):
    lang: str | None
    reason: str | None = None


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str, declared: str | None = None) -> LanguageDecision:
    """The language to parse ``text`` with. A declared language other than "auto" is trusted when
    sitrep supports it; otherwise the text is identified."""
    supported = langdata.supported_languages()
    if declared and declared != "auto":
        code = declared.lower().split("-")[0]
        if code in supported:
            return LanguageDecision(lang=code)
        return LanguageDecision(lang=None, reason=f"unsupported language {declared!r} (supported: {', '.join(supported)})")
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return LanguageDecision(lang=None, reason="too little text to identify its language")
    code, probability = _identifier().classify(text)
    if probability < MIN_PROBABILITY:
        return LanguageDecision(lang=None, reason=f"language uncertain (best guess {code!r}, p={probability:.2f}): "
                                                  "declare it (--lang, or \"language\" in a batch)")
    if code not in supported:
        return LanguageDecision(lang=None, reason=f"unsupported language {code!r} (p={probability:.2f}; supported: {', '.join(supported)})")
    return LanguageDecision(lang=code)
