"""Sort keys shared by pages and templates."""
import functools
import unicodedata


@functools.lru_cache(maxsize=None)  # the same few thousand names, sorted on many pages
def pinyin_key(pinyin: str) -> str:
    """Pinyin without tone marks, lower case: sān nóng → san nong."""
    return "".join(c for c in unicodedata.normalize("NFD", pinyin.lower()) if not unicodedata.combining(c))
