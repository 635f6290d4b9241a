"""Slides kept packed: pickled and compressed a batch at a time, unpacked on use.

As objects, a slide takes about ten times the bytes of the text it was written in (a
10,000-slide deck of 2.8 MB held 36 MB of slides). The app shows one slide at a time, so
it keeps a big deck's slides packed: every :data:`BATCH` slides become one compressed
pickle, and the few batches in use are kept unpacked. Search reads a second compressed
blob per batch, the slides' search text, so it never unpacks slides.

:class:`SlideStore` is what a parser appends to; :meth:`SlideStore.view` gives the
immutable :class:`PackedSlides` sequence a :class:`~presenter.model.Deck` holds. Exports
and checks, which walk every slide once, keep plain tuples and never come here.
"""

from __future__ import annotations

import pickle
import zlib
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import overload

from presenter.model import Slide
from presenter.plaintext import slide_search_text

BATCH = 16
"""Slides per packed batch. Packing a batch is one step of reading a big deck, and a key
press that crosses into another batch unpacks one: 16 slides take about 1 ms each way
(64 took 4-6 ms, long enough to show in key presses made while a deck is read), for about
a fifth more bytes than batches of 64."""

KEEP = 8
"""Unpacked batches kept for reuse (the current slide's, its neighbours', the overview's)."""

_SEPARATOR = "\0"  # the cleaner keeps control characters out of slides, so never in a text


def _pack(slides: Sequence[Slide]) -> tuple[bytes, bytes]:
    texts = _SEPARATOR.join(slide_search_text(slide).casefold() for slide in slides)
    return (
        zlib.compress(pickle.dumps(tuple(slides), protocol=pickle.HIGHEST_PROTOCOL), 1),
        zlib.compress(texts.encode("utf-8"), 1),
    )


class SlideStore:
    """A growing list of slides, packed a batch at a time as it grows.

    Only the last slide may be replaced (a parser adds notes that follow a slide to it);
    at least one slide is always left unpacked for that.
    """

    def __init__(self) -> None:
        self._slides: list[bytes] = []
        self._texts: list[bytes] = []
        self._tail: list[Slide] = []
        self._unpacked: OrderedDict[int, tuple[Slide, ...]] = OrderedDict()
        self._gone = 0
        """Batches before this one were let go (:func:`let_go`)."""

    def __len__(self) -> int:
        return len(self._slides) * BATCH + len(self._tail)

    def append(self, slide: Slide) -> None:
        self._tail.append(slide)
        if len(self._tail) > BATCH:
            slides, texts = _pack(self._tail[:BATCH])
            self._slides.append(slides)
            self._texts.append(texts)
            del self._tail[:BATCH]

    def extend(self, slides: Sequence[Slide]) -> None:
        for slide in slides:
            self.append(slide)

    def __getitem__(self, index: int) -> Slide:
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("slide index out of range")
        batch, offset = divmod(index, BATCH)
        if batch == len(self._slides):
            return self._tail[offset]
        return self._batch(batch)[offset]

    def __setitem__(self, index: int, slide: Slide) -> None:
        if index < 0:
            index += len(self)
        packed = len(self._slides) * BATCH
        if not packed <= index < len(self):
            raise IndexError("only the slides not yet packed can be replaced")
        self._tail[index - packed] = slide

    def view(self, head: Sequence[Slide] = ()) -> PackedSlides:
        """The slides so far (after ``head``) as an immutable sequence; later appends do not
        show in it (the last slide may still gain notes)."""
        return PackedSlides(self, tuple(head), len(self))

    def _batch(self, batch: int, *, keep: bool = True) -> tuple[Slide, ...]:
        """Batch ``batch`` unpacked; ``keep`` it among the :data:`KEEP` in use (a walk through
        the whole deck does not, so it pushes none of them out)."""
        slides = self._unpacked.get(batch)
        if slides is not None:
            self._unpacked.move_to_end(batch)
            return slides
        if batch < self._gone:
            raise LookupError(f"batch {batch} was let go once sent")
        slides = pickle.loads(zlib.decompress(self._slides[batch]))
        if keep:
            self._unpacked[batch] = slides
            while len(self._unpacked) > KEEP:
                self._unpacked.popitem(last=False)
        return slides

    def _texts_of(self, batch: int) -> list[str]:
        if batch == len(self._slides):
            return [slide_search_text(slide).casefold() for slide in self._tail]
        if batch < self._gone:
            raise LookupError(f"batch {batch} was let go once sent")
        return zlib.decompress(self._texts[batch]).decode("utf-8").split(_SEPARATOR)


class PackedSlides(Sequence[Slide]):
    """``head`` and the first ``count`` slides of a :class:`SlideStore`, read-only."""

    __slots__ = ("_store", "_head", "_count")

    def __init__(self, store: SlideStore, head: tuple[Slide, ...], count: int) -> None:
        self._store = store
        self._head = head
        self._count = count

    def __len__(self) -> int:
        return len(self._head) + self._count

    @overload
    def __getitem__(self, index: int) -> Slide: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Slide, ...]: ...
    def __getitem__(self, index: int | slice) -> Slide | tuple[Slide, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("slide index out of range")
        if index < len(self._head):
            return self._head[index]
        return self._store[index - len(self._head)]

    def __iter__(self) -> Iterator[Slide]:
        """Every slide in order, a batch unpacked at a time (and not kept: a walk through the
        whole deck does not push out the batches in use)."""
        yield from self._head
        store, left = self._store, self._count
        for batch in range(len(store._slides)):
            if left <= 0:
                return
            slides = store._batch(batch, keep=False)
            yield from slides[:left]
            left -= len(slides)
        yield from store._tail[: max(0, left)]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to tuples, which hash differently

    def __repr__(self) -> str:
        return f"PackedSlides({len(self)} slides)"

    def __reduce__(self):
        """Pickled still packed, with only this view's slides and no unpacked batches (a forked
        child sends the decks it reads so, presenter/readahead.py)."""
        store = self._store
        batches = min(len(store._slides), -(-self._count // BATCH))
        tail = tuple(store._tail[: max(0, self._count - batches * BATCH)])
        return (_packed_slides, (store._slides[:batches], store._texts[:batches], tail, self._head, self._count))

    def search(self, needle: str) -> list[int]:
        """Indexes of the slides whose search text (title, body, notes; see
        :func:`~presenter.plaintext.slide_search_text`) contains ``needle``, ignoring case."""
        needle = needle.casefold()
        found = _search_unpacked(self._head, needle)
        store, first = self._store, len(self._head)
        batches = -(-self._count // BATCH)
        for batch in range(batches):
            for offset, text in enumerate(store._texts_of(batch)):
                index = batch * BATCH + offset
                if index >= self._count:
                    break
                if needle in text:
                    found.append(first + index)
        return found


def _packed_slides(slides: list[bytes], texts: list[bytes], tail: tuple[Slide, ...], head: tuple[Slide, ...], count: int) -> PackedSlides:
    store = SlideStore()
    store._slides, store._texts, store._tail = slides, texts, list(tail)
    return PackedSlides(store, head, count)


#: What :func:`packed_update` gives: the index of the first new batch, the new batches and
#: their search texts, then the tail, the head and the count of the view.
PackedUpdate = tuple[int, list[bytes], list[bytes], tuple[Slide, ...], tuple[Slide, ...], int]


def packed_update(slides: PackedSlides, known: int) -> PackedUpdate:
    """What a :class:`SlideReceiver` that holds the first ``known`` packed batches of the
    store behind ``slides`` needs to show ``slides`` too: the batches packed since, and the
    few slides not packed yet. A big deck read in a child crosses to the app so, a part at a
    time (presenter/readahead.py): sending the whole deck each time held it twice in each
    process, for the pickle and for the deck, while the app's last deck was still shown."""
    store = slides._store
    batches = min(len(store._slides), -(-slides._count // BATCH))
    tail = tuple(store._tail[: max(0, slides._count - batches * BATCH)])
    return (known, store._slides[known:batches], store._texts[known:batches], tail, slides._head, slides._count)


def let_go(slides: PackedSlides, batches: int) -> None:
    """Drop the first ``batches`` packed batches of the store behind ``slides``, once a
    :class:`SlideReceiver` holds them (:func:`packed_update`). The child that reads a big
    deck for the app keeps only what it has not sent (presenter/readahead.py): it never reads
    its slides again, and it reads on while the app holds them all. Reading a batch that was
    let go raises :class:`LookupError`."""
    store = slides._store
    batches = min(batches, len(store._slides))
    for batch in range(store._gone, batches):
        store._slides[batch] = store._texts[batch] = b""
        store._unpacked.pop(batch, None)
    store._gone = max(store._gone, batches)


class SlideReceiver:
    """The receiving end of :func:`packed_update`: one store that grows by each update, so
    the decks it gives share their packed batches (and the batches kept unpacked)."""

    def __init__(self) -> None:
        self._store = SlideStore()

    @property
    def batches(self) -> int:
        """How many packed batches it holds (what to give :func:`packed_update` as ``known``)."""
        return len(self._store._slides)

    def apply(self, update: PackedUpdate) -> PackedSlides:
        """The slides of ``update``, viewed on the store it extends."""
        first, slides, texts, tail, head, count = update
        store = self._store
        if first != len(store._slides):
            raise ValueError(f"an update from batch {first} to a store of {len(store._slides)} batches")
        store._slides.extend(slides)
        store._texts.extend(texts)
        store._tail = list(tail)
        return PackedSlides(store, head, count)


def search_slides(slides: Sequence[Slide], needle: str) -> list[int]:
    """Indexes of the slides in ``slides`` whose search text contains ``needle``, ignoring case."""
    if isinstance(slides, PackedSlides):
        return slides.search(needle)
    return _search_unpacked(slides, needle.casefold())


def _search_unpacked(slides: Sequence[Slide], needle: str) -> list[int]:
    """:func:`search_slides` for slides held as objects; ``needle`` is casefolded."""
    return [i for i, slide in enumerate(slides) if needle in slide_search_text(slide).casefold()]
