"""Polyphonic characters read in their sentence, by g2pM's model run on many sentences at once.

为 is wèi in 为了 and wéi in 以人民为中心; 地 is de in 积极地 and dì in 各地. No list of words
can decide a character that stands alone, so the characters pypinyin's phrase data and the
project's checked readings leave open are given to a context model: g2pM (Park and Lee,
Interspeech 2020), a one-layer bidirectional LSTM trained on the CPP polyphone corpus, whose
package ships its weights and needs only numpy. On the CPP development split it reads 97.4%
of the labelled characters right, against pypinyin's 87.5% (``bench/polyphones.py``).

Its package reads one sentence per call (about 1.4 ms each). Here its weights run on batches
of sentences of similar length padded to one length, which costs a fraction of that per
sentence, and a prediction is taken only among the readings the character has (the model's
last layer scores all 876 readings it knows, so it can name one the character never has).
"""

from __future__ import annotations

import os
from functools import cached_property

# The model's matrices are small (128 × 64): BLAS threads only get in each other's way, and the
# build already runs a process per core. Set before numpy is first imported, which loads BLAS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from g2pM import G2pM  # noqa: E402
from g2pM.g2pM import BOS_TOKEN, EOS_TOKEN, UNK_TOKEN  # noqa: E402

BATCH = 64  # sentences run through the model at once
LONGEST = 400  # characters of a sentence given to the model; a longer run is read in pieces of this size

# A numbered reading as g2pM writes it ("wei2"; "de5" for the neutral tone)
Numbered = str


class PolyphoneModel:
    """g2pM's weights, run on batches of sentences."""

    def __init__(self):
        self._g2pm = G2pM()
        # Its weights are stored as float32 and its states start as float64: numpy multiplies
        # mixed types several times slower than one type, so the weights are made float64.
        for name, value in vars(self._g2pm).items():
            if isinstance(value, np.ndarray) and value.dtype == np.float32:
                setattr(self._g2pm, name, value.astype(np.float64))
        self._bos = self._g2pm.char2idx[BOS_TOKEN]
        self._eos = self._g2pm.char2idx[EOS_TOKEN]
        self._unknown = self._g2pm.char2idx[UNK_TOKEN]

    @cached_property
    def polyphonic(self) -> frozenset[str]:
        """The characters the model decides: those with more than one reading in its dictionary."""
        return frozenset(char for char, readings in self._g2pm.cedict.items() if len(readings) > 1)

    @cached_property
    def _choices(self) -> dict[str, np.ndarray]:
        """For each polyphonic character, the model's class numbers of the readings it has."""
        class_of = {reading: number for number, reading in self._g2pm.idx2class.items()}
        choices = {char: [class_of[r] for r in self._g2pm.cedict[char] if r in class_of] for char in self.polyphonic}
        return {char: np.array(numbers, dtype=np.int64) for char, numbers in choices.items() if numbers}

    def read(self, sentences: list[str]) -> list[tuple[Numbered | None, ...]]:
        """For each sentence, each character's reading in it: the model's for a polyphonic
        character, None for any other character."""
        pieces: list[str] = []  # sentences cut to the longest the model is given
        for sentence in sentences:
            pieces.extend(sentence[start:start + LONGEST] for start in range(0, len(sentence), LONGEST))
        needed = sorted({piece for piece in pieces if any(char in self._choices for char in piece)}, key=len)
        found: dict[str, tuple[Numbered | None, ...]] = {}
        for start in range(0, len(needed), BATCH):
            batch = needed[start:start + BATCH]
            found.update(zip(batch, self._predict(batch), strict=True))
        results = []
        for sentence in sentences:
            readings: list[Numbered | None] = []
            for start in range(0, len(sentence), LONGEST):
                piece = sentence[start:start + LONGEST]
                readings.extend(found.get(piece) or (None,) * len(piece))
            results.append(tuple(readings))
        return results

    def _predict(self, batch: list[str]) -> list[tuple[Numbered | None, ...]]:
        """The readings of the polyphonic characters of sentences that each have at least one."""
        model = self._g2pm
        width = max(map(len, batch)) + 2
        ids = np.zeros((len(batch), width), dtype=np.int32)  # 0 is the model's padding
        for row, sentence in enumerate(batch):
            ids[row, :len(sentence) + 2] = [self._bos, *(model.char2idx.get(c, self._unknown) for c in sentence),
                                            self._eos]
        lengths = [len(sentence) + 2 for sentence in batch]
        forward = model.get_embedding(ids)
        backward = model.get_embedding(model.reverse_sequence(ids, lengths))
        forward_state = backward_state = None
        forward_hidden, backward_hidden = [], []
        for step in range(width):
            forward_state = model.fw_lstm_cell(forward[:, step, :], forward_state)
            backward_state = model.bw_lstm_cell(backward[:, step, :], backward_state)
            forward_hidden.append(forward_state[0])
            backward_hidden.append(backward_state[0])
        hidden = np.concatenate([np.stack(forward_hidden, axis=1),
                                 model.reverse_sequence(np.stack(backward_hidden, axis=1), lengths)], axis=2)
        places = [(row, at) for row, sentence in enumerate(batch) for at, char in enumerate(sentence)
                  if char in self._choices]
        rows, columns = zip(*places, strict=True)
        logits = model.fc_layer(hidden[np.array(rows), np.array(columns) + 1])  # +1: the sentence follows BOS
        readings: list[list[Numbered | None]] = [[None] * len(sentence) for sentence in batch]
        for (row, at), scores in zip(places, logits, strict=True):
            choices = self._choices[batch[row][at]]
            readings[row][at] = model.idx2class[int(choices[np.argmax(scores[choices])])]
        return [tuple(sentence) for sentence in readings]
